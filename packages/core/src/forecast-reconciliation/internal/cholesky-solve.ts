/**
 * Solves A X = B for a symmetric positive-definite A (k × k) by Cholesky factorisation, B with
 * any number of columns (row-major number[][]). A tiny ridge (1e-12 × mean diagonal) is added when
 * the factorisation meets a non-positive pivot; returns undefined if that fails too.
 */
export function solveSymmetricPositive(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] | undefined {
  const k = a.length;
  const meanDiag = a.reduce((s, row, i) => s + Math.abs(row[i]!), 0) / Math.max(1, k);
  for (const ridge of [0, 1e-12 * meanDiag, 1e-8 * meanDiag]) {
    const l = factor(a, ridge);
    if (l === undefined) continue;
    const cols = b[0]?.length ?? 0;
    const x = b.map((row) => row.slice());
    for (let c = 0; c < cols; c++) {
      for (let i = 0; i < k; i++) {
        let s = x[i]![c]!;
        for (let j = 0; j < i; j++) s -= l[i]![j]! * x[j]![c]!;
        x[i]![c] = s / l[i]![i]!;
      }
      for (let i = k - 1; i >= 0; i--) {
        let s = x[i]![c]!;
        for (let j = i + 1; j < k; j++) s -= l[j]![i]! * x[j]![c]!;
        x[i]![c] = s / l[i]![i]!;
      }
    }
    return x;
  }
  return undefined;
}

function factor(a: readonly (readonly number[])[], ridge: number): number[][] | undefined {
  const k = a.length;
  const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]! + (i === j ? ridge : 0);
      for (let p = 0; p < j; p++) s -= l[i]![p]! * l[j]![p]!;
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  return l;
}
