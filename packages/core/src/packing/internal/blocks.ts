import type { NormalizedProblem } from './normalize-input';
import { coveredArea, subtractRects, type Rect, type TopRect } from './rects';

/**
 * A block: boxes packed together in a cuboid, placed as one piece by the search.
 * Simple blocks hold nx × ny × nz boxes of one type in one orientation; composite blocks join two
 * blocks side by side along x, y or z (the "general blocks" of Zhu & Lim 2012, the "complex blocks" of
 * Fanslau & Bortfeldt 2010), kept only when their boxes fill at least minFillRate of the cuboid.
 */
export type Block = {
  id: number;
  dx: number;
  dy: number;
  dz: number;
  boxVolume: number;
  weightKg: number;
  boxCount: number;
  stop: number;
  /** Box types used and how many of each (parallel arrays). */
  typeIndexes: number[];
  typeCounts: number[];
  /** True when a box of the block may carry nothing: the column above the block stays empty. */
  nonStackable: boolean;
  /** Footprint rectangles on the block floor (relative x0, y0, x1, y1). */
  base: Rect[];
  /** Upper faces that can carry boxes (relative, with their height). */
  tops: TopRect[];
  shape:
    | { kind: 'simple'; typeIndex: number; ox: number; oy: number; oz: number; nx: number; ny: number; nz: number }
    | { kind: 'composite'; axis: 0 | 1 | 2; a: Block; b: Block };
};

export type BlockOptions = { maxBlocks: number; minFillRate: number; support: boolean };

function signature(b: Pick<Block, 'dx' | 'dy' | 'dz' | 'typeIndexes' | 'typeCounts'>): string {
  const parts = b.typeIndexes.map((t, i) => `${t}:${b.typeCounts[i]}`).sort();
  return `${b.dx},${b.dy},${b.dz}|${parts.join(',')}`;
}

function mergeCounts(a: Block, b: Block): { typeIndexes: number[]; typeCounts: number[] } {
  const map = new Map<number, number>();
  for (let i = 0; i < a.typeIndexes.length; i++) map.set(a.typeIndexes[i]!, (map.get(a.typeIndexes[i]!) ?? 0) + a.typeCounts[i]!);
  for (let i = 0; i < b.typeIndexes.length; i++) map.set(b.typeIndexes[i]!, (map.get(b.typeIndexes[i]!) ?? 0) + b.typeCounts[i]!);
  const typeIndexes = [...map.keys()].sort((x, y) => x - y);
  return { typeIndexes, typeCounts: typeIndexes.map((t) => map.get(t)!) };
}

function combine(a: Block, b: Block, axis: 0 | 1 | 2, problem: NormalizedProblem, options: BlockOptions, id: number): Block | undefined {
  if (a.stop !== b.stop) return undefined;
  const dx = axis === 0 ? a.dx + b.dx : Math.max(a.dx, b.dx);
  const dy = axis === 1 ? a.dy + b.dy : Math.max(a.dy, b.dy);
  const dz = axis === 2 ? a.dz + b.dz : Math.max(a.dz, b.dz);
  if (dx > problem.lengthCm || dy > problem.widthCm || dz > problem.heightCm) return undefined;
  const boxVolume = a.boxVolume + b.boxVolume;
  if (boxVolume < options.minFillRate * dx * dy * dz) return undefined;
  const counts = mergeCounts(a, b);
  for (let i = 0; i < counts.typeIndexes.length; i++) {
    if (counts.typeCounts[i]! > problem.types[counts.typeIndexes[i]!]!.quantity) return undefined;
  }
  let base: Rect[];
  let tops: TopRect[];
  if (axis === 2) {
    if (a.nonStackable) return undefined;
    // b rests on a: in full-support mode every part of b's floor must lie on a top face of a at height a.dz.
    const level = a.tops.filter((t) => t[4] === a.dz);
    if (options.support) {
      for (const r of b.base) {
        if (coveredArea(r, level) < (r[2] - r[0]) * (r[3] - r[1]) - 1e-9) return undefined;
      }
    }
    base = a.base;
    const rest: TopRect[] = [];
    for (const t of a.tops) {
      if (t[4] !== a.dz) {
        rest.push(t);
        continue;
      }
      for (const piece of subtractRects([t[0], t[1], t[2], t[3]], b.base)) rest.push([piece[0], piece[1], piece[2], piece[3], t[4]]);
    }
    tops = [...rest, ...b.tops.map((t): TopRect => [t[0], t[1], t[2], t[3], t[4] + a.dz])];
  } else {
    const ox = axis === 0 ? a.dx : 0;
    const oy = axis === 1 ? a.dy : 0;
    base = [...a.base, ...b.base.map((r): Rect => [r[0] + ox, r[1] + oy, r[2] + ox, r[3] + oy])];
    tops = [...a.tops, ...b.tops.map((t): TopRect => [t[0] + ox, t[1] + oy, t[2] + ox, t[3] + oy, t[4]])];
  }
  return {
    id,
    dx,
    dy,
    dz,
    boxVolume,
    weightKg: a.weightKg + b.weightKg,
    boxCount: a.boxCount + b.boxCount,
    stop: a.stop,
    ...counts,
    nonStackable: a.nonStackable || b.nonStackable,
    base,
    tops,
    shape: { kind: 'composite', axis, a, b },
  };
}

function compareBlocks(a: Block, b: Block): number {
  return b.boxVolume - a.boxVolume || a.boxCount - b.boxCount || a.id - b.id;
}

/** Builds the block list, largest box volume first (ties: fewer boxes, then creation order). */
export function generateBlocks(problem: NormalizedProblem, options: BlockOptions): Block[] {
  const { lengthCm: L, widthCm: W, heightCm: H } = problem;
  let nextId = 0;
  const simple: Block[] = [];
  for (const type of problem.types) {
    if (type.quantity <= 0) continue;
    for (const [ox, oy, oz] of type.orientations) {
      if (ox > L || oy > W || oz > H) continue;
      const maxNz = type.stackable ? Math.floor(H / oz) : 1;
      for (let nz = 1; nz <= maxNz && nz <= type.quantity; nz++) {
        for (let ny = 1; ny <= Math.floor(W / oy) && ny * nz <= type.quantity; ny++) {
          for (let nx = 1; nx <= Math.floor(L / ox) && nx * ny * nz <= type.quantity; nx++) {
            const n = nx * ny * nz;
            const dx = nx * ox;
            const dy = ny * oy;
            const dz = nz * oz;
            simple.push({
              id: nextId++,
              dx,
              dy,
              dz,
              boxVolume: n * type.volumeCm3,
              weightKg: n * type.weightKg,
              boxCount: n,
              stop: type.stopSequence,
              typeIndexes: [type.index],
              typeCounts: [n],
              nonStackable: !type.stackable,
              base: [[0, 0, dx, dy]],
              tops: [[0, 0, dx, dy, dz]],
              shape: { kind: 'simple', typeIndex: type.index, ox, oy, oz, nx, ny, nz },
            });
          }
        }
      }
    }
  }
  // Too many simple blocks: keep the small ones (gap fillers) and the largest.
  const simpleCap = Math.max(1, Math.floor(options.maxBlocks * 0.6));
  let kept = simple;
  if (simple.length > simpleCap) {
    const small = simple.filter((b) => b.boxCount <= 2);
    const large = simple.filter((b) => b.boxCount > 2).sort(compareBlocks).slice(0, Math.max(0, simpleCap - small.length));
    kept = [...small, ...large];
  }
  const all: Block[] = [...kept];
  const seen = new Set(all.map(signature));
  // Composite blocks: join pairs whose faces match (same height for x/y, same footprint for z).
  let pairBudget = 4_000_000;
  let current = kept.slice().sort(compareBlocks);
  for (let level = 0; level < 2 && all.length < options.maxBlocks && pairBudget > 0; level++) {
    const created: Block[] = [];
    const pool = all.slice().sort(compareBlocks);
    const byHeight = new Map<number, Block[]>();
    const byFootprint = new Map<string, Block[]>();
    for (const b of pool) {
      const h = byHeight.get(b.dz);
      if (h) h.push(b);
      else byHeight.set(b.dz, [b]);
      const key = `${b.dx},${b.dy}`;
      const f = byFootprint.get(key);
      if (f) f.push(b);
      else byFootprint.set(key, [b]);
    }
    const tryAdd = (c: Block | undefined): void => {
      if (!c) return;
      const sig = signature(c);
      if (seen.has(sig)) {
        nextId--;
        return;
      }
      seen.add(sig);
      created.push(c);
    };
    outer: for (const a of current) {
      for (const axis of [0, 1] as const) {
        for (const b of byHeight.get(a.dz) ?? []) {
          if (--pairBudget <= 0 || all.length + created.length >= options.maxBlocks) break outer;
          if (a.shape.kind === 'simple' && b.shape.kind === 'simple' && a.shape.typeIndex === b.shape.typeIndex && a.shape.ox === b.shape.ox && a.shape.oy === b.shape.oy) continue;
          const c = combine(a, b, axis, problem, options, nextId++);
          if (c) tryAdd(c);
          else nextId--;
        }
      }
      for (const b of byFootprint.get(`${a.dx},${a.dy}`) ?? []) {
        if (--pairBudget <= 0 || all.length + created.length >= options.maxBlocks) break outer;
        if (a.shape.kind === 'simple' && b.shape.kind === 'simple' && a.shape.typeIndex === b.shape.typeIndex && a.shape.ox === b.shape.ox && a.shape.oy === b.shape.oy) continue;
        const c = combine(a, b, 2, problem, options, nextId++);
        if (c) tryAdd(c);
        else nextId--;
      }
    }
    if (created.length === 0) break;
    all.push(...created);
    current = created.sort(compareBlocks);
  }
  return all.sort(compareBlocks);
}
