import { sql, type Kysely } from 'kysely';
import type { Database } from '@flowpilot/db';
import type { CountClassSettingsByClass } from '../counting-settings';
import { computeCountVariance, type CountVarianceResult } from '../compute-count-variance';

export type EvaluatedCountLine = CountVarianceResult & { movementsDuringCountQuantity: number; snapshotQuantity: number; unitCostEur: number; abcClass: string };

/**
 * Reconciles one line with the ledger as it stands: movements during the count = every movement of the item, location
 * and lot not in the snapshot (posted after the high-water mark, or happening after the start) that happened by the
 * counted time, this count's own adjustments excluded; then computeCountVariance with the line's class tolerance.
 */
export async function evaluateCountLine(trx: Kysely<Database>, org: string, countNumber: string, lineNumber: number, countedQuantity: number, countedAt: string, tolerances: CountClassSettingsByClass): Promise<EvaluatedCountLine> {
  const row = (await sql<{ snapshot_quantity: string; unit_cost: string; abc_class: string; during: string }>`
    select l.snapshot_quantity::text, l.unit_cost::text, l.abc_class,
      coalesce((select sum(m.quantity) from inventory_movement m where m.organization_id = l.organization_id and m.item_code = l.item_code and m.location_code = l.location_code
        and m.lot_number = l.lot_number and (m.id > c.ledger_high_water_id or m.occurred_at > c.started_at) and m.occurred_at <= ${countedAt}::timestamptz
        and not (m.movement_type = 'count_adjustment' and m.reference like ${`${countNumber}/%`})), 0)::text as during
    from inventory_count_line l join inventory_count c on c.organization_id = l.organization_id and c.count_number = l.count_number
    where l.organization_id = ${org} and l.count_number = ${countNumber} and l.line_number = ${lineNumber}`.execute(trx)).rows[0]!;
  const tolerance = tolerances[row.abc_class] ?? { quantityTolerance: 0, valueToleranceEur: 0 };
  const snapshotQuantity = Number(row.snapshot_quantity);
  const movementsDuringCountQuantity = Number(row.during);
  const unitCostEur = Number(row.unit_cost);
  return { ...computeCountVariance({ snapshotQuantity, movementsDuringCountQuantity, countedQuantity, unitCostEur, tolerance }), movementsDuringCountQuantity, snapshotQuantity, unitCostEur, abcClass: row.abc_class };
}
