import { CoreError } from '../shared/core-error';

export type HierarchyNode = {
  nodeId: string;
  /** Parent aggregate (null for a top node such as 'total'). */
  parentId: string | null;
};

export type SummingMatrix = {
  /** Every node, top-down by level then by id: aggregates first, bottom-level series last. */
  nodeIds: string[];
  /** Bottom-level series (leaves), the columns of the matrix, in nodeIds order. */
  bottomIds: string[];
  /** Aggregate nodes (with children), in nodeIds order. */
  aggregateIds: string[];
  /** matrix[i][j] = 1 when bottom series j sums into node i (rows follow nodeIds). */
  matrix: number[][];
  /** Depth of each node (0 for top nodes). */
  levelOf: Record<string, number>;
};

/**
 * Builds the summing matrix S of a hierarchy (y_all = S · y_bottom), 0/1 entries.
 *
 * Formula: S[i][j] = 1 when bottom series j is node i or one of its descendants.
 *
 * Source: Hyndman & Athanasopoulos, FPP3 §11.1 ("Hierarchical and grouped time series").
 *
 * Example: total → {A, B}, A → {a1, a2}: nodeIds [total, A, B, a1, a2]; B is a leaf, so
 * bottomIds = [B, a1, a2], the total row is [1, 1, 1] and the A row [0, 1, 1].
 *
 * Throws CoreError: empty_input, invalid_input (duplicate or blank id), unknown_reference (parent
 * not listed), cycle_detected.
 */
export function buildSummingMatrix(nodes: readonly HierarchyNode[]): SummingMatrix {
  if (nodes.length === 0) throw new CoreError('empty_input', 'the hierarchy has no node', { path: 'nodes' });
  const parentOf = new Map<string, string | null>();
  nodes.forEach((node, i) => {
    if (typeof node.nodeId !== 'string' || node.nodeId.trim() === '') throw new CoreError('invalid_input', `nodes[${i}].nodeId is blank`, { path: `nodes[${i}].nodeId` });
    if (parentOf.has(node.nodeId)) throw new CoreError('invalid_input', `node '${node.nodeId}' is listed twice`, { path: `nodes[${i}].nodeId` });
    parentOf.set(node.nodeId, node.parentId ?? null);
  });
  const children = new Map<string, string[]>();
  nodes.forEach((node, i) => {
    const parent = node.parentId ?? null;
    if (parent === null) return;
    if (!parentOf.has(parent)) throw new CoreError('unknown_reference', `parent '${parent}' of '${node.nodeId}' is not a node`, { path: `nodes[${i}].parentId` });
    const list = children.get(parent) ?? [];
    list.push(node.nodeId);
    children.set(parent, list);
  });
  const levelOf: Record<string, number> = {};
  const levelFor = (id: string): number => {
    const known = levelOf[id];
    if (known !== undefined) return known;
    const seen = new Set<string>();
    let depth = 0;
    let cur: string | null = id;
    while (cur !== null) {
      if (seen.has(cur)) throw new CoreError('cycle_detected', `the hierarchy has a cycle through '${cur}'`, { path: 'nodes' });
      seen.add(cur);
      cur = parentOf.get(cur) ?? null;
      if (cur !== null) depth++;
    }
    levelOf[id] = depth;
    return depth;
  };
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const nodeIds = [...parentOf.keys()].sort((a, b) => levelFor(a) - levelFor(b) || cmp(a, b));
  const isLeaf = (id: string) => !children.has(id);
  const aggregateIds = nodeIds.filter((id) => !isLeaf(id));
  const bottomIds = nodeIds.filter(isLeaf);
  const column = new Map(bottomIds.map((id, j) => [id, j]));
  const matrix = nodeIds.map(() => new Array<number>(bottomIds.length).fill(0));
  const rowOf = new Map(nodeIds.map((id, i) => [id, i]));
  for (const leaf of bottomIds) {
    const j = column.get(leaf)!;
    let cur: string | null = leaf;
    while (cur !== null) {
      matrix[rowOf.get(cur)!]![j] = 1;
      cur = parentOf.get(cur) ?? null;
    }
  }
  return { nodeIds, bottomIds, aggregateIds, matrix, levelOf };
}

/**
 * The usual planning hierarchy total → family → item as HierarchyNode[] (ids prefixed by level so
 * a family and an item may share a code: 'total', 'family:F1', 'item:I1').
 *
 * Example: items I1, I2 in F1 and I3 in F2 → 6 nodes, bottom ids item:I1, item:I2, item:I3.
 *
 * Throws CoreError: empty_input, invalid_input (an item listed twice or a blank id).
 */
export function buildItemFamilyHierarchy(items: readonly { itemId: string; familyId: string }[], totalId = 'total'): HierarchyNode[] {
  if (items.length === 0) throw new CoreError('empty_input', 'no item to build a hierarchy from', { path: 'items' });
  const nodes: HierarchyNode[] = [{ nodeId: totalId, parentId: null }];
  const families = new Set<string>();
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!item.itemId || !item.familyId) throw new CoreError('invalid_input', `items[${i}] needs an itemId and a familyId`, { path: `items[${i}]` });
    if (seen.has(item.itemId)) throw new CoreError('invalid_input', `item '${item.itemId}' is listed twice`, { path: `items[${i}].itemId` });
    seen.add(item.itemId);
    if (!families.has(item.familyId)) {
      families.add(item.familyId);
      nodes.push({ nodeId: `family:${item.familyId}`, parentId: totalId });
    }
    nodes.push({ nodeId: `item:${item.itemId}`, parentId: `family:${item.familyId}` });
  });
  return nodes;
}
