import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_AS_OF_DATE } from '@flowpilot/services';
import { ROLES } from '@flowpilot/contract';
import { openDatabase } from '@flowpilot/db';
import { sql } from 'kysely';
import { runCli } from '../testing/run-cli';

// `flowpilot start --no-serve` is the first-run experience: a new embedded database in an empty
// FLOWPILOT_DATA_DIR, the demo company imported, the full planning cycle run. Always embedded (the
// command's purpose), even when DATABASE_URL is set for the rest of the suite. Slow: one test only.

const dataDir = mkdtempSync(join(tmpdir(), 'fp-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('flowpilot start --no-serve', () => {
  it('loads the demo into a new embedded database, prints the planning steps (DRP included), and does not plan twice', async () => {
    const env = { DATABASE_URL: undefined, FLOWPILOT_DB_SCHEMA: undefined, FLOWPILOT_DATA_DIR: dataDir, FLOWPILOT_ORG: undefined, FLOWPILOT_AS_OF: undefined };
    const result = await runCli(['start', '--no-serve'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Database: ${join(dataDir, 'db')}`);
    expect(lines[1]).toMatch(/^Demo company loaded: \d+ rows in \d+ tables \(\d+ data-quality warnings to review\)\.$/);
    expect(lines[2]).toBe(`Demo logins (one per role): ${ROLES.map((role) => `${role}@jardinor.example`).join(', ')} — password flowpilot-demo`);
    expect(lines[3]).toBe(`Planning cycle as of ${DEMO_AS_OF_DATE}:`);
    const steps = lines.slice(4);
    expect(steps).toHaveLength(9);
    expect(steps[0]).toMatch(/^ {2}Data quality: 0 error\(s\), \d+ warning\(s\) \(\d+ ms, run_data_quality_[0-9a-f]{12}\)$/);
    expect(steps[1]).toMatch(/^ {2}Forecast: [1-9]\d* item × location series, 53 weeks \(.+\) \(\d+ ms, run_forecast_[0-9a-f]{12}\)$/);
    expect(steps[2]).toMatch(/^ {2}Inventory policy: safety stocks for \d+ stock points \(item × warehouse\) at their service levels, \d+ units in all \(\d+ ms, run_inventory_policy_[0-9a-f]{12}\)$/);
    expect(steps[3]).toMatch(/^ {2}S&OP: 4 families over 12 months, level \/ chase \/ optimal compared, optimal plan cost \d+ \(\d+ ms, run_sop_[0-9a-f]{12}\)$/);
    expect(steps[4]).toMatch(/^ {2}Master schedule: [1-9]\d* end items with ATP, \d+ exception\(s\) \(\d+ ms, run_mps_[0-9a-f]{12}\)$/);
    expect(steps[5]).toMatch(/^ {2}MRP: [1-9]\d* planned orders \(\d+ make, \d+ buy\), \d+ action messages, \d+ exceptions \(\d+ ms, run_mrp_[0-9a-f]{12}\)$/);
    // The demo's distribution network (plants → Gennevilliers → Saint-Priest, Mérignac) is planned by DRP inside the MRP step.
    expect(steps[6]).toMatch(/^ {2}DRP: [1-9]\d* planned transfer orders from the plants to the warehouses \(planned orders of kind transfer\)$/);
    expect(steps[7]).toMatch(/^ {2}Capacity: \d+ overloaded week\(s\) before levelling, \d+ order\(s\) moved, \d+ unresolved, peak load \d+ % \(\d+ ms, run_capacity_[0-9a-f]{12}\)$/);
    expect(steps[8]).toMatch(/^ {2}Purchase proposals: \d+ line\(s\) for \d+ supplier\(s\), value [\d.]+ \(next 4 weeks\), to approve with `flowpilot proposals approve` \(\d+ ms, run_proposals_[0-9a-f]{12}\)$/);
    // Progress goes to stderr as plain lines (not a terminal), never to stdout.
    expect(result.stdout).not.toContain('%|');

    const again = await runCli(['start', '--no-serve'], { env, language: 'fr' });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain('Un plan existe déjà (--replan pour replanifier).');
    expect(again.stdout).not.toContain('Entreprise de démonstration chargée');
    // The demo users exist once, and log in with the documented password.
    const users = await runCli(['user', 'list', '--json'], { env });
    expect(users.exitCode, users.stderr).toBe(0);
    expect((JSON.parse(users.stdout) as { email: string; role: string }[]).map((u) => `${u.role}:${u.email}`).sort()).toEqual(ROLES.map((role) => `${role}:${role}@jardinor.example`).sort());
    // The demo company has its GS1 identity (GLN, company prefix), so SSCC labels and EDI work out of the box.
    const handle = await openDatabase({ dataDir: join(dataDir, 'db') });
    try {
      const org = (await sql<{ gln: string | null; prefix: string | null }>`select gln, gs1_company_prefix as prefix from organization where gs1_company_prefix is not null`.execute(handle.db)).rows;
      expect(org).toEqual([{ gln: '3765432100007', prefix: '3765432' }]);
    } finally {
      await handle.close();
    }
  }, 600_000);
});
