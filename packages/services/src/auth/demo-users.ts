import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { ROLES, type Role } from '@flowpilot/contract';
import { createUser } from './users';

/** The demo's shared password (documented in the README; a real deployment creates its users with `flowpilot user create`). */
export const DEMO_PASSWORD = 'flowpilot-demo';
export const demoUserEmail = (role: Role): string => `${role}@jardinor.example`;

/** One user per role in the demo organization, created once; returns the emails created now. */
export async function ensureDemoUsers(handle: DatabaseHandle, organizationId: string): Promise<string[]> {
  const created: string[] = [];
  for (const role of ROLES) {
    const email = demoUserEmail(role);
    const exists = (await sql<{ id: string }>`select id from app_user where email = ${email}`.execute(handle.db)).rows[0];
    if (exists) continue;
    const name = { admin: 'Camille Admin', planner: 'Léa Planificatrice', buyer: 'Hugo Acheteur', warehouse: 'Inès Magasin', transport: 'Karim Transport', viewer: 'Paul Lecteur' }[role];
    const outcome = await createUser(handle, { organizationId, email, displayName: name, password: DEMO_PASSWORD, role, language: 'fr', actor: { userId: null, email: null, via: 'system' } });
    if (outcome.ok) created.push(email);
  }
  return created;
}
