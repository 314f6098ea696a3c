import { CountingError } from './counting-error';

/** Why a counted quantity differs from the book: the closed list of cause codes a counter or supervisor picks. */
export const COUNT_CAUSE_CODES = [
  'unrecorded_issue', 'unrecorded_receipt', 'wrong_location', 'wrong_item', 'unit_of_measure', 'damage', 'theft', 'counting_error', 'data_entry', 'unexplained',
] as const;
export type CountCauseCode = (typeof COUNT_CAUSE_CODES)[number];

/** Settings of one ABC class: how often it is counted and when a variance calls for a recount. */
export type CountClassSettings = {
  /** Counts per year: 1 (yearly), 2, 3, 4 (quarterly), 6 or 12 (monthly). */
  countsPerYear: number;
  /** Accepted |variance| as a fraction of the expected quantity (0.02 = 2 %). */
  quantityTolerance: number;
  /** Accepted |variance| × unit cost, in the organization's currency (EUR). */
  valueToleranceEur: number;
};

export type CountClassSettingsByClass = Record<string, CountClassSettings>;

/**
 * Defaults in the spirit of APICS practice (A monthly, B quarterly, C yearly; tighter tolerance for A):
 * A 12/yr ±0 % and 50 EUR, B 4/yr ±2 % and 200 EUR, C 1/yr ±5 % and 500 EUR.
 */
export const DEFAULT_COUNT_CLASS_SETTINGS: CountClassSettingsByClass = {
  A: { countsPerYear: 12, quantityTolerance: 0, valueToleranceEur: 50 },
  B: { countsPerYear: 4, quantityTolerance: 0.02, valueToleranceEur: 200 },
  C: { countsPerYear: 1, quantityTolerance: 0.05, valueToleranceEur: 500 },
};

const ALLOWED_COUNTS_PER_YEAR = [1, 2, 3, 4, 6, 12];

/** Checks class settings (frequency a divisor of 12 months, tolerances ≥ 0); throws CountingError('invalid_input') naming the field. */
export function validateCountClassSettings(settings: CountClassSettingsByClass): CountClassSettingsByClass {
  const labels = Object.keys(settings);
  if (labels.length === 0) throw new CountingError('invalid_input', 'counting.error.settings', { field: 'classes', detail: 'no class' });
  for (const label of labels) {
    const s = settings[label]!;
    if (!ALLOWED_COUNTS_PER_YEAR.includes(s.countsPerYear)) throw new CountingError('invalid_input', 'counting.error.settings', { field: `${label}.countsPerYear`, detail: `${s.countsPerYear} is not one of ${ALLOWED_COUNTS_PER_YEAR.join(', ')}` });
    if (!(s.quantityTolerance >= 0 && s.quantityTolerance < 1)) throw new CountingError('invalid_input', 'counting.error.settings', { field: `${label}.quantityTolerance`, detail: `${s.quantityTolerance} is not a fraction from 0 to 1` });
    if (!(s.valueToleranceEur >= 0 && Number.isFinite(s.valueToleranceEur))) throw new CountingError('invalid_input', 'counting.error.settings', { field: `${label}.valueToleranceEur`, detail: `${s.valueToleranceEur} is not an amount ≥ 0` });
  }
  return settings;
}

/**
 * Parses `A:12:0:50,B:4:0.02:200,C:1:0.05:500` (class:countsPerYear:quantityTolerance:valueToleranceEur; the
 * tolerances may be left out to keep the defaults) on top of the defaults.
 */
export function parseCountClassSettings(text: string | undefined, base: CountClassSettingsByClass = DEFAULT_COUNT_CLASS_SETTINGS): CountClassSettingsByClass {
  if (text === undefined || text.trim() === '') return validateCountClassSettings(base);
  const result: CountClassSettingsByClass = {};
  for (const part of text.split(',')) {
    const [label, perYear, quantityTolerance, valueTolerance] = part.split(':').map((s) => s.trim());
    if (!label) throw new CountingError('invalid_input', 'counting.error.settings', { field: 'classes', detail: `"${part}" has no class label` });
    const fallback = base[label] ?? DEFAULT_COUNT_CLASS_SETTINGS.C!;
    const num = (value: string | undefined, keep: number): number => (value === undefined || value === '' ? keep : Number(value));
    result[label] = { countsPerYear: num(perYear, fallback.countsPerYear), quantityTolerance: num(quantityTolerance, fallback.quantityTolerance), valueToleranceEur: num(valueTolerance, fallback.valueToleranceEur) };
  }
  return validateCountClassSettings(result);
}
