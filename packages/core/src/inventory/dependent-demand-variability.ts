import { CoreError } from '../shared/core-error';
import { assertNonNegative } from './internal/assert-input';

export type DependentDemandEndItem = {
  itemId: string;
  /** Mean independent demand per period, in units. */
  meanPerPeriod: number;
  /** Standard deviation of that demand (or of its forecast error) per period, in units. */
  standardDeviationPerPeriod: number;
};

export type DependentDemandBomLine = {
  parentId: string;
  componentId: string;
  /** Component units per parent unit. */
  quantityPer: number;
  /** Share of the component lost in the parent's production, in [0, 1) (need = quantityPer / (1 - scrap)). */
  scrapFraction?: number;
};

export type DependentDemandInput = {
  endItems: DependentDemandEndItem[];
  bomLines: DependentDemandBomLine[];
  /** Good share of a made item's production, in (0, 1] (orders = need / yield); default 1. */
  yieldFractionByItem?: Record<string, number>;
};

export type DependentDemandItemResult = {
  itemId: string;
  meanPerPeriod: number;
  standardDeviationPerPeriod: number;
  /** Units of this item in one unit of each end item that drives it (summed over every BOM path), sorted by end item. */
  unitsPerEndItem: { endItemId: string; units: number }[];
};

/**
 * Mean and standard deviation per period of every item's demand, end items' independent demand exploded
 * through the bill of materials. Each item's demand is a linear combination of the end items' demands:
 * D_j = sum_e a_je D_e, with a_je the units of j in one unit of e over every BOM path
 * (a_je = sum over parents p of a_pe / yield_p * quantityPer / (1 - scrap)); with independent end-item demands
 * mean_j = sum_e a_je mu_e and variance_j = sum_e a_je^2 sigma_e^2. An item reached through two parents that share an
 * end item gets the correlation right (its coefficients add before they are squared).
 * Source: Silver, Pyke & Thomas (2017), §15.5 (safety stock in MRP: buffer purchased parts against the variability of
 * the end items' demand); variance of a linear combination of independent variables.
 * Example: end item E (mu 100, sigma 20) uses 2 of S, S uses 3 of C, and E uses 1 of C directly:
 * a_CE = 2 * 3 + 1 = 7, mean_C = 700, sigma_C = 140.
 * Throws: invalid_input (a BOM cycle, a duplicate end item), negative_value / not_finite (bad numbers), out_of_range (scrap >= 1, yield not in (0, 1]).
 */
export function computeDependentDemandVariability(input: DependentDemandInput): DependentDemandItemResult[] {
  const coefficients = new Map<string, Map<string, number>>();
  const endItems = new Map<string, { mean: number; sd: number }>();
  input.endItems.forEach((end, index) => {
    if (endItems.has(end.itemId)) throw new CoreError('invalid_input', `end item ${end.itemId} is listed twice`, { path: `endItems[${index}].itemId` });
    endItems.set(end.itemId, {
      mean: assertNonNegative(end.meanPerPeriod, `endItems[${index}].meanPerPeriod`),
      sd: assertNonNegative(end.standardDeviationPerPeriod, `endItems[${index}].standardDeviationPerPeriod`),
    });
    coefficients.set(end.itemId, new Map([[end.itemId, 1]]));
  });
  const children = new Map<string, { componentId: string; factor: number }[]>();
  const parentCount = new Map<string, number>();
  const nodes = new Set<string>(endItems.keys());
  input.bomLines.forEach((line, index) => {
    const quantityPer = assertNonNegative(line.quantityPer, `bomLines[${index}].quantityPer`);
    const scrap = assertNonNegative(line.scrapFraction ?? 0, `bomLines[${index}].scrapFraction`);
    if (scrap >= 1) throw new CoreError('out_of_range', 'scrapFraction must be < 1', { path: `bomLines[${index}].scrapFraction` });
    const list = children.get(line.parentId) ?? [];
    list.push({ componentId: line.componentId, factor: quantityPer / (1 - scrap) });
    children.set(line.parentId, list);
    parentCount.set(line.componentId, (parentCount.get(line.componentId) ?? 0) + 1);
    nodes.add(line.parentId);
    nodes.add(line.componentId);
  });
  const yieldOf = (itemId: string): number => {
    const value = input.yieldFractionByItem?.[itemId] ?? 1;
    if (!(value > 0 && value <= 1)) throw new CoreError('out_of_range', `yield of ${itemId} must be in (0, 1]`, { path: `yieldFractionByItem.${itemId}` });
    return value;
  };
  // Kahn's order: an item is exploded once every parent has passed its coefficients down.
  const ready = [...nodes].filter((id) => !parentCount.has(id)).sort();
  const remaining = new Map(parentCount);
  let visited = 0;
  while (ready.length > 0) {
    const parent = ready.shift()!;
    visited++;
    const parentCoefficients = coefficients.get(parent);
    const yieldFraction = yieldOf(parent);
    for (const child of children.get(parent) ?? []) {
      if (parentCoefficients) {
        const target = coefficients.get(child.componentId) ?? new Map<string, number>();
        for (const [endItem, units] of parentCoefficients) target.set(endItem, (target.get(endItem) ?? 0) + (units / yieldFraction) * child.factor);
        coefficients.set(child.componentId, target);
      }
      const left = remaining.get(child.componentId)! - 1;
      remaining.set(child.componentId, left);
      if (left === 0) insertSorted(ready, child.componentId);
    }
  }
  if (visited < nodes.size) {
    const inCycle = [...remaining].filter(([, left]) => left > 0).map(([id]) => id).sort();
    throw new CoreError('invalid_input', `the bill of materials has a cycle through ${inCycle.join(', ')}`, { path: 'bomLines' });
  }
  return [...coefficients.keys()].sort().map((itemId) => {
    const terms = [...coefficients.get(itemId)!].filter(([, units]) => units > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let mean = 0;
    let variance = 0;
    for (const [endItem, units] of terms) {
      const end = endItems.get(endItem)!;
      mean += units * end.mean;
      variance += units * units * end.sd * end.sd;
    }
    return { itemId, meanPerPeriod: mean, standardDeviationPerPeriod: Math.sqrt(variance), unitsPerEndItem: terms.map(([endItemId, units]) => ({ endItemId, units })) };
  });
}

function insertSorted(list: string[], value: string): void {
  let index = 0;
  while (index < list.length && list[index]! < value) index++;
  list.splice(index, 0, value);
}
