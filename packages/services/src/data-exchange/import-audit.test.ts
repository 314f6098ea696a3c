import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { runImport } from './run-import';
import { parseCsvText } from './read-tables';

let handle: DatabaseHandle;
beforeAll(async () => { handle = await createTestDatabase(); });
afterAll(async () => { await handle?.close(); });

describe('imports in the audit trail', () => {
  it('records who imported which entities and how many rows, in the import transaction; a refused import records nothing', async () => {
    const actor = { userId: 'u1', email: 'lea@jardinor.example', via: 'session' as const };
    const units = [parseCsvText('code,name,dimension\nEA,Each,count\n', 'units.csv', 'units')];
    const ok = await runImport(handle, { organizationId: 'org-audit', tables: units, today: '2026-11-24', actor });
    expect(ok.written).toBe(true);
    const bad = await runImport(handle, { organizationId: 'org-audit', tables: [parseCsvText('code,name,dimension\nKG,Kilo,nonsense\n', 'units.csv', 'units')], today: '2026-11-24', actor });
    expect(bad.written).toBe(false);
    const rows = (await sql<{ action: string; entity: string; entity_key: string; user_email: string; after: { entities: { entity: string; rows: number }[] } }>`
      select action, entity, entity_key, user_email, after from audit_log where organization_id = 'org-audit'`.execute(handle.db)).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'import', entity: 'data', entity_key: 'unit_of_measure', user_email: 'lea@jardinor.example' });
    expect(rows[0]?.after.entities).toEqual([{ entity: 'unit_of_measure', rows: 1, sources: ['units.csv'] }]);
  });
});
