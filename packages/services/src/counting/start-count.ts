import { sql, type Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '@flowpilot/db';
import { CountingError } from './counting-error';
import { DEFAULT_COUNT_CLASS_SETTINGS, validateCountClassSettings, type CountClassSettingsByClass } from './counting-settings';
import { requireLocation } from './internal/require-location';
import { requireItems } from './internal/require-items';
import { getCountSheet, type CountSheet } from './get-count-sheet';
import { recordAuditEntry, type AuditActor } from '../auth/audit';

export type StartCountOptions = {
  organizationId: string;
  locationCode: string;
  /** The day the count is made, YYYY-MM-DD. */
  countDate: string;
  /** The moment the book is frozen (ISO timestamp): the snapshot takes every movement posted so far that happened by then. */
  startedAt: string;
  /** Count the stock points this plan schedules at the location on countDate. */
  planNumber?: string;
  /** Or these items; or, with neither, every stock point of the location (full physical inventory). */
  itemCodes?: string[];
  /** Tolerances (and the last class for items no plan classifies); default the plan's settings, else DEFAULT_COUNT_CLASS_SETTINGS. */
  settings?: CountClassSettingsByClass;
  /** Who starts it (audit trail); default the system with createdBy as its e-mail. */
  actor?: AuditActor;
  createdBy?: string;
};

/**
 * Starts a count and returns its blind sheet: freezes the ledger (high-water movement id and start time), takes the
 * book quantity per item × lot at the start (the snapshot, hidden from counters), and creates one count line per lot
 * with a balance (one line with an empty lot for an item without stock), ordered by bin then item. An item already in
 * another open count of the location is refused (CountingError invalid_state), an unknown location or plan is not_found.
 */
export async function startCount(handle: DatabaseHandle, options: StartCountOptions): Promise<CountSheet> {
  const org = options.organizationId;
  await requireLocation(handle, org, options.locationCode);
  // Without explicit settings a count from a plan keeps the plan's tolerances.
  const planSettings = options.settings === undefined && options.planNumber
    ? (await sql<{ settings: CountClassSettingsByClass | null }>`select parameters->'settings' as settings from count_plan where organization_id = ${org} and plan_number = ${options.planNumber}`.execute(handle.db)).rows[0]?.settings ?? undefined
    : undefined;
  const settings = validateCountClassSettings(options.settings ?? planSettings ?? DEFAULT_COUNT_CLASS_SETTINGS);
  if (Number.isNaN(Date.parse(options.startedAt))) throw new CountingError('invalid_input', 'counting.error.settings', { field: 'startedAt', detail: `${options.startedAt} is not a timestamp` });
  const countNumber = await handle.db.transaction().execute(async (trx) => {
    const items = await itemsToCount(trx, org, options);
    if (items.length === 0) throw new CountingError('invalid_input', 'counting.error.nothingToCount', { location: options.locationCode, date: options.countDate });
    const busy = (await sql<{ item_code: string; count_number: string }>`
      select distinct l.item_code, c.count_number from inventory_count c join inventory_count_line l on l.organization_id = c.organization_id and l.count_number = c.count_number
      where c.organization_id = ${org} and c.status = 'open' and c.location_code = ${options.locationCode} and l.item_code in (${sql.join(items.map((i) => i.itemCode))}) order by 1`.execute(trx)).rows;
    if (busy.length > 0) throw new CountingError('invalid_state', 'counting.error.itemInOpenCount', { item: busy[0]!.item_code, count: busy[0]!.count_number });
    const highWater = (await sql<{ id: string | null }>`select max(id)::text as id from inventory_movement where organization_id = ${org}`.execute(trx)).rows[0]?.id ?? '0';
    const prefix = `CNT-${options.countDate}-${options.locationCode}-`;
    const existing = Number((await sql<{ n: string }>`select count(*)::text as n from inventory_count where organization_id = ${org} and count_number like ${`${prefix}%`}`.execute(trx)).rows[0]?.n ?? 0);
    const number = `${prefix}${String(existing + 1).padStart(2, '0')}`;
    await sql`insert into inventory_count (organization_id, count_number, location_code, count_date, plan_number, started_at, ledger_high_water_id, tolerances, created_by)
      values (${org}, ${number}, ${options.locationCode}, ${options.countDate}, ${options.planNumber ?? null}, ${options.startedAt}, ${highWater ?? '0'}, ${JSON.stringify(settings)}::jsonb, ${options.createdBy ?? null})`.execute(trx);
    const lastClass = Object.keys(settings).sort().at(-1)!;
    let lineNumber = 0;
    const ordered = [...items].sort((a, b) => compare(a.binCode, b.binCode) || compare(a.itemCode, b.itemCode));
    for (const item of ordered) {
      const lots = await snapshotLots(trx, org, number, item.itemCode, options.locationCode);
      for (const lot of lots.length > 0 ? lots : [{ lot_number: '', quantity: '0' }]) {
        lineNumber++;
        await sql`insert into inventory_count_line (organization_id, count_number, line_number, item_code, location_code, lot_number, bin_code, abc_class, unit_cost, snapshot_quantity)
          values (${org}, ${number}, ${lineNumber}, ${item.itemCode}, ${options.locationCode}, ${lot.lot_number}, ${item.binCode}, ${item.abcClass ?? lastClass}, ${item.unitCost}, ${lot.quantity})`.execute(trx);
      }
    }
    await recordAuditEntry(trx, {
      organizationId: org, actor: options.actor ?? { userId: null, email: options.createdBy ?? null, via: 'system' }, action: 'start', entity: 'inventory_count', entityKey: number, before: null,
      // Blind count: the book (snapshot quantities) stays out of the trail as it stays off the sheet.
      after: { status: 'open', locationCode: options.locationCode, countDate: options.countDate, planNumber: options.planNumber ?? null, startedAt: options.startedAt, lineCount: lineNumber, ledgerHighWaterId: highWater },
    });
    return number;
  });
  return getCountSheet(handle, { organizationId: org, countNumber });
}

type ItemToCount = { itemCode: string; abcClass: string | null; binCode: string; unitCost: string };

async function itemsToCount(trx: Kysely<Database>, org: string, options: StartCountOptions): Promise<ItemToCount[]> {
  const location = options.locationCode;
  let codes: { item_code: string; abc_class: string | null }[];
  if (options.planNumber) {
    const plan = (await sql<{ plan_number: string }>`select plan_number from count_plan where organization_id = ${org} and plan_number = ${options.planNumber}`.execute(trx)).rows[0];
    if (!plan) throw new CountingError('not_found', 'counting.error.unknownPlan', { plan: options.planNumber });
    codes = (await sql<{ item_code: string; abc_class: string }>`select item_code, abc_class from count_plan_line where organization_id = ${org} and plan_number = ${options.planNumber}
      and location_code = ${location} and scheduled_date = ${options.countDate} order by item_code`.execute(trx)).rows;
  } else if (options.itemCodes && options.itemCodes.length > 0) {
    codes = (await requireItems(trx, org, options.itemCodes)).map((code) => ({ item_code: code, abc_class: null }));
  } else {
    codes = (await sql<{ item_code: string }>`
      select item_code from stock_point where organization_id = ${org} and location_code = ${location}
      union select item_code from stock_lot where organization_id = ${org} and location_code = ${location}
      union select item_code from inventory_movement where organization_id = ${org} and location_code = ${location} group by item_code having sum(quantity) <> 0
      order by 1`.execute(trx)).rows.map((r) => ({ item_code: r.item_code, abc_class: null }));
  }
  if (codes.length === 0) return [];
  const details = (await sql<{ code: string; standard_cost: string; bin_code: string | null; planned_class: string | null }>`
    select i.code, i.standard_cost::text, b.bin_code,
      (select pl.abc_class from count_plan_line pl join count_plan p on p.organization_id = pl.organization_id and p.plan_number = pl.plan_number
        where pl.organization_id = i.organization_id and pl.item_code = i.code and pl.location_code = ${location} order by p.created_at desc, pl.scheduled_date desc limit 1) as planned_class
    from item i left join storage_bin b on b.organization_id = i.organization_id and b.item_code = i.code and b.location_code = ${location}
    where i.organization_id = ${org} and i.code in (${sql.join(codes.map((c) => c.item_code))})`.execute(trx)).rows;
  const byCode = new Map(details.map((d) => [d.code, d]));
  return codes.map((c) => {
    const d = byCode.get(c.item_code)!;
    return { itemCode: c.item_code, abcClass: c.abc_class ?? d.planned_class, binCode: d.bin_code ?? '', unitCost: d.standard_cost };
  });
}

/** Book per lot at the count's start: movements posted by the high-water mark that happened by the start time. */
async function snapshotLots(trx: Kysely<Database>, org: string, countNumber: string, itemCode: string, locationCode: string): Promise<{ lot_number: string; quantity: string }[]> {
  return (await sql<{ lot_number: string; quantity: string }>`
    select m.lot_number, sum(m.quantity)::text as quantity from inventory_movement m join inventory_count c on c.organization_id = m.organization_id and c.count_number = ${countNumber}
    where m.organization_id = ${org} and m.item_code = ${itemCode} and m.location_code = ${locationCode} and m.id <= c.ledger_high_water_id and m.occurred_at <= c.started_at
    group by m.lot_number having sum(m.quantity) <> 0 order by m.lot_number`.execute(trx)).rows;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
