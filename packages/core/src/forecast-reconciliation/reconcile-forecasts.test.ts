import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random';
import { buildItemFamilyHierarchy, buildSummingMatrix, type HierarchyNode } from './build-summing-matrix';
import { estimateShrinkageCovariance } from './estimate-shrinkage-covariance';
import { reconcileForecasts, type ReconciliationMethod } from './reconcile-forecasts';

const SIMPLE: HierarchyNode[] = [
  { nodeId: 'total', parentId: null },
  { nodeId: 'a', parentId: 'total' },
  { nodeId: 'b', parentId: 'total' },
];

// total → {A, B}; A → {a1, a2}; B → {b1, b2, b3}
const TREE: HierarchyNode[] = [
  { nodeId: 'total', parentId: null },
  { nodeId: 'A', parentId: 'total' },
  { nodeId: 'B', parentId: 'total' },
  { nodeId: 'a1', parentId: 'A' },
  { nodeId: 'a2', parentId: 'A' },
  { nodeId: 'b1', parentId: 'B' },
  { nodeId: 'b2', parentId: 'B' },
  { nodeId: 'b3', parentId: 'B' },
];

function expectCoherent(reconciled: Record<string, number[]>, nodes: HierarchyNode[]) {
  const s = buildSummingMatrix(nodes);
  for (const id of s.aggregateIds) {
    const kids = nodes.filter((n) => n.parentId === id).map((n) => n.nodeId);
    reconciled[id]!.forEach((v, h) => expect(v).toBeCloseTo(kids.reduce((acc, k) => acc + reconciled[k]![h]!, 0), 8));
  }
}

describe('buildSummingMatrix', () => {
  it('orders nodes top-down and builds S (FPP3 §11.1 layout)', () => {
    const s = buildSummingMatrix(TREE);
    expect(s.nodeIds).toEqual(['total', 'A', 'B', 'a1', 'a2', 'b1', 'b2', 'b3']);
    expect(s.bottomIds).toEqual(['a1', 'a2', 'b1', 'b2', 'b3']);
    expect(s.matrix[0]).toEqual([1, 1, 1, 1, 1]);
    expect(s.matrix[1]).toEqual([1, 1, 0, 0, 0]);
    expect(s.matrix[2]).toEqual([0, 0, 1, 1, 1]);
    expect(s.matrix[3]).toEqual([1, 0, 0, 0, 0]);
  });

  it('builds total → family → item with prefixed ids', () => {
    const nodes = buildItemFamilyHierarchy([
      { itemId: 'I1', familyId: 'F1' },
      { itemId: 'I2', familyId: 'F1' },
      { itemId: 'I3', familyId: 'F2' },
    ]);
    const s = buildSummingMatrix(nodes);
    expect(s.nodeIds).toEqual(['total', 'family:F1', 'family:F2', 'item:I1', 'item:I2', 'item:I3']);
    expect(s.bottomIds).toEqual(['item:I1', 'item:I2', 'item:I3']);
  });

  it('rejects duplicates, unknown parents and cycles', () => {
    expect(() => buildSummingMatrix([{ nodeId: 'x', parentId: null }, { nodeId: 'x', parentId: null }])).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => buildSummingMatrix([{ nodeId: 'x', parentId: 'nope' }])).toThrow(expect.objectContaining({ code: 'unknown_reference' }));
    expect(() => buildSummingMatrix([{ nodeId: 'x', parentId: 'y' }, { nodeId: 'y', parentId: 'x' }])).toThrow(expect.objectContaining({ code: 'cycle_detected' }));
    expect(() => buildSummingMatrix([])).toThrow(expect.objectContaining({ code: 'empty_input' }));
  });
});

describe('reconcileForecasts', () => {
  const base = { total: [100], a: [50], b: [30] };

  it('OLS worked example: total 100, a 50, b 30 → 93.33, 56.67, 36.67', () => {
    const r = reconcileForecasts({ hierarchy: SIMPLE, baseForecasts: base, method: 'ols' });
    expect(r.reconciled['total']![0]).toBeCloseTo(93.3333, 4);
    expect(r.reconciled['a']![0]).toBeCloseTo(56.6667, 4);
    expect(r.reconciled['b']![0]).toBeCloseTo(36.6667, 4);
    expect(r.baseIncoherence).toBeCloseTo(20, 12);
  });

  it('WLS structural worked example: W = diag(2, 1, 1) → total 90, a 55, b 35', () => {
    const r = reconcileForecasts({ hierarchy: SIMPLE, baseForecasts: base, method: 'wls_structural' });
    expect(r.reconciled['total']![0]).toBeCloseTo(90, 10);
    expect(r.reconciled['a']![0]).toBeCloseTo(55, 10);
    expect(r.reconciled['b']![0]).toBeCloseTo(35, 10);
  });

  it('bottom-up sums the bottom level', () => {
    const r = reconcileForecasts({ hierarchy: SIMPLE, baseForecasts: { a: [50, 10], b: [30, 5] }, method: 'bottom_up' });
    expect(r.reconciled['total']).toEqual([80, 15]);
  });

  it('top-down proportions (Gross & Sohl 1990 methods A and F) on a hand example', () => {
    const history = { a: [10, 60], b: [30, 20] }; // totals 40, 80
    const avgProp = reconcileForecasts({ hierarchy: SIMPLE, baseForecasts: { total: [120] }, method: 'top_down_average_proportions', history });
    expect(avgProp.parameters.proportions!['a']).toBeCloseTo(0.5, 12); // (10/40 + 60/80) / 2
    expect(avgProp.reconciled['a']![0]).toBeCloseTo(60, 10);
    const propAvg = reconcileForecasts({ hierarchy: SIMPLE, baseForecasts: { total: [120] }, method: 'top_down_proportion_of_averages', history });
    expect(propAvg.parameters.proportions!['a']).toBeCloseTo(70 / 120, 12);
    expect(propAvg.reconciled['a']![0]).toBeCloseTo(70, 10);
    expect(propAvg.reconciled['total']![0]).toBeCloseTo(120, 10);
  });

  it('the projection equals S (S\'W⁻¹S)⁻¹ S\'W⁻¹ ŷ computed directly (WLS on a 3-level tree)', () => {
    const s = buildSummingMatrix(TREE);
    const rnd = createRandom(12);
    const baseForecasts: Record<string, number[]> = {};
    s.nodeIds.forEach((id) => (baseForecasts[id] = [10 + 50 * rnd.next()]));
    const r = reconcileForecasts({ hierarchy: s, baseForecasts, method: 'wls_structural' });
    // Direct formula with W = diag(S 1): G = (S'W⁻¹S)⁻¹ S'W⁻¹, solved by Gauss–Jordan here.
    const n = s.nodeIds.length;
    const m = s.bottomIds.length;
    const wInv = s.matrix.map((row) => 1 / row.reduce((a, b) => a + b, 0));
    const a = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => s.matrix.reduce((acc, row, k) => acc + row[i]! * wInv[k]! * row[j]!, 0)));
    const rhs = Array.from({ length: m }, (_, i) => s.matrix.reduce((acc, row, k) => acc + row[i]! * wInv[k]! * baseForecasts[s.nodeIds[k]!]![0]!, 0));
    for (let c = 0; c < m; c++) {
      const piv = a[c]![c]!;
      for (let j = 0; j < m; j++) a[c]![j] = a[c]![j]! / piv;
      rhs[c] = rhs[c]! / piv;
      for (let r2 = 0; r2 < m; r2++) {
        if (r2 === c) continue;
        const f = a[r2]![c]!;
        for (let j = 0; j < m; j++) a[r2]![j] = a[r2]![j]! - f * a[c]![j]!;
        rhs[r2] = rhs[r2]! - f * rhs[c]!;
      }
    }
    for (let i = 0; i < n; i++) {
      const direct = s.matrix[i]!.reduce((acc, sij, j) => acc + sij * rhs[j]!, 0);
      expect(r.reconciled[s.nodeIds[i]!]![0]).toBeCloseTo(direct, 9);
    }
  });

  it('every method gives coherent forecasts and leaves coherent base forecasts unchanged', () => {
    const rnd = createRandom(7);
    const bottomHistory: Record<string, number[]> = {};
    for (const id of ['a1', 'a2', 'b1', 'b2', 'b3']) bottomHistory[id] = Array.from({ length: 30 }, () => 20 + 5 * rnd.nextNormal());
    const residuals: Record<string, number[]> = {};
    for (const id of ['a1', 'a2', 'b1', 'b2', 'b3']) residuals[id] = Array.from({ length: 30 }, () => rnd.nextNormal());
    residuals['A'] = residuals['a1']!.map((v, t) => v + residuals['a2']![t]! + 0.3 * rnd.nextNormal());
    residuals['B'] = residuals['b1']!.map((v, t) => v + residuals['b2']![t]! + residuals['b3']![t]! + 0.3 * rnd.nextNormal());
    residuals['total'] = residuals['A'].map((v, t) => v + residuals['B']![t]! + 0.5 * rnd.nextNormal());
    const incoherent: Record<string, number[]> = { total: [120, 130], A: [45, 50], B: [70, 75], a1: [20, 22], a2: [21, 20], b1: [25, 30], b2: [22, 21], b3: [19, 20] };
    const coherent: Record<string, number[]> = { total: [107, 113], A: [41, 42], B: [66, 71], a1: [20, 22], a2: [21, 20], b1: [25, 30], b2: [22, 21], b3: [19, 20] };
    const methods: ReconciliationMethod[] = ['bottom_up', 'top_down_average_proportions', 'top_down_proportion_of_averages', 'ols', 'wls_structural', 'wls_variance', 'mint_sample', 'mint_shrink'];
    for (const method of methods) {
      const r = reconcileForecasts({ hierarchy: TREE, baseForecasts: incoherent, method, history: bottomHistory, residuals });
      expectCoherent(r.reconciled, TREE);
      if (!method.startsWith('top_down')) {
        const same = reconcileForecasts({ hierarchy: TREE, baseForecasts: coherent, method, history: bottomHistory, residuals });
        for (const id of Object.keys(coherent)) coherent[id]!.forEach((v, h) => expect(same.reconciled[id]![h]).toBeCloseTo(v, 8));
      }
    }
    const shrink = reconcileForecasts({ hierarchy: TREE, baseForecasts: incoherent, method: 'mint_shrink', residuals });
    expect(shrink.parameters.shrinkageLambda).toBeGreaterThanOrEqual(0);
    expect(shrink.parameters.shrinkageLambda).toBeLessThanOrEqual(1);
  });

  it('floors negative bottom results when asked and says so', () => {
    const r = reconcileForecasts({ hierarchy: SIMPLE, baseForecasts: { total: [0], a: [10], b: [-2] }, method: 'ols', nonNegative: true });
    expect(r.reconciled['b']![0]).toBeGreaterThanOrEqual(0);
    expect(r.reconciled['total']![0]).toBeCloseTo(r.reconciled['a']![0]! + r.reconciled['b']![0]!, 10);
    expect(r.notes.join(' ')).toMatch(/set to 0/);
  });

  it('explains missing or bad inputs', () => {
    expect(() => reconcileForecasts({ hierarchy: SIMPLE, baseForecasts: { a: [1] }, method: 'bottom_up' })).toThrow(expect.objectContaining({ code: 'invalid_input', path: 'baseForecasts.b' }));
    expect(() => reconcileForecasts({ hierarchy: SIMPLE, baseForecasts: { zz: [1] }, method: 'bottom_up' })).toThrow(expect.objectContaining({ code: 'unknown_reference' }));
    expect(() => reconcileForecasts({ hierarchy: SIMPLE, baseForecasts: { a: [1, 2], b: [1] }, method: 'bottom_up' })).toThrow(expect.objectContaining({ code: 'length_mismatch' }));
    expect(() => reconcileForecasts({ hierarchy: SIMPLE, baseForecasts: base, method: 'mint_shrink' })).toThrow(expect.objectContaining({ code: 'invalid_input', path: 'residuals' }));
    expect(() => reconcileForecasts({ hierarchy: SIMPLE, baseForecasts: { total: [1] }, method: 'top_down_average_proportions' })).toThrow(expect.objectContaining({ code: 'invalid_input', path: 'history' }));
    const zero = { total: [0, 0, 0], a: [0, 0, 0], b: [0, 0, 0] };
    expect(() => reconcileForecasts({ hierarchy: SIMPLE, baseForecasts: base, method: 'mint_sample', residuals: zero })).toThrow(expect.objectContaining({ code: 'infeasible' }));
  });
});

describe('estimateShrinkageCovariance (Schäfer & Strimmer 2005)', () => {
  it('keeps the sample covariance for perfectly correlated residuals (lambda 0)', () => {
    const r = estimateShrinkageCovariance([
      [1, -1, 1, -1],
      [1, -1, 1, -1],
    ]);
    expect(r.lambda).toBe(0);
    expect(r.covariance).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('shrinks hard for independent noise and stays within [0, 1]', () => {
    const rnd = createRandom(31);
    const rows = Array.from({ length: 6 }, () => Array.from({ length: 20 }, () => rnd.nextNormal()));
    const r = estimateShrinkageCovariance(rows);
    expect(r.lambda).toBeGreaterThan(0.3);
    expect(r.lambda).toBeLessThanOrEqual(1);
    r.covariance.forEach((row, i) => expect(row[i]).toBeGreaterThan(0));
  });
});
