import { listOrientations } from './internal/normalize-input';
import type { LoadIssue, PackedBox, PackingInput, PackingSupportMode } from './types';

const EPS = 1e-6;

/**
 * Checks a load independently of the planner and returns every broken rule (empty = valid):
 * each box inside the container, in an allowed orientation of its type, no two boxes overlapping
 * (positive common volume), no more boxes of a type than its quantity, total weight within the
 * payload limit, and when asked: full support (the base area of each box above the floor equals the
 * area it shares with top faces of boxes ending at its height), nothing above a non-stackable box,
 * and multi-drop order (no box of a later stop in front of, i.e. towards the door at x = lengthCm,
 * or above a box of an earlier stop whose face it overlaps).
 * Example: two 50 × 50 × 50 boxes both at (0, 0, 0) give one 'overlap' issue.
 * Tolerance 1e-6 cm on coordinates.
 */
export function checkLoad(input: PackingInput, placements: readonly PackedBox[], options: { support?: PackingSupportMode } = {}): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const { lengthCm: L, widthCm: W, heightCm: H } = input.container;
  const types = new Map(input.boxTypes.map((t) => [t.id, t]));
  const used = new Map<string, number>();
  let weightKg = 0;
  placements.forEach((b, i) => {
    const type = types.get(b.boxTypeId);
    if (!type) {
      issues.push({ rule: 'unknown_box_type', boxIndex: i, message: `box ${i} has unknown type ${b.boxTypeId}` });
      return;
    }
    used.set(b.boxTypeId, (used.get(b.boxTypeId) ?? 0) + 1);
    weightKg += type.weightKg ?? 0;
    if (b.xCm < -EPS || b.yCm < -EPS || b.zCm < -EPS || b.xCm + b.sizeXCm > L + EPS || b.yCm + b.sizeYCm > W + EPS || b.zCm + b.sizeZCm > H + EPS) {
      issues.push({ rule: 'inside', boxIndex: i, message: `box ${i} (${b.boxTypeId}) sticks out of the container` });
    }
    const fits = listOrientations(type).some(
      ([ox, oy, oz]) => Math.abs(ox - b.sizeXCm) <= EPS && Math.abs(oy - b.sizeYCm) <= EPS && Math.abs(oz - b.sizeZCm) <= EPS,
    );
    if (!fits) issues.push({ rule: 'orientation', boxIndex: i, message: `box ${i} (${b.boxTypeId}) has extents ${b.sizeXCm}×${b.sizeYCm}×${b.sizeZCm}, not an allowed orientation` });
    if ((b.stopSequence ?? 1) !== (type.stopSequence ?? 1)) {
      issues.push({ rule: 'loading_order', boxIndex: i, message: `box ${i} (${b.boxTypeId}) says stop ${b.stopSequence}, its type says ${type.stopSequence ?? 1}` });
    }
  });
  for (const [id, count] of [...used.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const q = types.get(id)!.quantity;
    if (count > q) {
      const index = placements.findIndex((b) => b.boxTypeId === id);
      issues.push({ rule: 'quantity', boxIndex: index, message: `${count} boxes of type ${id} loaded, only ${q} exist` });
    }
  }
  const maxPayloadKg = input.container.maxPayloadKg;
  if (maxPayloadKg !== undefined && weightKg > maxPayloadKg + EPS) {
    issues.push({ rule: 'weight', boxIndex: -1, message: `load weighs ${weightKg} kg, more than the payload limit ${maxPayloadKg} kg` });
  }
  const n = placements.length;
  // Sweep along x: only boxes whose x-intervals meet can overlap.
  const order = placements.map((_, i) => i).sort((a, b) => placements[a]!.xCm - placements[b]!.xCm || a - b);
  for (let ii = 0; ii < n; ii++) {
    const i = order[ii]!;
    const a = placements[i]!;
    for (let jj = ii + 1; jj < n; jj++) {
      const j = order[jj]!;
      const b = placements[j]!;
      if (b.xCm >= a.xCm + a.sizeXCm - EPS) break;
      if (overlap1(a.yCm, a.sizeYCm, b.yCm, b.sizeYCm) && overlap1(a.zCm, a.sizeZCm, b.zCm, b.sizeZCm) && overlap1(a.xCm, a.sizeXCm, b.xCm, b.sizeXCm)) {
        issues.push({ rule: 'overlap', boxIndex: Math.min(i, j), otherBoxIndex: Math.max(i, j), message: `boxes ${Math.min(i, j)} and ${Math.max(i, j)} overlap` });
      }
    }
  }
  if (options.support === 'full') {
    placements.forEach((b, i) => {
      if (b.zCm <= EPS) return;
      let covered = 0;
      for (const o of placements) {
        if (Math.abs(o.zCm + o.sizeZCm - b.zCm) > EPS) continue;
        covered += overlapLength(b.xCm, b.sizeXCm, o.xCm, o.sizeXCm) * overlapLength(b.yCm, b.sizeYCm, o.yCm, o.sizeYCm);
      }
      const area = b.sizeXCm * b.sizeYCm;
      if (covered < area * (1 - 1e-9) - EPS) {
        issues.push({ rule: 'support', boxIndex: i, message: `box ${i} (${b.boxTypeId}) rests on ${((100 * covered) / area).toFixed(1)} % of its base` });
      }
    });
  }
  for (let i = 0; i < n; i++) {
    const a = placements[i]!;
    const aType = types.get(a.boxTypeId);
    const aStop = a.stopSequence ?? 1;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const b = placements[j]!;
      const xy = overlap1(a.xCm, a.sizeXCm, b.xCm, b.sizeXCm) && overlap1(a.yCm, a.sizeYCm, b.yCm, b.sizeYCm);
      const above = xy && b.zCm >= a.zCm + a.sizeZCm - EPS;
      if (aType && aType.stackable === false && above) {
        issues.push({ rule: 'stacking', boxIndex: i, otherBoxIndex: j, message: `box ${j} is above non-stackable box ${i}` });
      }
      if ((b.stopSequence ?? 1) > aStop) {
        const inFront = b.xCm >= a.xCm + a.sizeXCm - EPS && overlap1(a.yCm, a.sizeYCm, b.yCm, b.sizeYCm) && overlap1(a.zCm, a.sizeZCm, b.zCm, b.sizeZCm);
        if (inFront || above) {
          issues.push({ rule: 'loading_order', boxIndex: i, otherBoxIndex: j, message: `box ${j} (stop ${b.stopSequence}) blocks box ${i} (stop ${aStop}) ${above ? 'from above' : 'towards the door'}` });
        }
      }
    }
  }
  return issues;
}

function overlapLength(a0: number, aSize: number, b0: number, bSize: number): number {
  return Math.max(0, Math.min(a0 + aSize, b0 + bSize) - Math.max(a0, b0));
}

function overlap1(a0: number, aSize: number, b0: number, bSize: number): boolean {
  return overlapLength(a0, aSize, b0, bSize) > EPS;
}
