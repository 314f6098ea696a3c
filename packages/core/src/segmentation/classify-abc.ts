import { CoreError } from '../shared/core-error';
import type { AbcClassBound, AbcCriterion, SegmentationItem } from './types';

export const DEFAULT_ABC_CLASSES: AbcClassBound[] = [
  { label: 'A', cumulativeShare: 0.8 },
  { label: 'B', cumulativeShare: 0.95 },
  { label: 'C', cumulativeShare: 1 },
];

export type AbcInput = {
  items: SegmentationItem[];
  criterion?: AbcCriterion;
  /** Class bounds on the cumulative share, ascending (default A 80 %, B 95 %, C 100 %). */
  classes?: AbcClassBound[];
};

export type AbcItemResult = {
  itemId: string;
  /** Value of the criterion (usage value, units or margin). */
  value: number;
  /** value / total of positive values. */
  share: number;
  /** Cumulative share including this item, in rank order. */
  cumulativeShare: number;
  /** 1 = largest value. */
  rank: number;
  abcClass: string;
};

export type AbcResult = { criterion: AbcCriterion; total: number; items: AbcItemResult[]; classCounts: Record<string, number>; classShares: Record<string, number> };

/**
 * ABC (Pareto) classification on usage value, volume or margin with configurable class bounds.
 * Formula: rank items by value descending (item id breaks ties); an item joins the first class whose bound is
 * >= the cumulative share before it, so the item that crosses a bound stays in the higher class. Items with
 * value <= 0 go to the last class.
 * Source: Silver, Pyke & Thomas (2017), section 2.3 (Distribution by value); Pareto principle.
 * Example: values 50, 30, 10, 6, 4 -> cumulative 0.5, 0.8, 0.9, 0.96, 1 -> A, A, B, B, C.
 * Throws: empty_input (no items), invalid_input (duplicate ids, bad bounds), negative_value, not_finite.
 */
export function classifyAbc(input: AbcInput): AbcResult {
  const criterion = input.criterion ?? 'usage-value';
  const classes = validateClasses(input.classes ?? DEFAULT_ABC_CLASSES);
  if (!Array.isArray(input.items) || input.items.length === 0) throw new CoreError('empty_input', 'no items to classify', { path: 'items' });
  const seen = new Set<string>();
  const valued = input.items.map((item, index) => {
    if (item === null || typeof item !== 'object') throw new CoreError('invalid_input', 'each item must be an object', { path: `items[${index}]` });
    if (typeof item.itemId !== 'string' || item.itemId === '') throw new CoreError('invalid_input', 'itemId must be a non-empty string', { path: `items[${index}].itemId` });
    if (seen.has(item.itemId)) throw new CoreError('invalid_input', `duplicate item ${item.itemId}`, { path: `items[${index}].itemId` });
    seen.add(item.itemId);
    return { itemId: item.itemId, value: criterionValue(item, criterion, index) };
  });
  return rankByValue(valued, criterion, classes);
}

/** @internal Shared by the multi-criteria variant: ranks given values into classes. */
export function rankByValue(valued: { itemId: string; value: number }[], criterion: AbcCriterion, classes: AbcClassBound[]): AbcResult {
  const sorted = [...valued].sort((a, b) => b.value - a.value || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  const total = sorted.reduce((sum, item) => sum + Math.max(item.value, 0), 0);
  let cumulative = 0;
  const lastLabel = classes[classes.length - 1]!.label;
  const items: AbcItemResult[] = sorted.map((item, index) => {
    const positive = Math.max(item.value, 0);
    const before = total > 0 ? cumulative / total : 1;
    cumulative += positive;
    const share = total > 0 ? positive / total : 0;
    const cumulativeShare = total > 0 ? cumulative / total : 0;
    let abcClass = lastLabel;
    if (positive > 0) {
      for (const bound of classes) if (before < bound.cumulativeShare - 1e-12) { abcClass = bound.label; break; }
    }
    return { itemId: item.itemId, value: item.value, share, cumulativeShare, rank: index + 1, abcClass };
  });
  const classCounts: Record<string, number> = {};
  const classShares: Record<string, number> = {};
  for (const bound of classes) { classCounts[bound.label] = 0; classShares[bound.label] = 0; }
  for (const item of items) { classCounts[item.abcClass]! += 1; classShares[item.abcClass]! += item.share; }
  return { criterion, total, items, classCounts, classShares };
}

function criterionValue(item: SegmentationItem, criterion: AbcCriterion, index: number): number {
  const units = annualUnits(item, index);
  switch (criterion) {
    case 'volume':
      return units;
    case 'usage-value':
      return units * number(item.unitCost, `items[${index}].unitCost`, true);
    case 'margin':
      return units * number(item.unitMargin, `items[${index}].unitMargin`, false);
    default:
      throw new CoreError('invalid_input', `unknown criterion ${JSON.stringify(criterion)} (usage-value, volume, margin)`, { path: 'criterion' });
  }
}

/** @internal */
export function annualUnits(item: SegmentationItem, index: number): number {
  if (item.annualDemandUnits !== undefined) return number(item.annualDemandUnits, `items[${index}].annualDemandUnits`, true);
  if (Array.isArray(item.demandHistory) && item.demandHistory.length > 0) {
    return item.demandHistory.reduce((sum, value, period) => sum + number(value, `items[${index}].demandHistory[${period}]`, true), 0);
  }
  throw new CoreError('invalid_input', 'give annualDemandUnits or demandHistory', { path: `items[${index}].annualDemandUnits` });
}

function number(value: unknown, path: string, nonNegative: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('not_finite', `expected a finite number, got ${JSON.stringify(value)}`, { path });
  if (nonNegative && value < 0) throw new CoreError('negative_value', `must be >= 0, got ${value}`, { path });
  return value;
}

/** @internal */
export function validateClasses(classes: AbcClassBound[]): AbcClassBound[] {
  if (!Array.isArray(classes) || classes.length === 0) throw new CoreError('empty_input', 'at least one class is needed', { path: 'classes' });
  const labels = new Set<string>();
  classes.forEach((bound, index) => {
    if (typeof bound.label !== 'string' || bound.label === '' || labels.has(bound.label)) throw new CoreError('invalid_input', 'class labels must be unique non-empty strings', { path: `classes[${index}].label` });
    labels.add(bound.label);
    if (!(bound.cumulativeShare > 0 && bound.cumulativeShare <= 1)) throw new CoreError('out_of_range', 'cumulativeShare must be in (0, 1]', { path: `classes[${index}].cumulativeShare` });
    if (index > 0 && bound.cumulativeShare <= classes[index - 1]!.cumulativeShare) throw new CoreError('invalid_input', 'class bounds must be strictly ascending', { path: `classes[${index}].cumulativeShare` });
  });
  return classes;
}
