import { describe, expect, it } from 'vitest';
import { applyMrpNetChange, generateMrpModel, runMrp, toMrpReport, type MrpInput } from '@flowpilot/core';
import { diffMrpInputs } from './run-mrp-step';

/** Rebuilds an object with its keys in reverse order, as jsonb may return them. */
function reorderKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reorderKeys) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorderKeys(v)])) as T;
  return value;
}

describe('diffMrpInputs (net change of stored MRP runs)', () => {
  const previous: MrpInput = generateMrpModel({ itemCount: 60, levels: 3, horizonPeriods: 12, seed: 7 });

  it('finds no change between an input and its copy read back with reordered keys', () => {
    expect(diffMrpInputs(reorderKeys(previous), previous)).toEqual({ changes: [], structural: null });
  });

  it('gives, after a change of receipts and on-hand, the same plan as a regenerative run', () => {
    const next: MrpInput = structuredClone(previous);
    const target = next.items[5]!;
    target.onHandQuantity = (target.onHandQuantity ?? 0) + 37;
    next.scheduledReceipts = [...(next.scheduledReceipts ?? []), { id: 'NEW-1', itemId: next.items[9]!.id, period: 3, quantity: 50 }];
    const { changes, structural } = diffMrpInputs(reorderKeys(previous), next);
    expect(structural).toBeNull();
    expect(changes.map((c) => c.itemId).sort()).toEqual([target.id, next.items[9]!.id].sort());
    const netChanged = toMrpReport(applyMrpNetChange(runMrp(previous), changes).plan);
    const regenerated = toMrpReport(runMrp(next));
    expect(netChanged.plannedOrders).toEqual(regenerated.plannedOrders);
    expect(netChanged.actionMessages).toEqual(regenerated.actionMessages);
  });

  it('reports a structural change (BOM, items, horizon) instead of a partial diff', () => {
    expect(diffMrpInputs(previous, { ...previous, horizonPeriods: 13 }).structural).toBe('the horizon changed');
    expect(diffMrpInputs(previous, { ...previous, bomLines: (previous.bomLines ?? []).slice(1) }).structural).toBe('the bills of materials changed');
    expect(diffMrpInputs(previous, { ...previous, items: previous.items.slice(1) }).structural).toBe('the item set changed');
  });
});
