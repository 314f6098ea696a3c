import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { runImport } from '../data-exchange/run-import';
import { listForecastOverrides, setForecastOverride, withdrawForecastOverride } from './forecast-overrides';
import { runForecastStep } from './run-forecast-step';

const ORG = 'org_override';
const PLANNER = { userId: null, email: 'lea@jardinor.example', via: 'cli' as const };
let handle: DatabaseHandle;
let dir: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'fp-override-'));
  const history = ['item_code,location_code,sale_date,quantity'];
  for (let week = 40; week >= 1; week--) history.push(`FG,W1,${new Date(Date.UTC(2026, 10, 25) - week * 7 * 86_400_000).toISOString().slice(0, 10)},${20 + (week % 3)}`);
  const files: Record<string, string> = {
    'units.csv': 'code,name,dimension\nEA,Each,count\n',
    'items.csv': 'code,name,item_type,uom_code,make_or_buy,lead_time_days\nFG,Pump,finished_good,EA,make,7\nNEW,New pump,finished_good,EA,make,7\n',
    'locations.csv': 'code,name,location_type\nW1,Warehouse,warehouse\n',
    'sales_history.csv': history.join('\n') + '\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const report = await runImport(handle, { organizationId: ORG, path: dir, today: '2026-11-24' });
  expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
});

afterAll(async () => {
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('forecast overrides', () => {
  it('refuses a week that is not a Monday, a missing reason, a negative quantity and an unknown item', async () => {
    const base = { organizationId: ORG, itemCode: 'FG', locationCode: 'W1', weekStart: '2026-12-07', quantity: 10, reason: 'promo', actor: PLANNER };
    expect(await setForecastOverride(handle, { ...base, weekStart: '2026-12-08' })).toEqual({ ok: false, problem: 'not_monday' });
    expect(await setForecastOverride(handle, { ...base, reason: '  ' })).toEqual({ ok: false, problem: 'reason_required' });
    expect(await setForecastOverride(handle, { ...base, quantity: -1 })).toEqual({ ok: false, problem: 'negative_quantity' });
    expect(await setForecastOverride(handle, { ...base, itemCode: 'NOPE' })).toEqual({ ok: false, problem: 'unknown_item' });
    expect(await listForecastOverrides(handle, { organizationId: ORG })).toEqual([]);
  });

  it('replaces the statistical forecast of its week in the next run, keeping the statistical figure, the author and the reason', async () => {
    const first = await setForecastOverride(handle, { organizationId: ORG, itemCode: 'FG', locationCode: 'W1', weekStart: '2026-12-07', quantity: 300, reason: 'trade fair', actor: PLANNER });
    const second = await setForecastOverride(handle, { organizationId: ORG, itemCode: 'FG', locationCode: 'W1', weekStart: '2026-12-07', quantity: 250, reason: 'trade fair, revised', actor: PLANNER });
    const launch = await setForecastOverride(handle, { organizationId: ORG, itemCode: 'NEW', locationCode: 'W1', weekStart: '2026-12-14', quantity: 40, reason: 'launch', actor: PLANNER });
    expect(first.ok && second.ok && launch.ok).toBe(true);
    const history = await listForecastOverrides(handle, { organizationId: ORG, includeWithdrawn: true });
    expect(history.find((o) => o.quantity === '300.000000')).toMatchObject({ withdrawalReason: 'superseded', withdrawnBy: 'lea@jardinor.example' });
    expect((await listForecastOverrides(handle, { organizationId: ORG })).map((o) => `${o.itemCode}:${Number(o.quantity)}`).sort()).toEqual(['FG:250', 'NEW:40']);

    const run = await runForecastStep(handle, { organizationId: ORG, asOfDate: '2026-11-24', horizonWeeks: 6 });
    // Week 3 of the horizon starts Monday 7 December.
    expect(run.forecasts.get('FG@W1')?.[2]).toBe(250);
    expect(run.forecasts.get('NEW@W1')).toEqual([0, 0, 0, 40, 0, 0]);
    const rows = (await sql<{ item_code: string; period_start: string; forecast: string; statistical_forecast: string; override_id: string | null }>`
      select item_code, period_start::text, forecast::text, statistical_forecast::text, override_id::text from forecast_value where run_id = ${run.runId} and override_id is not null order by item_code`.execute(handle.db)).rows;
    expect(rows.map((r) => [r.item_code, r.period_start, Number(r.forecast)])).toEqual([['FG', '2026-12-07', 250], ['NEW', '2026-12-14', 40]]);
    expect(Number(rows[0]?.statistical_forecast)).toBeGreaterThan(15);
    expect(Number(rows[0]?.statistical_forecast)).toBeLessThan(30);
    const audit = (await sql<{ action: string; reason: string; user_email: string }>`select action, reason, user_email from audit_log where organization_id = ${ORG} and entity = 'forecast' order by id`.execute(handle.db)).rows;
    expect(audit.map((a) => `${a.action}:${a.reason}`)).toEqual(['override:trade fair', 'override:trade fair, revised', 'override:launch']);

    if (!second.ok) return;
    expect(await withdrawForecastOverride(handle, { organizationId: 'someone-else', id: second.value.id, actor: PLANNER })).toEqual({ ok: false, problem: 'not_found' });
    expect((await withdrawForecastOverride(handle, { organizationId: ORG, id: second.value.id, reason: 'fair cancelled', actor: PLANNER })).ok).toBe(true);
    const after = await runForecastStep(handle, { organizationId: ORG, asOfDate: '2026-11-24', horizonWeeks: 6 });
    expect(after.forecasts.get('FG@W1')?.[2]).toBeLessThan(30);
  });
});
