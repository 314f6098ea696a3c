/**
 * Route segments with O(1) concatenation (Vidal, Crainic, Gendreau & Prins 2013, "A hybrid genetic
 * algorithm with adaptive diversity management for a large class of vehicle routing problems with
 * time-windows", Computers & OR 40(1)): duration D, time warp TW, earliest E and latest L start of the
 * first service, load Q and distance C. A "time warp" is the lateness forgiven to keep the schedule
 * going; it is penalised, so infeasible routes remain comparable.
 */
export type Segment = { first: number; last: number; duration: number; timeWarp: number; earliest: number; latest: number; load: number; distance: number };

export type SegmentMatrices = { n: number; dist: Float64Array; time: Float64Array };

/** σ1 ⊕ σ2: Δ = D1 − TW1 + t; ΔWT = max(E2 − Δ − L1, 0); ΔTW = max(E1 + Δ − L2, 0). */
export function concatSegments(m: SegmentMatrices, a: Segment, b: Segment): Segment {
  const edge = a.last * m.n + b.first;
  const travel = m.time[edge]!;
  const delta = a.duration - a.timeWarp + travel;
  const waitDelta = Math.max(b.earliest - delta - a.latest, 0);
  const warpDelta = Math.max(a.earliest + delta - b.latest, 0);
  return {
    first: a.first,
    last: b.last,
    duration: a.duration + b.duration + travel + waitDelta,
    timeWarp: a.timeWarp + b.timeWarp + warpDelta,
    earliest: Math.max(b.earliest - delta, a.earliest) - waitDelta,
    latest: Math.min(b.latest - delta, a.latest) + warpDelta,
    load: a.load + b.load,
    distance: a.distance + b.distance + m.dist[edge]!,
  };
}

/**
 * concatSegments written into `out` (which may be `a` or `b`): no allocation, for the local search's hot
 * loops that fold many segments. Same arithmetic, same result.
 */
export function concatSegmentsInto(m: SegmentMatrices, a: Segment, b: Segment, out: Segment): Segment {
  const edge = a.last * m.n + b.first;
  const travel = m.time[edge]!;
  const delta = a.duration - a.timeWarp + travel;
  const waitDelta = Math.max(b.earliest - delta - a.latest, 0);
  const warpDelta = Math.max(a.earliest + delta - b.latest, 0);
  const duration = a.duration + b.duration + travel + waitDelta;
  const timeWarp = a.timeWarp + b.timeWarp + warpDelta;
  const earliest = Math.max(b.earliest - delta, a.earliest) - waitDelta;
  const latest = Math.min(b.latest - delta, a.latest) + warpDelta;
  const load = a.load + b.load;
  const distance = a.distance + b.distance + m.dist[edge]!;
  out.first = a.first;
  out.last = b.last;
  out.duration = duration;
  out.timeWarp = timeWarp;
  out.earliest = earliest;
  out.latest = latest;
  out.load = load;
  out.distance = distance;
  return out;
}
