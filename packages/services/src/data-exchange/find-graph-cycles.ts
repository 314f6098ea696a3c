/** A directed edge; `tag` carries where it came from (a file row) back to the caller. */
export type GraphEdge<Tag> = { from: string; to: string; tag?: Tag };

/** One cycle: the nodes in order, first repeated at the end (A → B → A), and the edge that closes it. */
export type GraphCycle<Tag> = { nodes: string[]; closingEdge: GraphEdge<Tag> };

/**
 * Every elementary cycle reachable by depth-first search, each reported once (by its node set), with
 * deterministic order: nodes and edges visited in sorted order. Used for bills of materials, where a
 * cycle (an item containing itself) makes explosion impossible.
 */
export function findGraphCycles<Tag>(edges: readonly GraphEdge<Tag>[]): GraphCycle<Tag>[] {
  const children = new Map<string, GraphEdge<Tag>[]>();
  for (const edge of [...edges].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))) {
    children.set(edge.from, [...(children.get(edge.from) ?? []), edge]);
  }
  const cycles: GraphCycle<Tag>[] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const seen = new Set<string>();
  const visit = (node: string): void => {
    state.set(node, 'active');
    stack.push(node);
    for (const edge of children.get(node) ?? []) {
      if (state.get(edge.to) === 'active') {
        const nodes = [...stack.slice(stack.indexOf(edge.to)), edge.to];
        const signature = [...new Set(nodes)].sort().join(',');
        if (!seen.has(signature)) {
          seen.add(signature);
          cycles.push({ nodes, closingEdge: edge });
        }
      } else if (!state.has(edge.to)) visit(edge.to);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...children.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}
