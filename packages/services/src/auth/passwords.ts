import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` (an ambient const enum, not importable under verbatimModuleSyntax). */
const ARGON2ID = 2;

/** Minimum password length (NIST SP 800-63B recommends at least 8; we ask 10). */
export const MIN_PASSWORD_LENGTH = 10;

/** argon2id with the library's defaults (m = 19 MiB, t = 2, p = 1: OWASP's first recommended setting). */
export async function hashUserPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyUserPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): 'too_short' | 'too_long' | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > 256) return 'too_long';
  return null;
}
