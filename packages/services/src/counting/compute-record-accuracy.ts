export type RecordAccuracyLine = { abcClass: string; countDate: string; withinTolerance: boolean; varianceQuantity: number };

export type RecordAccuracyFigures = {
  linesCounted: number;
  /** Lines whose counted quantity matched the book within the class tolerance. */
  linesAccurate: number;
  /** Lines whose counted quantity matched the book exactly. */
  linesExact: number;
  /** linesAccurate / linesCounted (null when nothing was counted). */
  accuracy: number | null;
  /** linesExact / linesCounted. */
  exactAccuracy: number | null;
};

export type RecordAccuracyResult = {
  overall: RecordAccuracyFigures;
  byClass: Record<string, RecordAccuracyFigures>;
  /** Per month (YYYY-MM) of the count date, oldest first. */
  byMonth: ({ month: string } & RecordAccuracyFigures)[];
};

/**
 * Inventory record accuracy (IRA): the share of counted records whose book quantity matched the count within
 * the tolerance of their ABC class, overall, per class and per month (the trend over time); the exact-match
 * share is given beside it. IRA = accurate lines / counted lines.
 * Source: APICS Dictionary, "inventory record accuracy"; Wild, Best Practice in Inventory Management (2002), ch. 13.
 * Example: 4 lines, 3 within tolerance, 2 exact → accuracy 0.75, exact accuracy 0.5.
 */
export function computeRecordAccuracy(lines: RecordAccuracyLine[]): RecordAccuracyResult {
  const overall = figures(lines);
  const byClass: Record<string, RecordAccuracyFigures> = {};
  for (const label of [...new Set(lines.map((l) => l.abcClass))].sort()) byClass[label] = figures(lines.filter((l) => l.abcClass === label));
  const months = [...new Set(lines.map((l) => l.countDate.slice(0, 7)))].sort();
  return { overall, byClass, byMonth: months.map((month) => ({ month, ...figures(lines.filter((l) => l.countDate.startsWith(month))) })) };
}

function figures(lines: RecordAccuracyLine[]): RecordAccuracyFigures {
  const linesCounted = lines.length;
  const linesAccurate = lines.filter((l) => l.withinTolerance).length;
  const linesExact = lines.filter((l) => Math.abs(l.varianceQuantity) < 1e-9).length;
  const ratio = (n: number): number | null => (linesCounted === 0 ? null : Math.round((n / linesCounted) * 1e6) / 1e6);
  return { linesCounted, linesAccurate, linesExact, accuracy: ratio(linesAccurate), exactAccuracy: ratio(linesExact) };
}
