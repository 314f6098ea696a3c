import { assertNonNegative } from './internal/assert-input';

export type HoldingCostRateInput = {
  /** Cost of capital (weighted average cost of capital or borrowing rate), fraction per year. */
  costOfCapitalRatePerYear: number;
  /** Storage and handling, fraction of unit value per year. */
  storageRatePerYear?: number;
  insuranceRatePerYear?: number;
  /** Obsolescence, shrinkage and damage, fraction per year. */
  obsolescenceRatePerYear?: number;
  /** Taxes on inventory, fraction per year. */
  taxRatePerYear?: number;
  /** Unit value (cost) of the item, to turn the rate into a cost per unit. */
  unitCost?: number;
};

export type HoldingCostRateResult = {
  /** i = sum of the parts, fraction of unit value per year. */
  holdingCostRatePerYear: number;
  components: { name: 'capital' | 'storage' | 'insurance' | 'obsolescence' | 'tax'; ratePerYear: number; shareOfTotal: number }[];
  /** h = i * unit cost, when unitCost is given. */
  holdingCostPerUnitPerYear?: number;
};

/**
 * Annual holding cost rate built from its parts, so the financial cost of stock is explicit.
 * Formula: i = capital + storage + insurance + obsolescence + tax; h = i c.
 * Source: Silver, Pyke & Thomas (2017), section 2.4 (carrying charge r).
 * Example: capital 0.08 + storage 0.05 + insurance 0.01 + obsolescence 0.06 = 0.20; with c = 25, h = 5 per unit per year.
 * Throws: not_finite, negative_value.
 */
export function computeHoldingCostRate(input: HoldingCostRateInput): HoldingCostRateResult {
  const parts = [
    { name: 'capital' as const, ratePerYear: assertNonNegative(input.costOfCapitalRatePerYear, 'costOfCapitalRatePerYear') },
    { name: 'storage' as const, ratePerYear: assertNonNegative(input.storageRatePerYear ?? 0, 'storageRatePerYear') },
    { name: 'insurance' as const, ratePerYear: assertNonNegative(input.insuranceRatePerYear ?? 0, 'insuranceRatePerYear') },
    { name: 'obsolescence' as const, ratePerYear: assertNonNegative(input.obsolescenceRatePerYear ?? 0, 'obsolescenceRatePerYear') },
    { name: 'tax' as const, ratePerYear: assertNonNegative(input.taxRatePerYear ?? 0, 'taxRatePerYear') },
  ];
  const total = parts.reduce((sum, part) => sum + part.ratePerYear, 0);
  const result: HoldingCostRateResult = {
    holdingCostRatePerYear: total,
    components: parts.map((part) => ({ ...part, shareOfTotal: total > 0 ? part.ratePerYear / total : 0 })),
  };
  if (input.unitCost !== undefined) result.holdingCostPerUnitPerYear = total * assertNonNegative(input.unitCost, 'unitCost');
  return result;
}
