import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Config-file keys and the environment variable each one stands for (the variable wins when both are set). */
export const CONFIG_KEYS = {
  databaseUrl: 'DATABASE_URL',
  dataDir: 'FLOWPILOT_DATA_DIR',
  port: 'PORT',
  organization: 'FLOWPILOT_ORG',
  language: 'FLOWPILOT_LANG',
  logLevel: 'FLOWPILOT_LOG_LEVEL',
  secureCookies: 'FLOWPILOT_SECURE_COOKIES',
  bodyLimitBytes: 'FLOWPILOT_BODY_LIMIT_BYTES',
  workerConcurrency: 'FLOWPILOT_WORKER_CONCURRENCY',
  webhookAllowPrivate: 'FLOWPILOT_WEBHOOK_ALLOW_PRIVATE',
  webhookAllowHosts: 'FLOWPILOT_WEBHOOK_ALLOW_HOSTS',
} as const;

export type ConfigFileOutcome = { ok: true; env: Record<string, string | undefined>; path: string | null } | { ok: false; message: string };

/**
 * Merges the config file into the environment: FLOWPILOT_CONFIG names the file, else
 * ./flowpilot.config.json is used when present. A JSON object with the keys of CONFIG_KEYS;
 * an unknown key or a bad value is an error that names it.
 */
export function applyConfigFile(env: Record<string, string | undefined>, cwd = process.cwd()): ConfigFileOutcome {
  const path = env.FLOWPILOT_CONFIG ? resolve(cwd, env.FLOWPILOT_CONFIG) : resolve(cwd, 'flowpilot.config.json');
  if (!existsSync(path)) {
    if (env.FLOWPILOT_CONFIG) return { ok: false, message: `config file ${path} not found (FLOWPILOT_CONFIG)` };
    return { ok: true, env, path: null };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, message: `config file ${path} is not valid JSON: ${(error as Error).message}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, message: `config file ${path} must hold a JSON object` };
  const merged = { ...env };
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const variable = (CONFIG_KEYS as Record<string, string>)[key];
    if (!variable) return { ok: false, message: `config file ${path}: unknown key "${key}"; use ${Object.keys(CONFIG_KEYS).join(', ')}` };
    if (!['string', 'number', 'boolean'].includes(typeof value)) return { ok: false, message: `config file ${path}: "${key}" must be a string, number or boolean` };
    if (merged[variable] === undefined || merged[variable] === '') merged[variable] = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  }
  return { ok: true, env: merged, path };
}
