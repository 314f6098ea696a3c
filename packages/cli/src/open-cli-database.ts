import { openDatabase, type DatabaseHandle } from '@flowpilot/db';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, type CliContext } from './cli-context';

/**
 * Opens the database the environment selects: DATABASE_URL (PostgreSQL) or the embedded one.
 * FLOWPILOT_DB_SCHEMA (PostgreSQL only) creates and uses that schema instead of the default search_path.
 */
export function openCliDatabase(context: CliContext, options: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  return openDatabase({
    databaseUrl: context.env.DATABASE_URL,
    dataDir: context.env.FLOWPILOT_DATA_DIR ? `${context.env.FLOWPILOT_DATA_DIR}/db` : undefined,
    schema: context.env.DATABASE_URL ? context.env.FLOWPILOT_DB_SCHEMA || undefined : undefined,
    migrate: options.migrate ?? true,
  });
}

/** The organization a command works on: --org, else FLOWPILOT_ORG, else the demo organization. */
export function organizationOf(context: CliContext, option: string | undefined): string {
  return option ?? context.env.FLOWPILOT_ORG ?? 'demo';
}

/** Runs `work` with an open database and always closes it. */
export async function withDatabase<T>(context: CliContext, work: (handle: DatabaseHandle) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const handle = await openCliDatabase(context, options);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** Today's date (ISO, UTC) — the CLI is where the clock is read. FLOWPILOT_TODAY overrides it for reproducible runs. */
export function todayIso(context: CliContext): string {
  return context.env.FLOWPILOT_TODAY ?? new Date().toISOString().slice(0, 10);
}

/** The as-of date of a planning command: --as-of, else FLOWPILOT_AS_OF, else the demo's date; checked as YYYY-MM-DD. */
export function asOfDateOf(context: CliContext, option: string | undefined, fallback: string): string {
  const value = option ?? context.env.FLOWPILOT_AS_OF ?? fallback;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new CliError(EXIT_CODES.usage, translate(context.language, 'error.usage', { detail: `--as-of must be a date YYYY-MM-DD, got ${value}` }));
  }
  return value;
}

/** A planning horizon in weeks from 1 to 156. */
export function horizonWeeksOf(context: CliContext, option: string): number {
  const weeks = Number(option);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 156) throw new CliError(EXIT_CODES.usage, translate(context.language, 'error.usage', { detail: '--horizon-weeks must be a whole number from 1 to 156' }));
  return weeks;
}
