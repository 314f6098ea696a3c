import type { Highs } from 'highs';

type Column = { name: string; cost: number; lower: number; upper: number; integer: boolean };
type Row = { name: string; lower: number; upper: number; terms: Map<number, number> };

export type LinearSolveOutcome = {
  modelStatus: string;
  optimal: boolean;
  hasSolution: boolean;
  objectiveValue: number | null;
  values: Float64Array;
};

/**
 * A small row-wise model builder over HiGHS' structured API (sparse CSR arrays, no LP text),
 * so generated models skip text building and parsing.
 */
export class LinearModel {
  private readonly columns: Column[] = [];
  private readonly rows: Row[] = [];

  addColumn(name: string, cost: number, lower = 0, upper = Number.POSITIVE_INFINITY, integer = false): number {
    this.columns.push({ name, cost, lower, upper, integer });
    return this.columns.length - 1;
  }

  /** Adds lower ≤ Σ coefficient·x ≤ upper; repeated columns add up. */
  addRow(name: string, terms: Array<[number, number]>, lower: number, upper: number): number {
    const merged = new Map<number, number>();
    for (const [column, coefficient] of terms) merged.set(column, (merged.get(column) ?? 0) + coefficient);
    this.rows.push({ name, lower, upper, terms: merged });
    return this.rows.length - 1;
  }

  setBounds(column: number, lower: number, upper: number): void {
    const target = this.columns[column];
    if (target === undefined) throw new Error(`unknown column ${column}`);
    target.lower = lower;
    target.upper = upper;
  }

  get columnCount(): number { return this.columns.length; }
  get rowCount(): number { return this.rows.length; }

  solve(highs: Highs, options: { timeLimitSeconds: number; mipRelativeGap: number }): LinearSolveOutcome {
    const infinity = highs.infinity;
    const bound = (value: number): number => (value === Number.POSITIVE_INFINITY ? infinity : value === Number.NEGATIVE_INFINITY ? -infinity : value);
    const starts: number[] = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const row of this.rows) {
      const sorted = [...row.terms.entries()].filter(([, value]) => value !== 0).sort((a, b) => a[0] - b[0]);
      for (const [column, value] of sorted) { indices.push(column); values.push(value); }
      starts.push(indices.length);
    }
    const anyInteger = this.columns.some((column) => column.integer);
    const variableType = highs.constants.variableType;
    const data = {
      numCols: this.columns.length,
      numRows: this.rows.length,
      sense: highs.constants.objectiveSense.minimize,
      colCost: this.columns.map((column) => column.cost),
      colLower: this.columns.map((column) => bound(column.lower)),
      colUpper: this.columns.map((column) => bound(column.upper)),
      rowLower: this.rows.map((row) => bound(row.lower)),
      rowUpper: this.rows.map((row) => bound(row.upper)),
      matrix: { format: 'csr' as const, numRows: this.rows.length, numCols: this.columns.length, starts, indices, values },
      ...(anyInteger ? { integrality: this.columns.map((column) => (column.integer ? variableType.integer : variableType.continuous)) } : {}),
    };
    return highs.withModel(data, (model) => {
      model.options.set({ output_flag: false, time_limit: options.timeLimitSeconds, mip_rel_gap: options.mipRelativeGap, random_seed: 0 });
      model.run();
      const status = model.getModelStatus();
      const names = Object.entries(highs.constants.modelStatus).find(([, code]) => code === status)?.[0] ?? `status_${status}`;
      const primalStatus = Number(model.info.get('primal_solution_status'));
      const hasSolution = primalStatus === 2;
      return {
        modelStatus: names,
        optimal: status === highs.constants.modelStatus.optimal,
        hasSolution,
        objectiveValue: hasSolution ? model.getObjectiveValue() : null,
        values: hasSolution ? Float64Array.from(model.getSolution().colValue) : new Float64Array(this.columns.length),
      };
    });
  }
}
