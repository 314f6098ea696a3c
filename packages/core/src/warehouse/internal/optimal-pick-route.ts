import type { PickPoint, Waypoint } from '../types';
import type { ValidatedPickInput } from './pick-geometry';

// Ratliff & Rosenthal (1983) dynamic programme over the aisles of a single block. A tour is an edge multiset of the
// ladder graph (aisle segments and cross-aisle segments, each used 0, 1 or 2 times) that is connected, covers every
// pick and the depot, and gives every vertex an even degree. The state after aisle j records, for the front vertex
// a_j and back vertex b_j, the degree class (untouched, odd, even > 0) and whether a_j and b_j lie in the same
// component; components must stay attached to the frontier until the last one closes.

type Degree = 0 | 1 | 2;
type Phase = 'empty' | 'open' | 'closed';
// `depotPending`: the depot vertex a_j is still untouched and must be reached by the next front cross-aisle edge.
type State = { phase: Phase; degA: Degree; degB: Degree; connected: boolean; depotPending: boolean };
type AisleOption = { kind: 'none' | 'traverse' | 'double' | 'gap'; degA: number; degB: number; connects: boolean; costM: number; gapIndex: number };
type Entry = { costM: number; state: State; previousKey: string | null; top: number; bottom: number; option: AisleOption };

const keyOf = (state: State): string => `${state.phase}|${state.degA}|${state.degB}|${state.connected ? 1 : 0}|${state.depotPending ? 1 : 0}`;
const degreeClass = (degree: number): Degree => (degree === 0 ? 0 : degree % 2 === 1 ? 1 : 2);

function aisleOptions(picks: readonly PickPoint[], lengthM: number): AisleOption[] {
  const options: AisleOption[] = [
    { kind: 'traverse', degA: 1, degB: 1, connects: true, costM: lengthM, gapIndex: -1 },
    { kind: 'double', degA: 2, degB: 2, connects: true, costM: 2 * lengthM, gapIndex: -1 },
  ];
  if (picks.length === 0) {
    options.unshift({ kind: 'none', degA: 0, degB: 0, connects: false, costM: 0, gapIndex: -1 });
    return options;
  }
  // Chain a = c0, picks c1..ck, b = c(k+1); leaving out segment i (the gap) gives a front part and a back part.
  const positions = [0, ...picks.map((pick) => pick.positionM), lengthM];
  const bestBySignature = new Map<string, AisleOption>();
  for (let gap = 0; gap <= picks.length; gap += 1) {
    const degA = gap > 0 ? 2 : 0;
    const degB = gap < picks.length ? 2 : 0;
    const costM = 2 * positions[gap]! + 2 * (lengthM - positions[gap + 1]!);
    const signature = `${degA}|${degB}`;
    const best = bestBySignature.get(signature);
    if (best === undefined || costM < best.costM) bestBySignature.set(signature, { kind: 'gap', degA, degB, connects: false, costM, gapIndex: gap });
  }
  return [...options, ...bestBySignature.values()];
}

function find(parent: number[], node: number): number {
  let root = node;
  while (parent[root] !== root) root = parent[root]!;
  return root;
}

function transition(state: State, top: number, bottom: number, option: AisleOption, depotHere: boolean): State | null {
  if (state.depotPending && top === 0) return null;
  if (state.phase === 'closed') return top === 0 && bottom === 0 && option.kind === 'none' && !depotHere ? state : null;
  const previousA = state.phase === 'open' ? state.degA : 0;
  const previousB = state.phase === 'open' ? state.degB : 0;
  if ((previousA + top) % 2 !== 0 || (previousB + bottom) % 2 !== 0) return null;
  const degreeA = top + option.degA;
  const degreeB = bottom + option.degB;
  // Nodes: 0 = a(j-1), 1 = b(j-1), 2 = a(j), 3 = b(j).
  const parent = [0, 1, 2, 3];
  const union = (x: number, y: number): void => { parent[find(parent, x)] = find(parent, y); };
  if (state.connected) union(0, 1);
  if (top > 0) union(0, 2);
  if (bottom > 0) union(1, 3);
  if (option.connects) union(2, 3);
  const oldNodes: number[] = [];
  if (previousA > 0 || top > 0) oldNodes.push(0);
  if (previousB > 0 || bottom > 0) oldNodes.push(1);
  const continues = (node: number): boolean =>
    (degreeA > 0 && find(parent, node) === find(parent, 2)) || (degreeB > 0 && find(parent, node) === find(parent, 3));
  const closing = oldNodes.filter((node) => !continues(node));
  if (closing.length > 0) {
    if (closing.length !== oldNodes.length) return null;
    if (oldNodes.length === 2 && find(parent, 0) !== find(parent, 1)) return null;
    if (degreeA > 0 || degreeB > 0 || depotHere) return null;
    return { phase: 'closed', degA: 0, degB: 0, connected: false, depotPending: false };
  }
  if (degreeA === 0 && degreeB === 0) return state.phase === 'empty' ? { ...state, depotPending: depotHere } : null;
  return {
    phase: 'open',
    degA: degreeClass(degreeA),
    degB: degreeClass(degreeB),
    connected: degreeA > 0 && degreeB > 0 && find(parent, 2) === find(parent, 3),
    depotPending: depotHere && degreeA === 0,
  };
}

function isFinal(state: State): boolean {
  if (state.depotPending) return false;
  if (state.phase === 'closed') return true;
  if (state.phase !== 'open') return false;
  if (state.degA === 1 || state.degB === 1) return false;
  return !(state.degA > 0 && state.degB > 0) || state.connected;
}

export type OptimalPickTour = { distanceM: number; sequence: string[]; waypoints: Waypoint[]; aislesEntered: number };

/** Exact shortest pick tour in a single block (Ratliff & Rosenthal 1983), with the walk rebuilt by an Euler tour. */
export function solveOptimalPickTour(block: ValidatedPickInput): OptimalPickTour {
  const { aisleLengthM, aisleSpacingM, depotAisleIndex, picksByAisle } = block;
  const depotPoint: Waypoint = { xM: depotAisleIndex * aisleSpacingM, yM: 0 };
  if (picksByAisle.size === 0) return { distanceM: 0, sequence: [], waypoints: [depotPoint], aislesEntered: 0 };
  const used = [...picksByAisle.keys(), depotAisleIndex];
  const first = Math.min(...used);
  const last = Math.max(...used);
  const layers: Map<string, Entry>[] = [];
  const start: State = { phase: 'empty', degA: 0, degB: 0, connected: false, depotPending: false };
  let frontier = new Map<string, { costM: number; state: State }>([[keyOf(start), { costM: 0, state: start }]]);
  for (let aisle = first; aisle <= last; aisle += 1) {
    const options = aisleOptions(picksByAisle.get(aisle) ?? [], aisleLengthM);
    const layer = new Map<string, Entry>();
    const crossMax = aisle === first ? 0 : 2;
    for (const [previousKey, { costM, state }] of frontier) {
      for (let top = 0; top <= crossMax; top += 1) {
        for (let bottom = 0; bottom <= crossMax; bottom += 1) {
          for (const option of options) {
            const next = transition(state, top, bottom, option, aisle === depotAisleIndex);
            if (next === null) continue;
            const total = costM + (top + bottom) * aisleSpacingM + option.costM;
            const key = keyOf(next);
            const existing = layer.get(key);
            if (existing === undefined || total < existing.costM - 1e-9) layer.set(key, { costM: total, state: next, previousKey, top, bottom, option });
          }
        }
      }
    }
    layers.push(layer);
    frontier = new Map([...layer].map(([key, entry]) => [key, { costM: entry.costM, state: entry.state }]));
  }
  let bestKey: string | null = null;
  let bestCost = Infinity;
  for (const [key, entry] of layers[layers.length - 1]!) {
    if (isFinal(entry.state) && entry.costM < bestCost - 1e-9) {
      bestCost = entry.costM;
      bestKey = key;
    }
  }
  if (bestKey === null) throw new Error('Pick-tour DP found no closed tour: a bug');
  // Rebuild the edge multiset.
  const choices: Entry[] = [];
  let key: string | null = bestKey;
  for (let index = layers.length - 1; index >= 0; index -= 1) {
    const entry: Entry = layers[index]!.get(key!)!;
    choices.unshift(entry);
    key = entry.previousKey;
  }
  const coordinates = new Map<string, Waypoint>();
  const adjacency = new Map<string, { to: string; edge: number }[]>();
  let edgeCount = 0;
  const addNode = (name: string, point: Waypoint): void => {
    if (!coordinates.has(name)) {
      coordinates.set(name, point);
      adjacency.set(name, []);
    }
  };
  const addEdge = (u: string, v: string, times: number): void => {
    for (let k = 0; k < times; k += 1) {
      adjacency.get(u)!.push({ to: v, edge: edgeCount });
      adjacency.get(v)!.push({ to: u, edge: edgeCount });
      edgeCount += 1;
    }
  };
  const pickIdByNode = new Map<string, string>();
  let aislesEntered = 0;
  choices.forEach((entry, offset) => {
    const aisle = first + offset;
    const xM = aisle * aisleSpacingM;
    addNode(`a${aisle}`, { xM, yM: 0 });
    addNode(`b${aisle}`, { xM, yM: aisleLengthM });
    if (offset > 0) {
      addEdge(`a${aisle - 1}`, `a${aisle}`, entry.top);
      addEdge(`b${aisle - 1}`, `b${aisle}`, entry.bottom);
    }
    const picks = picksByAisle.get(aisle) ?? [];
    const chain = [`a${aisle}`, ...picks.map((pick) => `p:${pick.id}`), `b${aisle}`];
    picks.forEach((pick) => {
      addNode(`p:${pick.id}`, { xM, yM: pick.positionM });
      pickIdByNode.set(`p:${pick.id}`, pick.id);
    });
    const { option } = entry;
    if (option.kind !== 'none') aislesEntered += 1;
    for (let segment = 0; segment < chain.length - 1; segment += 1) {
      let times = 0;
      if (option.kind === 'traverse') times = 1;
      else if (option.kind === 'double') times = 2;
      else if (option.kind === 'gap') times = segment === option.gapIndex ? 0 : 2;
      addEdge(chain[segment]!, chain[segment + 1]!, times);
    }
  });
  // Hierholzer's algorithm from the depot, deterministic by insertion order.
  const usedEdges = new Set<number>();
  const pointers = new Map<string, number>();
  const stack = [`a${depotAisleIndex}`];
  const circuit: string[] = [];
  while (stack.length > 0) {
    const node = stack[stack.length - 1]!;
    const list = adjacency.get(node)!;
    let pointer = pointers.get(node) ?? 0;
    while (pointer < list.length && usedEdges.has(list[pointer]!.edge)) pointer += 1;
    pointers.set(node, pointer);
    if (pointer === list.length) {
      circuit.push(node);
      stack.pop();
    } else {
      usedEdges.add(list[pointer]!.edge);
      stack.push(list[pointer]!.to);
    }
  }
  circuit.reverse();
  const sequence: string[] = [];
  const seen = new Set<string>();
  for (const node of circuit) {
    const id = pickIdByNode.get(node);
    if (id !== undefined && !seen.has(id)) {
      seen.add(id);
      sequence.push(id);
    }
  }
  return { distanceM: bestCost, sequence, waypoints: circuit.map((node) => coordinates.get(node)!), aislesEntered };
}
