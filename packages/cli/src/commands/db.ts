import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { translate } from '@flowpilot/contract';
import { backupDatabase, migrateToLatest, resetDatabase, restoreDatabase, type DatabaseBackup } from '@flowpilot/db';
import { CliError, EXIT_CODES, printJson } from '../cli-context';
import { withDatabase } from '../open-cli-database';
import type { CommandRegistration } from './index';

/** `flowpilot db migrate|reset|backup|restore`. */
export const registerDbCommands: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  const db = program.command('db').description(t('cli.db.description')).enablePositionalOptions();

  db.command('migrate').description(t('cli.db.migrate.description')).option('--json', t('cli.option.json')).action(async (options: { json?: boolean }) => {
    const { applied, target } = await withDatabase(context, async (handle) => ({ applied: await migrateToLatest(handle.db), target: handle.target }), { migrate: false });
    if (options.json) printJson(context, { applied, target });
    else context.stdout(t('cli.db.migrate.done', { count: applied.length, target }) + '\n');
  });

  db.command('reset').description(t('cli.db.reset.description')).option('--yes', t('cli.db.reset.option.yes')).option('--json', t('cli.option.json')).action(async (options: { yes?: boolean; json?: boolean }) => {
    if (!options.yes) throw new CliError(EXIT_CODES.usage, t('cli.db.reset.confirm'));
    const target = await withDatabase(context, async (handle) => { await resetDatabase(handle); return handle.target; });
    if (options.json) printJson(context, { reset: true, target });
    else context.stdout(t('cli.db.reset.done', { target }) + '\n');
  });

  db.command('backup').description(t('cli.db.backup.description')).requiredOption('--out <file>', 'backup file (.json.gz)').option('--json', t('cli.option.json')).action(async (options: { out: string; json?: boolean }) => {
    const backup = await withDatabase(context, (handle) => backupDatabase(handle, new Date()));
    await writeFile(options.out, gzipSync(JSON.stringify(backup)));
    const rows = backup.tables.reduce((sum, table) => sum + table.rows.length, 0);
    if (options.json) printJson(context, { path: options.out, rows, tables: backup.tables.map((table) => ({ name: table.name, rows: table.rows.length })) });
    else context.stdout(t('cli.db.backup.done', { path: options.out, rows }) + '\n');
  });

  db.command('restore').description(t('cli.db.restore.description')).argument('<file>', 'backup file (.json.gz)').option('--yes', t('cli.db.restore.option.yes')).option('--json', t('cli.option.json')).action(async (file: string, options: { yes?: boolean; json?: boolean }) => {
    if (!existsSync(file)) throw new CliError(EXIT_CODES.notFound, t('error.file_not_found', { path: file }));
    if (!options.yes) throw new CliError(EXIT_CODES.usage, t('cli.db.restore.confirm'));
    let backup: DatabaseBackup;
    try {
      backup = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as DatabaseBackup;
    } catch (error) {
      throw new CliError(EXIT_CODES.invalidInput, `${file}: not a flowpilot backup (gzip JSON expected)`, { cause: error });
    }
    if (backup === null || typeof backup !== 'object' || backup.format !== 'flowpilot-backup' || backup.version !== 1 || !Array.isArray(backup.tables)) {
      throw new CliError(EXIT_CODES.invalidInput, `${file}: not a flowpilot backup (format "flowpilot-backup", version 1 expected)`);
    }
    const rows = await withDatabase(context, (handle) => restoreDatabase(handle, backup));
    if (options.json) printJson(context, { path: file, rows });
    else context.stdout(t('cli.db.restore.done', { path: file, rows }) + '\n');
  });
};
