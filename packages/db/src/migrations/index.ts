import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-plan-results';
import * as m0003 from './0003-purchase-proposals';
import * as m0004 from './0004-run-inputs';

// Every migration, in order. Names are sortable; never rename or edit an applied migration, add a new one.
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-plan-results': m0002,
  '0003-purchase-proposals': m0003,
  '0004-run-inputs': m0004,
};

/** Kysely migration provider over the statically imported migration files. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
