import { createRandom } from '../../shared/random';
import type { Block } from './blocks';
import type { NormalizedProblem } from './normalize-input';
import { coveredArea, type Rect, type TopRect } from './rects';

/**
 * Block-building search over empty maximal spaces (Zhu & Lim 2012, "A new iterative-doubling
 * Greedy–Lookahead algorithm for the single container loading problem", EJOR 222(3):408–417):
 * pick the free space whose anchor corner is nearest a container corner, try the w largest blocks
 * that fit there, finish each trial greedily, keep the block whose greedy finish loads the most
 * volume, and repeat; w doubles from run to run while the budget lasts.
 */

type Space = {
  x0: number; y0: number; z0: number; x1: number; y1: number; z1: number;
  /** Anchor distances sorted ascending: the selection key. */
  k0: number; k1: number; k2: number;
  volume: number;
  /** Anchor corner side per axis: 0 = low side, 1 = high side. */
  cx: 0 | 1; cy: 0 | 1; cz: 0 | 1;
  parked: boolean;
};

export type PlacedBlock = { block: Block; x: number; y: number; z: number; next: PlacedBlock | null };
type TopNode = { face: TopRect; next: TopNode | null };

type State = {
  spaces: Space[];
  remaining: Int32Array;
  weightKg: number;
  volume: number;
  placed: PlacedBlock | null;
  tops: TopNode | null;
  stopPos: number;
  /** What the remaining boxes can fill; null when a box type ran out since it was computed. */
  fillable: Fillable | null;
};

type Context = {
  problem: NormalizedProblem;
  blocksByStop: Block[][];
  support: boolean;
  multiStop: boolean;
  corners: [0 | 1, 0 | 1, 0 | 1][];
  /** Block fitness: box volume minus the volume of too-thin gaps it leaves (true), or box volume only. */
  wasteFitness: boolean;
  /** The free space created above a block covers only the block's top (always so with full support). */
  narrowTops: boolean;
  /** All box and container sizes are whole numbers (≤ 100 000): gap losses use exact fill tables. */
  integral: boolean;
  fillableByTypesLeft: Map<string, Fillable>;
};

export type SearchOptions = {
  support: boolean;
  seed: number;
  maxCompletions: number;
  lookaheadDepth: number;
  deadlineMs?: number;
  nowMs?: () => number;
};

export type SearchResult = {
  placed: PlacedBlock | null;
  volume: number;
  completions: number;
  stoppedBy: 'exhausted' | 'budget' | 'time';
};

const EPS = 1e-9;

function makeSpace(x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, parked: boolean, ctx: Context): Space {
  const { lengthCm: L, widthCm: W, heightCm: H } = ctx.problem;
  let k0 = Infinity;
  let k1 = Infinity;
  let k2 = Infinity;
  let bx: 0 | 1 = 0;
  let by: 0 | 1 = 0;
  let bz: 0 | 1 = 0;
  for (const corner of ctx.corners) {
    let a = corner[0] ? L - x1 : x0;
    let b = corner[1] ? W - y1 : y0;
    let c = corner[2] ? H - z1 : z0;
    let t: number;
    if (a > b) { t = a; a = b; b = t; }
    if (b > c) { t = b; b = c; c = t; }
    if (a > b) { t = a; a = b; b = t; }
    if (a < k0 || (a === k0 && (b < k1 || (b === k1 && c < k2)))) {
      k0 = a;
      k1 = b;
      k2 = c;
      bx = corner[0];
      by = corner[1];
      bz = corner[2];
    }
  }
  return { x0, y0, z0, x1, y1, z1, k0, k1, k2, volume: (x1 - x0) * (y1 - y0) * (z1 - z0), cx: bx, cy: by, cz: bz, parked };
}

function before(s: Space, b: Space): boolean {
  if (s.k0 !== b.k0) return s.k0 < b.k0;
  if (s.k1 !== b.k1) return s.k1 < b.k1;
  if (s.k2 !== b.k2) return s.k2 < b.k2;
  if (s.volume !== b.volume) return s.volume > b.volume;
  if (s.x0 !== b.x0) return s.x0 < b.x0;
  if (s.y0 !== b.y0) return s.y0 < b.y0;
  return s.z0 < b.z0;
}

function selectSpace(state: State): number {
  let bestIndex = -1;
  let best: Space | undefined;
  for (let i = 0; i < state.spaces.length; i++) {
    const s = state.spaces[i]!;
    if (s.parked) continue;
    if (!best || before(s, best)) {
      best = s;
      bestIndex = i;
    }
  }
  return bestIndex;
}

/** Where `block` goes in `space`, or undefined when a rule forbids it. */
function position(block: Block, s: Space, state: State, ctx: Context): [number, number, number] | undefined {
  if (block.dx > s.x1 - s.x0 || block.dy > s.y1 - s.y0 || block.dz > s.z1 - s.z0) return undefined;
  for (let i = 0; i < block.typeIndexes.length; i++) {
    if (state.remaining[block.typeIndexes[i]!]! < block.typeCounts[i]!) return undefined;
  }
  if (state.weightKg + block.weightKg > ctx.problem.maxPayloadKg + EPS) return undefined;
  const H = ctx.problem.heightCm;
  if (block.nonStackable && s.z1 < H - EPS) return undefined;
  const x = s.cx ? s.x1 - block.dx : s.x0;
  const y = s.cy ? s.y1 - block.dy : s.y0;
  const z = s.cz && !block.nonStackable ? s.z1 - block.dz : s.z0;
  if (ctx.support && z > EPS) {
    for (const r of block.base) {
      const abs: Rect = [r[0] + x, r[1] + y, r[2] + x, r[3] + y];
      const need = (abs[2] - abs[0]) * (abs[3] - abs[1]);
      let got = 0;
      for (let n = state.tops; n !== null; n = n.next) {
        if (Math.abs(n.face[4] - z) > EPS) continue;
        got += coveredArea(abs, [n.face]);
      }
      if (got < need - 1e-6) return undefined;
    }
  }
  if (ctx.multiStop) {
    // Boxes already loaded belong to later stops: none may sit in front of (towards the door) or above this block.
    const x1 = x + block.dx;
    const y1 = y + block.dy;
    const z1 = z + block.dz;
    for (let p = state.placed; p !== null; p = p.next) {
      if (p.block.stop <= block.stop) continue;
      const yOverlap = p.y < y1 - EPS && p.y + p.block.dy > y + EPS;
      if (!yOverlap) continue;
      const zOverlap = p.z < z1 - EPS && p.z + p.block.dz > z + EPS;
      const xOverlap = p.x < x1 - EPS && p.x + p.block.dx > x + EPS;
      if (zOverlap && p.x >= x1 - EPS) return undefined;
      if (xOverlap && p.z >= z1 - EPS) return undefined;
    }
  }
  return [x, y, z];
}

/**
 * What the remaining boxes can still fill: the smallest extent along each axis and, per axis, the
 * longest run of box extents (a sum of allowed extents, repeats allowed) that fits a gap of each
 * integer length. A gap of g leaves g − fill[g] unusable: a 30 cm gap is partly lost when the boxes
 * left measure 20 cm, not only a gap thinner than the smallest box (the loss measure of Fanslau &
 * Bortfeldt 2010 and Zhu & Lim 2012). Without integer sizes only the thinner-than-smallest rule holds.
 */
type Fillable = { min: [number, number, number]; fill: [Int32Array, Int32Array, Int32Array] | null };

export function fillTable(extents: Set<number>, size: number): Int32Array {
  const reach = new Uint8Array(size + 1);
  reach[0] = 1;
  const steps = [...extents].filter((e) => e >= 1 && e <= size).sort((a, b) => a - b);
  for (let g = 1; g <= size; g++) {
    for (const e of steps) {
      if (e > g) break;
      if (reach[g - e]) {
        reach[g] = 1;
        break;
      }
    }
  }
  const fill = new Int32Array(size + 1);
  for (let g = 1; g <= size; g++) fill[g] = reach[g] ? g : fill[g - 1]!;
  return fill;
}

function fillable(state: State, ctx: Context): Fillable {
  if (state.fillable) return state.fillable;
  let key = '';
  for (const t of ctx.problem.types) key += state.remaining[t.index]! > 0 ? '1' : '0';
  let info = ctx.fillableByTypesLeft.get(key);
  if (!info) {
    const min: [number, number, number] = [Infinity, Infinity, Infinity];
    const extents = [new Set<number>(), new Set<number>(), new Set<number>()];
    for (const t of ctx.problem.types) {
      if (state.remaining[t.index]! <= 0) continue;
      for (const o of t.orientations) {
        for (let a = 0; a < 3; a++) {
          if (o[a]! < min[a]!) min[a] = o[a]!;
          extents[a]!.add(o[a]!);
        }
      }
    }
    const p = ctx.problem;
    const fill: Fillable['fill'] = ctx.integral ? [fillTable(extents[0]!, p.lengthCm), fillTable(extents[1]!, p.widthCm), fillTable(extents[2]!, p.heightCm)] : null;
    info = { min, fill };
    ctx.fillableByTypesLeft.set(key, info);
  }
  state.fillable = info;
  return info;
}

/** Length of a gap of `gap` along `axis` that no remaining box can use. */
function lostLength(info: Fillable, axis: 0 | 1 | 2, gap: number): number {
  if (gap <= EPS) return 0;
  if (info.fill) return gap - info.fill[axis][Math.floor(gap + EPS)]!;
  return gap < info.min[axis] ? gap : 0;
}

function minimumExtents(state: State, ctx: Context): [number, number, number] {
  return fillable(state, ctx).min;
}

function contains(a: Space, b: Space): boolean {
  return a.x0 <= b.x0 && a.y0 <= b.y0 && a.z0 <= b.z0 && a.x1 >= b.x1 && a.y1 >= b.y1 && a.z1 >= b.z1;
}

function place(state: State, block: Block, x: number, y: number, z: number, ctx: Context): void {
  state.placed = { block, x, y, z, next: state.placed };
  state.volume += block.boxVolume;
  state.weightKg += block.weightKg;
  const remaining = new Int32Array(state.remaining);
  for (let i = 0; i < block.typeIndexes.length; i++) {
    const t = block.typeIndexes[i]!;
    remaining[t]! -= block.typeCounts[i]!;
    if (remaining[t]! <= 0) state.fillable = null;
  }
  state.remaining = remaining;
  if (ctx.support) {
    for (const t of block.tops) state.tops = { face: [t[0] + x, t[1] + y, t[2] + x, t[3] + y, t[4] + z], next: state.tops };
  }
  // The occupied cuboid; a block with a non-stackable box also claims the column above it.
  const rx0 = x;
  const ry0 = y;
  const rz0 = z;
  const rx1 = x + block.dx;
  const ry1 = y + block.dy;
  const rz1 = block.nonStackable ? ctx.problem.heightCm : z + block.dz;
  const [mx, my, mz] = minimumExtents(state, ctx);
  const big = (x0: number, y0: number, z0: number, x1: number, y1: number, z1: number): boolean =>
    x1 - x0 >= mx - EPS && y1 - y0 >= my - EPS && z1 - z0 >= mz - EPS;
  const keep: Space[] = [];
  const fresh: Space[] = [];
  for (const s of state.spaces) {
    if (s.x1 <= rx0 + EPS || s.x0 >= rx1 - EPS || s.y1 <= ry0 + EPS || s.y0 >= ry1 - EPS || s.z1 <= rz0 + EPS || s.z0 >= rz1 - EPS) {
      if (big(s.x0, s.y0, s.z0, s.x1, s.y1, s.z1)) keep.push(s);
      continue;
    }
    if (rx0 > s.x0 + EPS && big(s.x0, s.y0, s.z0, rx0, s.y1, s.z1)) fresh.push(makeSpace(s.x0, s.y0, s.z0, rx0, s.y1, s.z1, s.parked, ctx));
    if (rx1 < s.x1 - EPS && big(rx1, s.y0, s.z0, s.x1, s.y1, s.z1)) fresh.push(makeSpace(rx1, s.y0, s.z0, s.x1, s.y1, s.z1, s.parked, ctx));
    if (ry0 > s.y0 + EPS && big(s.x0, s.y0, s.z0, s.x1, ry0, s.z1)) fresh.push(makeSpace(s.x0, s.y0, s.z0, s.x1, ry0, s.z1, s.parked, ctx));
    if (ry1 < s.y1 - EPS && big(s.x0, ry1, s.z0, s.x1, s.y1, s.z1)) fresh.push(makeSpace(s.x0, ry1, s.z0, s.x1, s.y1, s.z1, s.parked, ctx));
    if (rz0 > s.z0 + EPS && big(s.x0, s.y0, s.z0, s.x1, s.y1, rz0)) fresh.push(makeSpace(s.x0, s.y0, s.z0, s.x1, s.y1, rz0, s.parked, ctx));
    if (rz1 < s.z1 - EPS) {
      // With full support the space above a block covers only the block's top, where boxes can rest.
      const ax0 = ctx.narrowTops ? Math.max(s.x0, rx0) : s.x0;
      const ay0 = ctx.narrowTops ? Math.max(s.y0, ry0) : s.y0;
      const ax1 = ctx.narrowTops ? Math.min(s.x1, rx1) : s.x1;
      const ay1 = ctx.narrowTops ? Math.min(s.y1, ry1) : s.y1;
      if (big(ax0, ay0, rz1, ax1, ay1, s.z1)) fresh.push(makeSpace(ax0, ay0, rz1, ax1, ay1, s.z1, s.parked, ctx));
    }
  }
  const out = keep;
  for (let i = 0; i < fresh.length; i++) {
    const f = fresh[i]!;
    let dominated = false;
    for (const k of keep) {
      if (contains(k, f)) {
        dominated = true;
        break;
      }
    }
    if (!dominated) {
      for (let j = 0; j < fresh.length; j++) {
        if (j === i) continue;
        const g = fresh[j]!;
        // Equal spaces: keep the first copy only.
        if (contains(g, f) && (j < i || !contains(f, g))) {
          dominated = true;
          break;
        }
      }
    }
    if (!dominated) out.push(f);
  }
  state.spaces = out;
}

function cloneState(s: State): State {
  return { spaces: s.spaces.slice(), remaining: s.remaining, weightKg: s.weightKg, volume: s.volume, placed: s.placed, tops: s.tops, stopPos: s.stopPos, fillable: s.fillable };
}

/** Moves on to the next stop in loading order; false when every stop is done. */
function advanceStop(state: State, ctx: Context): boolean {
  if (state.stopPos + 1 >= ctx.blocksByStop.length) return false;
  state.stopPos++;
  state.spaces = state.spaces.map((s) => (s.parked ? { ...s, parked: false } : s));
  return true;
}

function park(state: State, index: number): void {
  state.spaces[index] = { ...state.spaces[index]!, parked: true };
}

type Candidate = { block: Block; at: [number, number, number] };

/**
 * The `width` best blocks for `space`, best first. Fitness = box volume − volume lost in the gaps left
 * between the block and the space walls: the part of each gap no sum of remaining box extents fills.
 */
function candidates(state: State, space: Space, ctx: Context, width: number, skip: number): Candidate[] {
  const out: Candidate[] = [];
  const scores: number[] = [];
  const list = ctx.blocksByStop[state.stopPos]!;
  const info = fillable(state, ctx);
  const sx = space.x1 - space.x0;
  const sy = space.y1 - space.y0;
  const sz = space.z1 - space.z0;
  const keep = width + skip;
  for (const block of list) {
    if (out.length >= keep && block.boxVolume <= scores[out.length - 1]!) break;
    const at = position(block, space, state, ctx);
    if (!at) continue;
    const gx = sx - block.dx;
    const gy = sy - block.dy;
    const gz = sz - block.dz;
    const waste = ctx.wasteFitness ? lostLength(info, 0, gx) * block.dy * block.dz + lostLength(info, 1, gy) * block.dx * block.dz + lostLength(info, 2, gz) * block.dx * block.dy : 0;
    const score = ctx.wasteFitness ? block.boxVolume - waste : block.boxVolume;
    if (out.length >= keep && score <= scores[out.length - 1]!) continue;
    let i = Math.min(out.length, keep - 1);
    if (out.length < keep) {
      out.push({ block, at });
      scores.push(score);
    }
    i = out.length - 1;
    while (i > 0 && scores[i - 1]! < score) {
      out[i] = out[i - 1]!;
      scores[i] = scores[i - 1]!;
      i--;
    }
    out[i] = { block, at };
    scores[i] = score;
  }
  return skip > 0 ? out.slice(skip) : out;
}

/** Fills the rest greedily: in the selected space, the largest block that fits. */
function completeGreedily(state: State, ctx: Context): void {
  for (;;) {
    const index = selectSpace(state);
    if (index < 0) {
      if (!advanceStop(state, ctx)) return;
      continue;
    }
    const [c] = candidates(state, state.spaces[index]!, ctx, 1, 0);
    if (!c) {
      park(state, index);
      continue;
    }
    place(state, c.block, c.at[0], c.at[1], c.at[2], ctx);
  }
}

/**
 * Search variants run in turn (a small portfolio): anchor corners on all eight container corners or
 * on the floor only (on the front wall only with full support), crossed with the two block fitness
 * rules. Different instances favour different variants; the best load of all is kept.
 */
function makeVariants(problem: NormalizedProblem, blocksByStop: Block[][], support: boolean): Context[] {
  const multiStop = problem.stopsInLoadingOrder.length > 1;
  const cornerSets: [0 | 1, 0 | 1, 0 | 1][][] = [];
  const build = (xs: readonly (0 | 1)[], zs: readonly (0 | 1)[]): [0 | 1, 0 | 1, 0 | 1][] => {
    const out: [0 | 1, 0 | 1, 0 | 1][] = [];
    for (const cx of xs) for (const cy of [0, 1] as const) for (const cz of zs) out.push([cx, cy, cz]);
    return out;
  };
  const xs: readonly (0 | 1)[] = multiStop ? [0] : [0, 1];
  if (support) {
    cornerSets.push(build(xs, [0]));
    if (!multiStop) cornerSets.push(build([0], [0]));
  } else {
    cornerSets.push(build(xs, [0, 1]), build(xs, [0]));
  }
  const whole = (v: number): boolean => Number.isInteger(v) && v <= 100_000;
  const integral = whole(problem.lengthCm) && whole(problem.widthCm) && whole(problem.heightCm) && problem.types.every((t) => t.orientations.every((o) => o.every(whole)));
  const fillableByTypesLeft = new Map<string, Fillable>();
  const variants: Context[] = [];
  for (const wasteFitness of [true, false]) {
    for (const corners of cornerSets) variants.push({ problem, blocksByStop, support, multiStop, corners, wasteFitness, narrowTops: support, integral, fillableByTypesLeft });
  }
  return variants;
}

export function searchLoad(problem: NormalizedProblem, blocks: Block[], options: SearchOptions): SearchResult {
  const stops = problem.stopsInLoadingOrder;
  const blocksByStop = stops.map((stop) => blocks.filter((b) => b.stop === stop));
  const variants = makeVariants(problem, blocksByStop, options.support);
  const initialFor = (ctx: Context): State => ({
    spaces: [makeSpace(0, 0, 0, problem.lengthCm, problem.widthCm, problem.heightCm, false, ctx)],
    remaining: Int32Array.from(problem.types.map((t) => t.quantity)),
    weightKg: 0,
    volume: 0,
    placed: null,
    tops: null,
    stopPos: 0,
    fillable: null,
  });
  const initial = initialFor(variants[0]!);
  let best: State = cloneState(initial);
  let completions = 0;
  let stoppedBy: SearchResult['stoppedBy'] = 'exhausted';
  const now = options.nowMs;
  const outOfBudget = (): boolean => {
    if (completions >= options.maxCompletions) {
      stoppedBy = 'budget';
      return true;
    }
    if (now && options.deadlineMs !== undefined && now() >= options.deadlineMs) {
      stoppedBy = 'time';
      return true;
    }
    return false;
  };
  const record = (s: State): void => {
    if (s.volume > best.volume + EPS) best = s;
  };
  const random = createRandom(options.seed);
  const totalVolume = problem.types.reduce((sum, t) => sum + t.quantity * t.volumeCm3, 0);
  const bound = Math.min(totalVolume, problem.lengthCm * problem.widthCm * problem.heightCm);

  const depth = options.lookaheadDepth;
  // Best volume reachable from `state` by a lookahead of `levels` more steps, then a greedy finish.
  const evaluate = (ctx: Context, state: State, width: number, levels: number): number => {
    if (levels <= 0) {
      completeGreedily(state, ctx);
      completions++;
      record(state);
      return state.volume;
    }
    for (;;) {
      const index = selectSpace(state);
      if (index < 0) {
        if (!advanceStop(state, ctx)) {
          record(state);
          return state.volume;
        }
        continue;
      }
      const list = candidates(state, state.spaces[index]!, ctx, width, 0);
      if (list.length === 0) {
        park(state, index);
        continue;
      }
      let bestScore = -1;
      for (const c of list) {
        if (bestScore >= 0 && outOfBudget()) break;
        const trial = cloneState(state);
        place(trial, c.block, c.at[0], c.at[1], c.at[2], ctx);
        const score = evaluate(ctx, trial, width, levels - 1);
        if (score > bestScore) bestScore = score;
      }
      return bestScore;
    }
  };

  // Run with width w: a one-step lookahead whose trials are finished greedily.
  const run = (ctx: Context, width: number, noisy: boolean): boolean => {
    const state = initialFor(ctx);
    for (;;) {
      const index = selectSpace(state);
      if (index < 0) {
        if (!advanceStop(state, ctx)) break;
        continue;
      }
      const space = state.spaces[index]!;
      const skip = noisy && random.next() < 0.2 ? 1 : 0;
      let list = candidates(state, space, ctx, width, skip);
      if (list.length === 0 && skip > 0) list = candidates(state, space, ctx, width, 0);
      if (list.length === 0) {
        park(state, index);
        continue;
      }
      let chosen = list[0]!;
      if (list.length > 1) {
        let bestScore = -1;
        for (const c of list) {
          if (outOfBudget()) {
            completeGreedily(state, ctx);
            record(state);
            return false;
          }
          const trial = cloneState(state);
          place(trial, c.block, c.at[0], c.at[1], c.at[2], ctx);
          const score = evaluate(ctx, trial, width, depth - 1);
          if (score > bestScore + EPS) {
            bestScore = score;
            chosen = c;
          }
        }
      }
      place(state, chosen.block, chosen.at[0], chosen.at[1], chosen.at[2], ctx);
    }
    // The run itself is a complete load: count it, so that the budget also ends runs without trials.
    completions++;
    record(state);
    return true;
  };

  // Round robin over the variants; each round doubles the lookahead width (Zhu & Lim's iterative doubling).
  for (const ctx of variants) {
    if (best.volume >= bound - EPS || (ctx !== variants[0] && outOfBudget())) break;
    const greedy = initialFor(ctx);
    completeGreedily(greedy, ctx);
    completions++;
    record(greedy);
  }
  let width = 2;
  let noisy = false;
  search: while (best.volume < bound - EPS && !outOfBudget()) {
    for (const ctx of variants) {
      if (best.volume >= bound - EPS || !run(ctx, width, noisy)) break search;
    }
    if (width < 64) width *= 2;
    else noisy = true;
    if (!noisy && blocksByStop.every((b) => b.length < width)) noisy = true;
  }
  if (best.volume >= bound - EPS) stoppedBy = 'exhausted';
  return { placed: best.placed, volume: best.volume, completions, stoppedBy };
}
