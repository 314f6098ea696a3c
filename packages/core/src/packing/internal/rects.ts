/** Axis-aligned rectangle in the floor plane: [x0, y0, x1, y1]. */
export type Rect = [number, number, number, number];
/** A top face: [x0, y0, x1, y1, z]. */
export type TopRect = [number, number, number, number, number];

/** Sum of the areas where `r` meets each of `faces` (faces must not overlap each other). */
export function coveredArea(r: Rect | TopRect, faces: readonly (Rect | TopRect)[]): number {
  let area = 0;
  for (const f of faces) {
    const w = Math.min(r[2], f[2]) - Math.max(r[0], f[0]);
    if (w <= 0) continue;
    const h = Math.min(r[3], f[3]) - Math.max(r[1], f[1]);
    if (h <= 0) continue;
    area += w * h;
  }
  return area;
}

/** The parts of `r` not covered by any of `cuts`, as disjoint rectangles. */
export function subtractRects(r: Rect, cuts: readonly Rect[]): Rect[] {
  let pieces: Rect[] = [r];
  for (const c of cuts) {
    const next: Rect[] = [];
    for (const p of pieces) {
      const ix0 = Math.max(p[0], c[0]);
      const iy0 = Math.max(p[1], c[1]);
      const ix1 = Math.min(p[2], c[2]);
      const iy1 = Math.min(p[3], c[3]);
      if (ix0 >= ix1 || iy0 >= iy1) {
        next.push(p);
        continue;
      }
      if (p[0] < ix0) next.push([p[0], p[1], ix0, p[3]]);
      if (ix1 < p[2]) next.push([ix1, p[1], p[2], p[3]]);
      if (p[1] < iy0) next.push([ix0, p[1], ix1, iy0]);
      if (iy1 < p[3]) next.push([ix0, iy1, ix1, p[3]]);
    }
    pieces = next;
  }
  return pieces;
}
