/** One reconciled count line as variance analysis sees it. */
export type CountVarianceLine = { abcClass: string; causeCode: string | null; varianceQuantity: number; varianceValueEur: number; withinTolerance: boolean };

export type CountVarianceGroup = {
  lines: number;
  /** Lines whose count differs from the book. */
  linesWithVariance: number;
  linesOutsideTolerance: number;
  /** Σ variance × unit cost (gains minus losses), EUR. */
  netVarianceValueEur: number;
  /** Σ |variance × unit cost|, EUR. */
  absoluteVarianceValueEur: number;
  /** Σ variance in units (only meaningful within one unit of measure). */
  netVarianceQuantity: number;
};

export type CountVarianceSummary = { overall: CountVarianceGroup; byClass: Record<string, CountVarianceGroup>; byCause: Record<string, CountVarianceGroup> };

/**
 * Variance analysis in quantity and value, overall, by ABC class and by cause code (lines with a variance and no
 * cause are grouped under 'unexplained'; lines without variance under 'none').
 * Net value = Σ variance × unit cost; absolute value = Σ |variance × unit cost|.
 * Example: A −5.00 EUR (cause damage), A +2.00 EUR (no cause), B 0 → A net −3.00, absolute 7.00; damage −5.00, unexplained +2.00, none 0.
 */
export function summarizeCountVariances(lines: CountVarianceLine[]): CountVarianceSummary {
  const byClass: Record<string, CountVarianceLine[]> = {};
  const byCause: Record<string, CountVarianceLine[]> = {};
  for (const line of lines) {
    (byClass[line.abcClass] ??= []).push(line);
    const cause = line.varianceQuantity === 0 ? 'none' : line.causeCode ?? 'unexplained';
    (byCause[cause] ??= []).push(line);
  }
  const sorted = (groups: Record<string, CountVarianceLine[]>): Record<string, CountVarianceGroup> =>
    Object.fromEntries(Object.keys(groups).sort().map((key) => [key, group(groups[key]!)]));
  return { overall: group(lines), byClass: sorted(byClass), byCause: sorted(byCause) };
}

function group(lines: CountVarianceLine[]): CountVarianceGroup {
  const cents = (v: number): number => Math.round(v * 100) / 100 + 0;
  return {
    lines: lines.length,
    linesWithVariance: lines.filter((l) => l.varianceQuantity !== 0).length,
    linesOutsideTolerance: lines.filter((l) => !l.withinTolerance).length,
    netVarianceValueEur: cents(lines.reduce((s, l) => s + l.varianceValueEur, 0)),
    absoluteVarianceValueEur: cents(lines.reduce((s, l) => s + Math.abs(l.varianceValueEur), 0)),
    netVarianceQuantity: Math.round(lines.reduce((s, l) => s + l.varianceQuantity, 0) * 1e6) / 1e6 + 0,
  };
}
