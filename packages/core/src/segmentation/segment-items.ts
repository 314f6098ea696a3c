import { CoreError } from '../shared/core-error';
import { classifyAbc, type AbcResult } from './classify-abc';
import { classifyAbcMultiCriteria } from './classify-abc-multi-criteria';
import { classifyXyz, type XyzClassBound, type XyzItemResult } from './classify-xyz';
import type { ServiceTarget } from '../inventory/index';
import type { AbcClassBound, AbcCriterion, SegmentPolicy, SegmentationItem } from './types';

/**
 * Default policies per ABC x XYZ segment: A items get continuous review, B weekly-style periodic review,
 * C longer review periods; X items a level model, Y a trend/seasonal model, Z an intermittent-demand model.
 * Regular A and B items (X, Y) are sized for a fill rate (beta: the share of demand served, what their customers
 * see); erratic (Z) and C items for a cycle service level (alpha), whose safety stock does not grow with a
 * fill-rate target's sensitivity to rare large demands (Silver, Pyke & Thomas 2017, §7.2 and ch. 6).
 * Keys without an XYZ letter serve items that have no demand history.
 */
export const DEFAULT_SEGMENT_POLICIES: Record<string, SegmentPolicy> = {
  AX: { cycleServiceLevel: 0.98, serviceTargetType: 'fill-rate', fillRate: 0.99, reviewType: 'continuous', forecastModel: 'exponential-smoothing' },
  AY: { cycleServiceLevel: 0.97, serviceTargetType: 'fill-rate', fillRate: 0.98, reviewType: 'continuous', forecastModel: 'holt-winters' },
  AZ: { cycleServiceLevel: 0.95, reviewType: 'continuous', forecastModel: 'croston' },
  BX: { cycleServiceLevel: 0.97, serviceTargetType: 'fill-rate', fillRate: 0.98, reviewType: 'periodic', reviewPeriods: 1, forecastModel: 'exponential-smoothing' },
  BY: { cycleServiceLevel: 0.95, serviceTargetType: 'fill-rate', fillRate: 0.97, reviewType: 'periodic', reviewPeriods: 1, forecastModel: 'holt-winters' },
  BZ: { cycleServiceLevel: 0.92, reviewType: 'periodic', reviewPeriods: 2, forecastModel: 'croston' },
  CX: { cycleServiceLevel: 0.95, reviewType: 'periodic', reviewPeriods: 4, forecastModel: 'moving-average' },
  CY: { cycleServiceLevel: 0.93, reviewType: 'periodic', reviewPeriods: 4, forecastModel: 'moving-average' },
  CZ: { cycleServiceLevel: 0.9, reviewType: 'periodic', reviewPeriods: 4, forecastModel: 'croston' },
  A: { cycleServiceLevel: 0.97, reviewType: 'continuous', forecastModel: 'exponential-smoothing' },
  B: { cycleServiceLevel: 0.95, reviewType: 'periodic', reviewPeriods: 1, forecastModel: 'exponential-smoothing' },
  C: { cycleServiceLevel: 0.93, reviewType: 'periodic', reviewPeriods: 4, forecastModel: 'moving-average' },
};

export type SegmentItemsInput = {
  items: SegmentationItem[];
  /** One criterion, or several with weights (multi-criteria ABC). */
  abc?: { criterion?: AbcCriterion; criteria?: { criterion: AbcCriterion; weight: number }[]; classes?: AbcClassBound[] };
  xyz?: { classes?: XyzClassBound[] };
  /** Policies per segment key (e.g. 'AX'); merged over the defaults. */
  policies?: Record<string, SegmentPolicy>;
  /** Per-item changes that win over the segment's policy. */
  overrides?: Record<string, Partial<SegmentPolicy>>;
};

export type SegmentedItem = {
  itemId: string;
  abcClass: string;
  xyzClass: string | null;
  /** abcClass + xyzClass, e.g. 'AX'. */
  segment: string;
  value: number;
  cumulativeShare: number;
  coefficientOfVariation: number | null;
  policy: SegmentPolicy;
  policySource: 'segment' | 'override';
};

export type SegmentItemsResult = { abc: AbcResult; items: SegmentedItem[]; segmentCounts: Record<string, number> };

/**
 * ABC x XYZ segmentation with a default policy per segment, overridable per item.
 * Formula: ABC by Pareto on the criterion (classifyAbc / classifyAbcMultiCriteria), XYZ by coefficient of variation
 * (classifyXyz, items with a history of 2+ periods), policy = overrides[item] over policies[segment]; custom class labels
 * use the default policy of the same position (first A, last C, others B).
 * Source: Silver, Pyke & Thomas (2017), ch. 3; Scholz-Reiter et al. (2012).
 * Example: an A item with CV 0.2 -> segment AX -> continuous review, 98 % cycle service, exponential smoothing.
 * Throws: unknown_reference (an override names an unknown item), invalid_input (no policy for a segment).
 */
export function segmentItems(input: SegmentItemsInput): SegmentItemsResult {
  const abc = input.abc?.criteria
    ? classifyAbcMultiCriteria({ items: input.items, criteria: input.abc.criteria, ...(input.abc.classes ? { classes: input.abc.classes } : {}) })
    : classifyAbc({ items: input.items, criterion: input.abc?.criterion ?? 'usage-value', ...(input.abc?.classes ? { classes: input.abc.classes } : {}) });
  const withHistory = input.items.filter((item) => Array.isArray(item.demandHistory) && item.demandHistory.length >= 2);
  const xyz = new Map<string, XyzItemResult>(classifyXyz({ items: withHistory, ...(input.xyz?.classes ? { classes: input.xyz.classes } : {}) }).map((row) => [row.itemId, row]));
  const policies = { ...DEFAULT_SEGMENT_POLICIES, ...(input.policies ?? {}) };
  const overrides = input.overrides ?? {};
  const ids = new Set(input.items.map((item) => item.itemId));
  for (const id of Object.keys(overrides)) if (!ids.has(id)) throw new CoreError('unknown_reference', `override for unknown item ${id}`, { path: `overrides.${id}` });
  const classLabels = Object.keys(abc.classCounts);
  const segmentCounts: Record<string, number> = {};
  const items: SegmentedItem[] = abc.items.map((row) => {
    const variability = xyz.get(row.itemId);
    const segment = `${row.abcClass}${variability?.xyzClass ?? ''}`;
    // Custom class labels borrow the default policies by position: first class A, last C, others B.
    const position = classLabels.indexOf(row.abcClass);
    const letter = position === 0 ? 'A' : position === classLabels.length - 1 ? 'C' : 'B';
    const base = policies[segment] ?? policies[row.abcClass] ?? policies[`${letter}${variability?.xyzClass ?? ''}`] ?? policies[letter];
    if (!base) throw new CoreError('invalid_input', `no policy for segment ${segment}`, { path: `policies.${segment}` });
    const override = overrides[row.itemId];
    segmentCounts[segment] = (segmentCounts[segment] ?? 0) + 1;
    return {
      itemId: row.itemId,
      abcClass: row.abcClass,
      xyzClass: variability?.xyzClass ?? null,
      segment,
      value: row.value,
      cumulativeShare: row.cumulativeShare,
      coefficientOfVariation: variability ? (Number.isFinite(variability.coefficientOfVariation) ? variability.coefficientOfVariation : null) : null,
      policy: override ? { ...base, ...override } : { ...base },
      policySource: override ? 'override' : 'segment',
    };
  });
  return { abc, items, segmentCounts };
}

/**
 * The service target a segment policy sizes safety stock for: { fillRate } when serviceTargetType is 'fill-rate',
 * else { cycleServiceLevel }.
 * Example: DEFAULT_SEGMENT_POLICIES.AX -> { fillRate: 0.99 }; DEFAULT_SEGMENT_POLICIES.CZ -> { cycleServiceLevel: 0.9 }.
 * Throws: invalid_input (a fill-rate policy without fillRate).
 */
export function toServiceTarget(policy: SegmentPolicy): ServiceTarget {
  if ((policy.serviceTargetType ?? 'cycle-service-level') === 'cycle-service-level') return { cycleServiceLevel: policy.cycleServiceLevel };
  if (typeof policy.fillRate !== 'number') throw new CoreError('invalid_input', 'a fill-rate policy needs fillRate', { path: 'fillRate' });
  return { fillRate: policy.fillRate };
}
