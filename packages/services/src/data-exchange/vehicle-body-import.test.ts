import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { runImport } from './run-import';
import { parseCsvText } from './read-tables';
import { formatImportIssue } from './import-issue';

// Vehicle body dimensions through the import catalogue (vehicules.csv / vehicles.csv): all three or none.

const today = '2026-11-24';
let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await createTestDatabase();
  await sql`insert into organization (id, name) values ('org_a', 'A')`.execute(handle.db);
  await sql`insert into location (organization_id, code, name, location_type) values ('org_a', 'W1', 'Main', 'warehouse')`.execute(handle.db);
});
afterEach(async () => { await handle.close(); });

const bodies = async () => (await sql<{ code: string; body_length_cm: string | null; body_width_cm: string | null; body_height_cm: string | null }>`
  select code, body_length_cm::float8::text as body_length_cm, body_width_cm::float8::text as body_width_cm, body_height_cm::float8::text as body_height_cm
  from vehicle where organization_id = 'org_a' order by code`.execute(handle.db)).rows;

describe('vehicle body dimensions in the import catalogue', () => {
  it('refuses a row giving only some of the body dimensions, naming the empty column, and writes nothing', async () => {
    const text = 'code_vehicule;code_site;type_vehicule;capacite_kg;longueur_utile_cm;largeur_utile_cm;hauteur_utile_cm\nV1;W1;VUL;1200;320;170;190\nV2;W1;VUL;1200;320;;190\nV3;W1;VUL;1200;;;\n';
    const report = await runImport(handle, { organizationId: 'org_a', tables: [parseCsvText(text, 'vehicules.csv', 'vehicules')], today });
    expect(report.written).toBe(false);
    const errors = report.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.row, i.column, i.code])).toEqual([[3, 'largeur_utile_cm', 'all_or_none']]);
    expect(formatImportIssue(errors[0]!, 'fr')).toContain('toutes les colonnes longueur_utile_cm, largeur_utile_cm, hauteur_utile_cm');
    expect(formatImportIssue(errors[0]!, 'en')).toContain('Give all of longueur_utile_cm, largeur_utile_cm, hauteur_utile_cm, or none');
    expect(await bodies()).toEqual([]);
  });

  it('stores the body of a vehicle given all three dimensions (English headers) and none for one given none', async () => {
    const text = 'code,location_code,vehicle_type,capacity_kg,capacity_m3,body_length_cm,body_width_cm,body_height_cm\nSEMI,W1,semi-trailer,24000,90,1360,248,270\nVAN,W1,van,1200,12,,,\n';
    const report = await runImport(handle, { organizationId: 'org_a', tables: [parseCsvText(text, 'vehicles.csv', 'vehicles')], today });
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.written).toBe(true);
    expect(await bodies()).toEqual([
      { code: 'SEMI', body_length_cm: '1360', body_width_cm: '248', body_height_cm: '270' },
      { code: 'VAN', body_length_cm: null, body_width_cm: null, body_height_cm: null },
    ]);
  });
});
