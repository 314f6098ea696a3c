import { CoreError } from '../shared/core-error';

export type LowLevelCodes = {
  /** Deepest level at which each item appears (0 = end item). */
  lowLevelCode: Int32Array;
  /** Item indexes sorted by (low-level code, index): every parent comes before its components. */
  planningOrder: Int32Array;
};

/**
 * Low-level codes of a product structure given as parent→component adjacency (CSR): the code of a
 * component is 1 + the largest code of its parents, so each item is netted once, after all its parents.
 * Kahn's topological sort, O(items + lines). Source: Orlicky, Material Requirements Planning (1975), ch. 4.
 * Example: A→B, A→C, C→B gives codes A 0, C 1, B 2.
 * Throws cycle_detected with `details.cycleItemIds` (the items of one cycle, parent to component, first repeated at the end).
 */
export function computeLowLevelCodes(input: {
  itemIds: readonly string[];
  childStart: Int32Array;
  childItem: Int32Array;
}): LowLevelCodes {
  const { itemIds, childStart, childItem } = input;
  const n = itemIds.length;
  const remainingParents = new Int32Array(n);
  for (let l = 0; l < childItem.length; l++) remainingParents[childItem[l] as number]!++;
  const lowLevelCode = new Int32Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (remainingParents[i] === 0) queue[tail++] = i;
  while (head < tail) {
    const p = queue[head++] as number;
    const next = (lowLevelCode[p] as number) + 1;
    for (let l = childStart[p] as number, end = childStart[p + 1] as number; l < end; l++) {
      const c = childItem[l] as number;
      if ((lowLevelCode[c] as number) < next) lowLevelCode[c] = next;
      if (--remainingParents[c]! === 0) queue[tail++] = c;
    }
  }
  if (tail < n) throw cycleError(itemIds, childStart, childItem, remainingParents);
  // Counting sort by code keeps index order inside a level (deterministic).
  let maxCode = 0;
  for (let i = 0; i < n; i++) if ((lowLevelCode[i] as number) > maxCode) maxCode = lowLevelCode[i] as number;
  const bucketStart = new Int32Array(maxCode + 2);
  for (let i = 0; i < n; i++) bucketStart[(lowLevelCode[i] as number) + 1]!++;
  for (let k = 1; k < bucketStart.length; k++) bucketStart[k]! += bucketStart[k - 1] as number;
  const planningOrder = new Int32Array(n);
  for (let i = 0; i < n; i++) planningOrder[bucketStart[lowLevelCode[i] as number]!++] = i;
  return { lowLevelCode, planningOrder };
}

function cycleError(itemIds: readonly string[], childStart: Int32Array, childItem: Int32Array, remainingParents: Int32Array): CoreError {
  // Every item left has a parent left, so following such parents must revisit an item: that loop is a cycle.
  const n = itemIds.length;
  const parentOf = new Int32Array(n).fill(-1);
  for (let p = 0; p < n; p++) {
    if (remainingParents[p] === 0) continue;
    for (let l = childStart[p] as number, end = childStart[p + 1] as number; l < end; l++) {
      const c = childItem[l] as number;
      if ((remainingParents[c] as number) > 0 && parentOf[c] === -1) parentOf[c] = p;
    }
  }
  let start = -1;
  for (let i = 0; i < n && start < 0; i++) if ((remainingParents[i] as number) > 0) start = i;
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  let x = start;
  while (!seenAt.has(x)) {
    seenAt.set(x, path.length);
    path.push(x);
    x = parentOf[x] as number;
  }
  // path walks component → parent; reverse the loop to read parent → component.
  const loop = path.slice(seenAt.get(x)).reverse();
  const cycleItemIds = [...loop, loop[0] as number].map((i) => itemIds[i] as string);
  return new CoreError('cycle_detected', `bill of materials has a cycle: ${cycleItemIds.join(' -> ')}`, {
    path: 'bomLines',
    details: { cycleItemIds },
  });
}
