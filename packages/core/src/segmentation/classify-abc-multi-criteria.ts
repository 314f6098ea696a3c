import { CoreError } from '../shared/core-error';
import { DEFAULT_ABC_CLASSES, classifyAbc, rankByValue, validateClasses, type AbcResult } from './classify-abc';
import type { AbcClassBound, AbcCriterion, SegmentationItem } from './types';

export type MultiCriteriaAbcInput = {
  items: SegmentationItem[];
  /** Criteria and their weights (weights are normalised to sum to 1). */
  criteria: { criterion: AbcCriterion; weight: number }[];
  classes?: AbcClassBound[];
};

export type MultiCriteriaAbcResult = AbcResult & { perCriterion: Record<string, Record<string, string>> };

/**
 * Multi-criteria ABC: a weighted score of each criterion's share, then a Pareto split on the score.
 * Formula: score_i = sum_k w_k value_ik / sum_j value_jk (shares make criteria of different units comparable).
 * Source: Flores & Whybark, J. of Operations Management 6(3), 1986 (multiple-criteria ABC); Ramanathan,
 * Computers & Operations Research 33, 2006 (weighted scores).
 * Example: weights usage-value 0.5, margin 0.5 -> an item with 40 % of value and 10 % of margin scores 0.25.
 * Throws: empty_input (no criteria), out_of_range (weights not positive), plus classifyAbc's errors.
 */
export function classifyAbcMultiCriteria(input: MultiCriteriaAbcInput): MultiCriteriaAbcResult {
  const classes = validateClasses(input.classes ?? DEFAULT_ABC_CLASSES);
  if (!Array.isArray(input.criteria) || input.criteria.length === 0) throw new CoreError('empty_input', 'at least one criterion is needed', { path: 'criteria' });
  const weightTotal = input.criteria.reduce((sum, entry, index) => {
    if (!(typeof entry.weight === 'number' && entry.weight > 0 && Number.isFinite(entry.weight))) throw new CoreError('out_of_range', 'weight must be > 0', { path: `criteria[${index}].weight` });
    return sum + entry.weight;
  }, 0);
  const score = new Map<string, number>();
  const perCriterion: Record<string, Record<string, string>> = {};
  for (const { criterion, weight } of input.criteria) {
    const single = classifyAbc({ items: input.items, criterion, classes });
    perCriterion[criterion] = Object.fromEntries(single.items.map((item) => [item.itemId, item.abcClass]));
    for (const item of single.items) score.set(item.itemId, (score.get(item.itemId) ?? 0) + (weight / weightTotal) * item.share);
  }
  const ranked = rankByValue(input.items.map((item) => ({ itemId: item.itemId, value: score.get(item.itemId) ?? 0 })), input.criteria[0]!.criterion, classes);
  return { ...ranked, perCriterion };
}
