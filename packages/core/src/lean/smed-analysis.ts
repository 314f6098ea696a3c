import { CoreError } from '../shared/core-error';
import { requireNonNegative, requireText, requireUniqueIds } from './internal/validate';

/** Internal: done while the machine is stopped; external: done while it still runs. */
export type SmedElementType = 'internal' | 'external';

/** What the SMED workshop decided for an element (Shingo's stages). */
export type SmedAction = 'keep' | 'convert-to-external' | 'streamline' | 'eliminate';

export type SmedElement = {
  id: string;
  name: string;
  type: SmedElementType;
  durationSeconds: number;
  /** Default 'keep'. */
  action?: SmedAction;
  /** Duration after the improvement; required for 'streamline', defaults to durationSeconds otherwise. */
  afterDurationSeconds?: number;
};

export type SmedAnalysisInput = {
  elements: SmedElement[];
  /** Changeovers per period (e.g. per week) to turn the saving into freed machine time. Optional. */
  changeoversPerPeriod?: number;
};

export type SmedElementResult = {
  id: string;
  name: string;
  action: SmedAction;
  beforeType: SmedElementType;
  afterType: SmedElementType | 'eliminated';
  beforeSeconds: number;
  afterSeconds: number;
  /** Internal (machine-stopped) seconds this element stops costing. */
  internalSecondsSaved: number;
};

export type SmedAnalysisResult = {
  elements: SmedElementResult[];
  /** Changeover time (machine stopped) before = Σ internal durations. */
  changeoverBeforeSeconds: number;
  changeoverAfterSeconds: number;
  changeoverSavedSeconds: number;
  /** Saved ÷ before, 0–1 (0 when there was no internal time). */
  reductionFraction: number;
  externalBeforeSeconds: number;
  externalAfterSeconds: number;
  /** Saved seconds × changeovers per period, when given. */
  machineSecondsFreedPerPeriod: number | null;
};

/**
 * SMED (single-minute exchange of die) before/after analysis of a changeover.
 * Formulas: changeover time = Σ internal element durations; after: converted elements become
 * external, eliminated ones vanish, streamlined ones take afterDurationSeconds; saved = before − after;
 * reduction = saved / before. Source: Shingo, *A Revolution in Manufacturing: The SMED System* (1985),
 * stages 1–3 (separate, convert, streamline).
 * Example: internal 600 + 300 + 900 s, external 120 s; convert the 600-s element, streamline 900 → 300 s
 * → 1,800 s before, 600 s after, 1,200 s saved (66.7 %).
 * Throws empty_input, invalid_input, negative_value, not_finite.
 */
export function computeSmedAnalysis(input: SmedAnalysisInput): SmedAnalysisResult {
  if (!Array.isArray(input.elements) || input.elements.length === 0) throw new CoreError('empty_input', 'A changeover needs at least one element', { path: 'elements' });
  requireUniqueIds(input.elements, 'elements');
  const elements = input.elements.map((element, index): SmedElementResult => {
    const path = `elements[${index}]`;
    const before = requireNonNegative(element.durationSeconds, `${path}.durationSeconds`);
    if (element.type !== 'internal' && element.type !== 'external') throw new CoreError('invalid_input', 'type must be internal or external', { path: `${path}.type` });
    const action = element.action ?? 'keep';
    let afterType: SmedElementType | 'eliminated';
    let after: number;
    switch (action) {
      case 'keep':
        afterType = element.type;
        after = element.afterDurationSeconds === undefined ? before : requireNonNegative(element.afterDurationSeconds, `${path}.afterDurationSeconds`);
        break;
      case 'convert-to-external':
        afterType = 'external';
        after = element.afterDurationSeconds === undefined ? before : requireNonNegative(element.afterDurationSeconds, `${path}.afterDurationSeconds`);
        break;
      case 'streamline':
        if (element.afterDurationSeconds === undefined) throw new CoreError('invalid_input', 'A streamlined element needs afterDurationSeconds', { path: `${path}.afterDurationSeconds` });
        afterType = element.type;
        after = requireNonNegative(element.afterDurationSeconds, `${path}.afterDurationSeconds`);
        break;
      case 'eliminate':
        afterType = 'eliminated';
        after = 0;
        break;
      default:
        throw new CoreError('invalid_input', `Unknown action ${String(action as string)}`, { path: `${path}.action` });
    }
    const internalBefore = element.type === 'internal' ? before : 0;
    const internalAfter = afterType === 'internal' ? after : 0;
    return {
      id: element.id,
      name: requireText(element.name, `${path}.name`),
      action,
      beforeType: element.type,
      afterType,
      beforeSeconds: before,
      afterSeconds: after,
      internalSecondsSaved: internalBefore - internalAfter,
    };
  });
  const sum = (pick: (element: SmedElementResult) => number) => elements.reduce((total, element) => total + pick(element), 0);
  const changeoverBeforeSeconds = sum((element) => (element.beforeType === 'internal' ? element.beforeSeconds : 0));
  const changeoverAfterSeconds = sum((element) => (element.afterType === 'internal' ? element.afterSeconds : 0));
  const saved = changeoverBeforeSeconds - changeoverAfterSeconds;
  const perPeriod = input.changeoversPerPeriod === undefined ? null : requireNonNegative(input.changeoversPerPeriod, 'changeoversPerPeriod');
  return {
    elements,
    changeoverBeforeSeconds,
    changeoverAfterSeconds,
    changeoverSavedSeconds: saved,
    reductionFraction: changeoverBeforeSeconds === 0 ? 0 : saved / changeoverBeforeSeconds,
    externalBeforeSeconds: sum((element) => (element.beforeType === 'external' ? element.beforeSeconds : 0)),
    externalAfterSeconds: sum((element) => (element.afterType === 'external' ? element.afterSeconds : 0)),
    machineSecondsFreedPerPeriod: perPeriod === null ? null : saved * perPeriod,
  };
}
