import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { seedShipmentFixture } from '@flowpilot/services';
import { runCli } from '../testing/run-cli';
import { createCliTestEnv, type CliTestEnv } from '../testing/cli-test-env';

// flowpilot ship create → label → note → dispatch (twice refused) → deliver, and flowpilot trace lot/shipment, on the shipments fixture.

let test: CliTestEnv;
beforeAll(async () => {
  test = await createCliTestEnv({ FLOWPILOT_NOW: '2026-11-24T08:00:00.000Z', FLOWPILOT_TODAY: '2026-11-24' });
  const handle = await test.open();
  try {
    await seedShipmentFixture(handle, 'demo');
  } finally {
    await handle.close();
  }
});
afterAll(async () => { await test.cleanup(); });

const run = (args: string[], language: 'en' | 'fr' = 'en') => runCli(args, { env: test.env, language });

describe('flowpilot ship and trace', () => {
  it('refuses bad lines with the exit code and a message saying where and what to do', async () => {
    const usage = await run(['ship', 'create', '--warehouse', 'WH', '--lines', 'SO-1']);
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toContain('--lines takes ORDER:LINE[:QUANTITY[:LOT]]');
    const unknown = await run(['ship', 'create', '--warehouse', 'WH', '--lines', 'SO-9:1']);
    expect(unknown.exitCode).toBe(4);
    expect(unknown.stderr).toContain('Sales order line SO-9/1 does not exist');
    const tooMuch = await run(['ship', 'create', '--warehouse', 'WH', '--lines', 'SO-2:1:12'], 'fr');
    expect(tooMuch.exitCode).toBe(3);
    expect(tooMuch.stderr).toContain('Ligne SO-2/1 : 12 demandé mais seulement 10 reste ouvert');
    expect(tooMuch.stderr).toContain('(lines[0].quantity)');
  });

  it('creates, labels, prints the note, dispatches once, delivers with a damaged exception, and traces both ways', async () => {
    const created = await run(['ship', 'create', '--warehouse', 'WH', '--lines', 'SO-1:1,SO-1:2', '--max-per-package', '20', '--json']);
    expect(created.exitCode).toBe(0);
    const shipment = JSON.parse(created.stdout) as { shipmentNumber: string; lines: { lotNumber: string; quantity: number }[]; packages: { sscc: string }[] };
    expect(shipment.shipmentNumber).toBe('SH-1');
    expect(shipment.lines.map((l) => [l.lotNumber, l.quantity])).toEqual([['F-1', 20], ['F-2', 10], ['', 4]]);
    expect(shipment.packages[0]!.sscc).toBe('006141410000000012');

    const svgDir = join(test.dir, 'labels');
    const label = await run(['ship', 'label', 'SH-1', '--svg', svgDir]);
    expect(label.exitCode).toBe(0);
    expect(label.stdout).toContain('[GS1-128 sscc] (00)006141410000000012');
    expect(label.stdout).toContain('[GS1-128 content] (02)04006381333931(17)270131(3102)005000(37)20(10)F-1');
    expect(readdirSync(svgDir).sort()).toEqual(['SH-1-1-006141410000000012.svg', 'SH-1-2-006141410000000029.svg', 'SH-1-3-006141410000000036.svg']);
    expect(readFileSync(join(svgDir, 'SH-1-1-006141410000000012.svg'), 'utf8')).toContain('<rect');

    const csv = join(test.dir, 'note.csv');
    const note = await run(['ship', 'note', 'SH-1', '--csv', csv], 'fr');
    expect(note.stdout).toContain('BON DE LIVRAISON SH-1 — 2026-11-24 (planned)');
    expect(readFileSync(csv, 'utf8').split('\n')).toHaveLength(5);

    // A 12 m³ van (body 392.2 × 170 × 180 cm): the 3D packer places the three EUR pallets and the load picture is written.
    const handle = await test.open();
    try {
      await sql`insert into vehicle (organization_id, code, location_code, vehicle_type, capacity_kg, capacity_m3, capacity_pallets) values ('demo', 'VAN-12', 'WH', 'van', 1200, 12, 4)`.execute(handle.db);
    } finally {
      await handle.close();
    }
    const loadSvg = join(test.dir, 'load.svg');
    const loaded = await run(['ship', 'load', 'SH-1', '--vehicle', 'VAN-12', '--svg', loadSvg, '--at', '2026-11-25T06:00:00Z']);
    expect(loaded.exitCode, loaded.stderr).toBe(0);
    expect(loaded.stdout).toBe(`Loaded (VAN-12): SH-1.\n3D load: 3 package(s) placed, 3 in all, picture in ${loadSvg}.\n`);
    expect(readFileSync(loadSvg, 'utf8')).toContain('<svg');
    const dispatched = await run(['ship', 'dispatch', 'SH-1', '--at', '2026-11-25T06:30:00Z']);
    expect(dispatched.stdout).toContain('Shipment SH-1 dispatched on 2026-11-25: 3 line(s) posted to the ledger.');
    const twice = await run(['ship', 'dispatch', 'SH-1']);
    expect(twice.exitCode).toBe(3);
    expect(twice.stderr).toContain('Shipment SH-1 is already dispatched: it cannot be dispatched twice.');

    const delivered = await run(['ship', 'deliver', 'SH-1', '--received-by', 'M. Martin', '--at', '2026-11-26T10:00:00Z', '--damaged', '1:2', '--signature', 'pod.jpg', '--json']);
    expect(delivered.exitCode).toBe(0);
    expect(JSON.parse(delivered.stdout).delivery.exceptions).toEqual([{ exceptionNumber: 1, lineNumber: 1, exceptionType: 'damaged', quantity: 2, note: null }]);

    const list = await run(['ship', 'list', '--status', 'delivered', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject({ total: 1, items: [{ shipmentNumber: 'SH-1', status: 'delivered' }] });

    const forward = await run(['trace', 'lot', 'RM-X', 'R-1']);
    expect(forward.stdout).toContain('⚙ MO-1 (consumed 40)');
    expect(forward.stdout).toContain('→ SH-1 2026-11-25 C1 Boulangerie Martin × 20');
    expect(forward.stdout).toContain('1 customer(s) received this lot or lots made from it: C1');
    const backward = await run(['trace', 'shipment', 'SH-1', '--json']);
    expect(JSON.parse(backward.stdout).suppliers.map((s: { supplierCode: string }) => s.supplierCode)).toEqual(['S1']);
    const noLot = await run(['trace', 'lot', 'FG-B', '-', '--json']);
    expect(JSON.parse(noLot.stdout).customers.map((c: { customerCode: string }) => c.customerCode)).toEqual(['C1']);
  });
});
