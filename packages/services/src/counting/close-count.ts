import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { CountingError } from './counting-error';
import type { CountClassSettingsByClass } from './counting-settings';
import { evaluateCountLine } from './internal/evaluate-count-line';
import { summarizeCountVariances, type CountVarianceSummary } from './summarize-count-variances';
import { computeRecordAccuracy, type RecordAccuracyFigures } from './compute-record-accuracy';
import { recordAuditEntry, type AuditActor } from '../auth/audit';

/** A reconciled line as the supervisor sees it (book, movements during the count, counted, variance). */
export type CountVarianceRow = {
  lineNumber: number;
  itemCode: string;
  lotNumber: string;
  binCode: string;
  abcClass: string;
  snapshotQuantity: number;
  movementsDuringCountQuantity: number;
  expectedQuantity: number;
  firstCountQuantity: number | null;
  countedQuantity: number;
  varianceQuantity: number;
  unitCostEur: number;
  varianceValueEur: number;
  withinTolerance: boolean;
  causeCode: string | null;
  adjustmentMovementId: string | null;
};

export type CloseCountResult = {
  countNumber: string;
  status: 'closed' | 'open';
  /** True when nothing was posted (review only). */
  dryRun: boolean;
  lines: CountVarianceRow[];
  adjustmentsPosted: number;
  summary: CountVarianceSummary;
  accuracy: RecordAccuracyFigures;
};

/**
 * Closes a count: every line must be counted (no line waiting for a count or a recount, else invalid_state naming the
 * lines). Each line is reconciled with the ledger as it stands now (movements posted during the count, even late ones,
 * up to the time it was counted); each variance is posted as a `count_adjustment` movement (quantity = variance,
 * occurred_at = counted time, reference `<count>/<line>`, reason = cause code, created_by = approver), stock_lot is
 * moved by the same quantity, the count is marked closed with its approver and variance summary, and an audit entry is
 * written — all in one transaction. `dryRun` returns the same review without writing anything.
 */
export async function closeCount(handle: DatabaseHandle, options: { organizationId: string; countNumber: string; approvedBy: string; dryRun?: boolean; actor?: AuditActor }): Promise<CloseCountResult> {
  const org = options.organizationId;
  const dryRun = options.dryRun === true;
  const run = async (trx: typeof handle.db): Promise<CloseCountResult> => {
    const count = (await sql<{ status: string; tolerances: CountClassSettingsByClass; count_date: string }>`
      select status, tolerances, count_date::text from inventory_count where organization_id = ${org} and count_number = ${options.countNumber} ${dryRun ? sql`` : sql`for update`}`.execute(trx)).rows[0];
    if (!count) throw new CountingError('not_found', 'counting.error.unknownCount', { count: options.countNumber });
    if (count.status !== 'open') throw new CountingError('invalid_state', 'counting.error.countNotOpen', { count: options.countNumber, status: count.status });
    const lines = (await sql<{ line_number: number; item_code: string; location_code: string; lot_number: string; bin_code: string; status: string; first_count_quantity: string | null; counted_quantity: string | null; counted_at: Date | null; cause_code: string | null }>`
      select line_number, item_code, location_code, lot_number, bin_code, status, first_count_quantity::text, counted_quantity::text, counted_at, cause_code
      from inventory_count_line where organization_id = ${org} and count_number = ${options.countNumber} order by line_number`.execute(trx)).rows;
    const open = lines.filter((l) => l.status === 'to_count' || l.status === 'recount');
    if (open.length > 0) {
      throw new CountingError('invalid_state', 'counting.error.linesNotCounted', { count: options.countNumber, lines: open.slice(0, 20).map((l) => `${l.line_number} (${l.item_code}${l.lot_number ? `/${l.lot_number}` : ''}: ${l.status === 'recount' ? 'recount' : 'to count'})`).join(', ') + (open.length > 20 ? ` … +${open.length - 20}` : '') });
    }
    const rows: CountVarianceRow[] = [];
    let posted = 0;
    for (const line of lines) {
      const countedAt = new Date(line.counted_at!).toISOString();
      const counted = Number(line.counted_quantity);
      const e = await evaluateCountLine(trx, org, options.countNumber, Number(line.line_number), counted, countedAt, count.tolerances);
      let movementId: string | null = null;
      if (!dryRun) {
        if (e.varianceQuantity !== 0) {
          movementId = (await sql<{ id: string }>`insert into inventory_movement (organization_id, item_code, location_code, lot_number, movement_type, quantity, unit_cost, occurred_at, reference, reason, created_by)
            values (${org}, ${line.item_code}, ${line.location_code}, ${line.lot_number}, 'count_adjustment', ${e.varianceQuantity}, ${e.unitCostEur}, ${countedAt}, ${`${options.countNumber}/${line.line_number}`}, ${line.cause_code ?? 'unexplained'}, ${options.approvedBy})
            returning id::text as id`.execute(trx)).rows[0]!.id;
          posted++;
          // The lot table mirrors the ledger (data quality checks ledger_mismatch): move it by the same quantity.
          await sql`insert into stock_lot (organization_id, item_code, location_code, lot_number, serial_number, quantity, received_date)
            values (${org}, ${line.item_code}, ${line.location_code}, ${line.lot_number}, '', ${Math.max(e.varianceQuantity, 0)}, ${count.count_date})
            on conflict (organization_id, item_code, location_code, lot_number, serial_number) do update set quantity = greatest(stock_lot.quantity + ${e.varianceQuantity}, 0)`.execute(trx);
        }
        await sql`update inventory_count_line set movements_during_count_quantity = ${e.movementsDuringCountQuantity}, expected_quantity = ${e.expectedQuantity}, variance_quantity = ${e.varianceQuantity},
          variance_value = ${e.varianceValueEur}, within_tolerance = ${e.withinTolerance}, adjustment_movement_id = ${movementId}
          where organization_id = ${org} and count_number = ${options.countNumber} and line_number = ${line.line_number}`.execute(trx);
      }
      rows.push({
        lineNumber: Number(line.line_number), itemCode: line.item_code, lotNumber: line.lot_number, binCode: line.bin_code, abcClass: e.abcClass, snapshotQuantity: e.snapshotQuantity,
        movementsDuringCountQuantity: e.movementsDuringCountQuantity, expectedQuantity: e.expectedQuantity, firstCountQuantity: line.first_count_quantity === null ? null : Number(line.first_count_quantity),
        countedQuantity: counted, varianceQuantity: e.varianceQuantity, unitCostEur: e.unitCostEur, varianceValueEur: e.varianceValueEur, withinTolerance: e.withinTolerance,
        causeCode: line.cause_code, adjustmentMovementId: movementId,
      });
    }
    const summary = summarizeCountVariances(rows);
    const accuracy = computeRecordAccuracy(rows.map((r) => ({ abcClass: r.abcClass, countDate: count.count_date, withinTolerance: r.withinTolerance, varianceQuantity: r.varianceQuantity }))).overall;
    if (!dryRun) {
      await sql`update inventory_count set status = 'closed', closed_at = now(), approved_by = ${options.approvedBy}, summary = ${JSON.stringify({ ...summary, accuracy, adjustmentsPosted: posted })}::jsonb
        where organization_id = ${org} and count_number = ${options.countNumber}`.execute(trx);
      await recordAuditEntry(trx, {
        organizationId: org, actor: options.actor ?? { userId: null, email: options.approvedBy, via: 'system' }, action: 'approve', entity: 'inventory_count', entityKey: options.countNumber,
        before: { status: count.status },
        after: {
          status: 'closed', approvedBy: options.approvedBy, adjustmentsPosted: posted, netVarianceValueEur: summary.overall.netVarianceValueEur, absoluteVarianceValueEur: summary.overall.absoluteVarianceValueEur,
          adjustments: rows.filter((r) => r.adjustmentMovementId !== null).map((r) => ({ lineNumber: r.lineNumber, itemCode: r.itemCode, lotNumber: r.lotNumber, expectedQuantity: r.expectedQuantity, countedQuantity: r.countedQuantity, varianceQuantity: r.varianceQuantity, movementId: r.adjustmentMovementId })),
        },
        reason: 'count closed and adjustments posted',
      });
    }
    return { countNumber: options.countNumber, status: dryRun ? 'open' : 'closed', dryRun, lines: rows, adjustmentsPosted: posted, summary, accuracy };
  };
  return dryRun ? run(handle.db) : handle.db.transaction().execute(run);
}

/**
 * The variances of a count: as posted for a closed count (stored lines and summary), or as closing would post them for
 * an open count whose lines are all counted (closeCount dry run; until then invalid_state, so the book stays hidden
 * while counters work).
 */
export async function getCountVariances(handle: DatabaseHandle, options: { organizationId: string; countNumber: string }): Promise<CloseCountResult> {
  const org = options.organizationId;
  const count = (await sql<{ status: string; count_date: string; summary: { adjustmentsPosted?: number } | null }>`select status, count_date::text, summary from inventory_count where organization_id = ${org} and count_number = ${options.countNumber}`.execute(handle.db)).rows[0];
  if (!count) throw new CountingError('not_found', 'counting.error.unknownCount', { count: options.countNumber });
  if (count.status !== 'closed') return closeCount(handle, { ...options, approvedBy: '-', dryRun: true });
  const lines = (await sql<{ line_number: number; item_code: string; lot_number: string; bin_code: string; abc_class: string; snapshot_quantity: string; movements_during_count_quantity: string; expected_quantity: string; first_count_quantity: string | null; counted_quantity: string; variance_quantity: string; unit_cost: string; variance_value: string; within_tolerance: boolean; cause_code: string | null; adjustment_movement_id: string | null }>`
    select line_number, item_code, lot_number, bin_code, abc_class, snapshot_quantity::text, movements_during_count_quantity::text, expected_quantity::text, first_count_quantity::text,
      counted_quantity::text, variance_quantity::text, unit_cost::text, variance_value::text, within_tolerance, cause_code, adjustment_movement_id::text
    from inventory_count_line where organization_id = ${org} and count_number = ${options.countNumber} order by line_number`.execute(handle.db)).rows;
  const rows: CountVarianceRow[] = lines.map((l) => ({
    lineNumber: Number(l.line_number), itemCode: l.item_code, lotNumber: l.lot_number, binCode: l.bin_code, abcClass: l.abc_class, snapshotQuantity: Number(l.snapshot_quantity),
    movementsDuringCountQuantity: Number(l.movements_during_count_quantity), expectedQuantity: Number(l.expected_quantity), firstCountQuantity: l.first_count_quantity === null ? null : Number(l.first_count_quantity),
    countedQuantity: Number(l.counted_quantity), varianceQuantity: Number(l.variance_quantity), unitCostEur: Number(l.unit_cost), varianceValueEur: Number(l.variance_value),
    withinTolerance: l.within_tolerance, causeCode: l.cause_code, adjustmentMovementId: l.adjustment_movement_id,
  }));
  const accuracy = computeRecordAccuracy(rows.map((r) => ({ abcClass: r.abcClass, countDate: count.count_date, withinTolerance: r.withinTolerance, varianceQuantity: r.varianceQuantity }))).overall;
  return { countNumber: options.countNumber, status: 'closed', dryRun: false, lines: rows, adjustmentsPosted: rows.filter((r) => r.adjustmentMovementId !== null).length, summary: summarizeCountVariances(rows), accuracy };
}
