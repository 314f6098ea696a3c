import { CoreError } from '../shared/core-error';
import { perPeriod, requireNonNegative, requireNonNegativeArray } from '../shared/input-checks';

export type FamilyPlanDisaggregationInput = {
  /** Family quantity per family period (e.g. the monthly S&OP production plan). */
  familyPlanUnits: number[];
  /** MPS periods in each family period (e.g. weeks per month: 4, 4, 5, …); default 4. */
  periodsPerFamilyPeriod?: number | number[];
  /** Product mix: each item's share of the family (normalised to sum 1). */
  mix: Array<{ itemId: string; share: number }>;
  /** 'integer' keeps each family period's total with whole units (largest remainder); default 'none'. */
  rounding?: 'none' | 'integer';
};

export type FamilyPlanDisaggregationResult = {
  /** One row per item (mix order), one value per MPS period. */
  items: Array<{ itemId: string; share: number; quantitiesUnits: number[] }>;
  periodCount: number;
};

/**
 * Splits a family plan (S&OP / PIC) into item quantities per MPS period (PDP): item i in MPS period
 * w of family period m gets plan_m × share_i ÷ periods_m. With integer rounding each family period's
 * total is kept by the largest-remainder method (ties: mix order, then earlier period).
 * Source: Vollmann et al., *Manufacturing Planning and Control for Supply Chain Management*,
 * ch. "Sales and Operations Planning" (disaggregating the production plan by product mix).
 *
 * Example: 1000 units in a 4-week month, mix A 60 % / B 40 % → A 150 a week, B 100 a week.
 * Throws CoreError empty_input, invalid_input, length_mismatch, negative_value, not_finite, out_of_range.
 */
export function disaggregateFamilyPlan(input: FamilyPlanDisaggregationInput): FamilyPlanDisaggregationResult {
  const plan = requireNonNegativeArray(input.familyPlanUnits, 'familyPlanUnits');
  const periods = perPeriod(input.periodsPerFamilyPeriod, plan.length, 'periodsPerFamilyPeriod', 4);
  periods.forEach((count, m) => {
    if (!Number.isInteger(count) || count < 1) throw new CoreError('out_of_range', 'each family period holds a whole number ≥ 1 of MPS periods', { path: `periodsPerFamilyPeriod[${m}]` });
  });
  if (!Array.isArray(input.mix) || input.mix.length === 0) throw new CoreError('empty_input', 'the product mix is empty', { path: 'mix' });
  const seen = new Set<string>();
  const shares = input.mix.map((entry, index) => {
    if (typeof entry.itemId !== 'string' || entry.itemId === '' || seen.has(entry.itemId)) throw new CoreError('invalid_input', 'each mix entry needs a unique item id', { path: `mix[${index}].itemId` });
    seen.add(entry.itemId);
    return requireNonNegative(entry.share, `mix[${index}].share`);
  });
  const shareTotal = shares.reduce((a, b) => a + b, 0);
  if (!(shareTotal > 0)) throw new CoreError('out_of_range', 'the mix shares add up to 0', { path: 'mix' });
  const normalised = shares.map((share) => share / shareTotal);
  const periodCount = periods.reduce((a, b) => a + b, 0);
  const items = input.mix.map((entry, i) => ({ itemId: entry.itemId, share: normalised[i] ?? 0, quantitiesUnits: new Array<number>(periodCount).fill(0) }));
  let offset = 0;
  plan.forEach((familyUnits, m) => {
    const count = periods[m] ?? 1;
    const cells: Array<{ item: number; week: number; exact: number }> = [];
    items.forEach((item, i) => {
      for (let w = 0; w < count; w += 1) cells.push({ item: i, week: offset + w, exact: (familyUnits * item.share) / count });
    });
    if (input.rounding === 'integer') {
      const target = Math.round(familyUnits);
      let assigned = 0;
      for (const cell of cells) {
        const floor = Math.floor(cell.exact + 1e-9);
        (items[cell.item] as { quantitiesUnits: number[] }).quantitiesUnits[cell.week] = floor;
        assigned += floor;
      }
      const order = [...cells].sort((x, y) => (y.exact - Math.floor(y.exact + 1e-9)) - (x.exact - Math.floor(x.exact + 1e-9)) || x.item - y.item || x.week - y.week);
      for (let k = 0; k < target - assigned && k < order.length; k += 1) {
        const cell = order[k] as { item: number; week: number };
        const list = (items[cell.item] as { quantitiesUnits: number[] }).quantitiesUnits;
        list[cell.week] = (list[cell.week] ?? 0) + 1;
      }
    } else {
      for (const cell of cells) (items[cell.item] as { quantitiesUnits: number[] }).quantitiesUnits[cell.week] = cell.exact;
    }
    offset += count;
  });
  return { items, periodCount };
}
