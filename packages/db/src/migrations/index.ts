import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-plan-results';
import * as m0003 from './0003-purchase-proposals';
import * as m0004 from './0004-run-inputs';
import * as m0005 from './0005-auth-sessions';
import * as m0006 from './0006-jobs';
import * as m0007 from './0007-integration';
import * as m0008 from './0008-improvement-returns';
import * as m0009 from './0009-counting-suppliers';
import * as m0010 from './0010-shipments';
import * as m0011 from './0011-forecast-overrides';
import * as m0012 from './0012-invoices-forecast-snapshots';
import * as m0013 from './0013-distribution-lanes';
import * as m0014 from './0014-stock-point-policy';
import * as m0015 from './0015-sop-scenarios';
import * as m0016 from './0016-policy-replenishment';
import * as m0017 from './0017-policy-parameter-basis';
import * as m0018 from './0018-read-path-indexes';
import * as m0019 from './0019-vehicle-body';

// Every migration, in order. Names are sortable; never rename or edit an applied migration, add a new one.
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-plan-results': m0002,
  '0003-purchase-proposals': m0003,
  '0004-run-inputs': m0004,
  '0005-auth-sessions': m0005,
  '0006-jobs': m0006,
  '0007-integration': m0007,
  '0008-improvement-returns': m0008,
  '0009-counting-suppliers': m0009,
  '0010-shipments': m0010,
  '0011-forecast-overrides': m0011,
  '0012-invoices-forecast-snapshots': m0012,
  '0013-distribution-lanes': m0013,
  '0014-stock-point-policy': m0014,
  '0015-sop-scenarios': m0015,
  '0016-policy-replenishment': m0016,
  '0017-policy-parameter-basis': m0017,
  '0018-read-path-indexes': m0018,
  '0019-vehicle-body': m0019,
};

/** Kysely migration provider over the statically imported migration files. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
