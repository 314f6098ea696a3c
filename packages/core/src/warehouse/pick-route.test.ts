import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random';
import { CoreError } from '../shared/core-error';
import { planPickRoute } from './pick-route';
import type { PickPoint, PickRouteInput } from './types';

/** Shortest walk between two points of a single block: same aisle straight, else via the nearer cross aisle. */
function shortestM(input: PickRouteInput, a: { x: number; y: number }, b: { x: number; y: number }): number {
  if (a.x === b.x) return Math.abs(a.y - b.y);
  return Math.abs(a.x - b.x) + Math.min(a.y + b.y, 2 * input.aisleLengthM - a.y - b.y);
}

/** Exact TSP by enumeration on the metric closure (small instances only): the reference for the DP. */
function bruteForceM(input: PickRouteInput): number {
  const depot = { x: (input.depotAisleIndex ?? 0) * input.aisleSpacingM, y: 0 };
  const points = input.picks.map((p) => ({ x: p.aisleIndex * input.aisleSpacingM, y: p.positionM }));
  let best = Infinity;
  const order: number[] = [];
  const used = new Array<boolean>(points.length).fill(false);
  const search = (from: { x: number; y: number }, soFar: number): void => {
    if (soFar >= best) return;
    if (order.length === points.length) {
      best = Math.min(best, soFar + shortestM(input, from, depot));
      return;
    }
    points.forEach((point, index) => {
      if (used[index]) return;
      used[index] = true;
      order.push(index);
      search(point, soFar + shortestM(input, from, point));
      order.pop();
      used[index] = false;
    });
  };
  search(depot, 0);
  return points.length === 0 ? 0 : best;
}

function randomInstance(seed: number, pickCount: number): PickRouteInput {
  const random = createRandom(seed);
  const aisleCount = 2 + random.nextInt(0, 7);
  const picks: PickPoint[] = [];
  for (let i = 0; i < pickCount; i += 1) {
    picks.push({ id: `p${i}`, aisleIndex: random.nextInt(0, aisleCount), positionM: Math.round(random.next() * 200) / 10 });
  }
  return { aisleCount, aisleLengthM: 20, aisleSpacingM: 3 + random.nextInt(0, 4), depotAisleIndex: random.nextInt(0, aisleCount), picks };
}

describe('planPickRoute', () => {
  const example: PickRouteInput = {
    aisleCount: 3,
    aisleLengthM: 10,
    aisleSpacingM: 5,
    depotAisleIndex: 0,
    picks: [{ id: 'p1', aisleIndex: 0, positionM: 2 }, { id: 'p2', aisleIndex: 2, positionM: 3 }],
  };

  it('hand-checked case (doc comment): S-shape 40 m, largest gap 40 m, optimal 30 m', () => {
    expect(planPickRoute(example, 's-shape').distanceM).toBe(40);
    expect(planPickRoute(example, 'largest-gap').distanceM).toBe(40);
    const optimal = planPickRoute(example, 'optimal');
    expect(optimal.distanceM).toBe(30);
    expect(optimal.sequence).toEqual(['p1', 'p2']);
    expect(optimal.waypoints[0]).toEqual({ xM: 0, yM: 0 });
    expect(optimal.waypoints[optimal.waypoints.length - 1]).toEqual({ xM: 0, yM: 0 });
  });

  it('hand-checked largest gap: middle aisle picks at 1 m and 9 m of 10 m are reached from both ends (2·1 + 2·1)', () => {
    const input: PickRouteInput = {
      aisleCount: 3, aisleLengthM: 10, aisleSpacingM: 5,
      picks: [{ id: 'a', aisleIndex: 0, positionM: 5 }, { id: 'b1', aisleIndex: 1, positionM: 1 }, { id: 'b2', aisleIndex: 1, positionM: 9 }, { id: 'c', aisleIndex: 2, positionM: 5 }],
    };
    // 10 (aisle 0) + 10 (aisle 2) + 2·10 horizontal + 2 + 2 (aisle 1 from back and front) = 44 m.
    const gap = planPickRoute(input, 'largest-gap');
    expect(gap.distanceM).toBe(44);
    expect(gap.sequence).toEqual(['a', 'b2', 'c', 'b1']);
    // S-shape: 3 aisles (odd): 10 + 10 + 2·5 (last from front) + 2·10 = 50 m.
    expect(planPickRoute(input, 's-shape').distanceM).toBe(50);
    expect(planPickRoute(input, 'optimal').distanceM).toBe(44);
  });

  it('optimal equals exhaustive search on 300 random small instances (Ratliff & Rosenthal 1983 is exact)', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const input = randomInstance(seed, 1 + (seed % 7));
      const optimal = planPickRoute(input, 'optimal');
      expect(optimal.distanceM).toBeCloseTo(bruteForceM(input), 6);
    }
  });

  it('invariants on random instances: optimal ≤ largest gap and ≤ S-shape; every pick once; distance = walked polyline', () => {
    for (let seed = 1000; seed < 1200; seed += 1) {
      const input = randomInstance(seed, 5 + (seed % 30));
      const results = (['s-shape', 'largest-gap', 'optimal'] as const).map((method) => planPickRoute(input, method));
      const [sShape, gap, optimal] = results as [typeof results[0], typeof results[0], typeof results[0]];
      expect(optimal.distanceM).toBeLessThanOrEqual(gap.distanceM + 1e-9);
      expect(optimal.distanceM).toBeLessThanOrEqual(sShape.distanceM + 1e-9);
      for (const result of results) {
        expect([...result.sequence].sort()).toEqual(input.picks.map((p) => p.id).sort());
        let walked = 0;
        for (let i = 1; i < result.waypoints.length; i += 1) {
          const a = result.waypoints[i - 1]!;
          const b = result.waypoints[i]!;
          // Every leg runs along an aisle or along a cross aisle.
          expect(a.xM === b.xM || ((a.yM === 0 || a.yM === input.aisleLengthM) && a.yM === b.yM)).toBe(true);
          walked += Math.abs(a.xM - b.xM) + Math.abs(a.yM - b.yM);
        }
        expect(walked).toBeCloseTo(result.distanceM, 6);
      }
    }
  });

  it('edge cases: no picks walks 0 m; a single pick is a there-and-back; deterministic output', () => {
    expect(planPickRoute({ ...example, picks: [] }).distanceM).toBe(0);
    const single = { ...example, picks: [{ id: 'x', aisleIndex: 1, positionM: 4 }] };
    for (const method of ['s-shape', 'largest-gap', 'optimal'] as const) expect(planPickRoute(single, method).distanceM).toBe(18);
    const input = randomInstance(7, 25);
    expect(planPickRoute(input, 'optimal')).toEqual(planPickRoute(input, 'optimal'));
  });

  it('refuses bad input with the path of the field', () => {
    expect(() => planPickRoute({ ...example, picks: [{ id: 'x', aisleIndex: 5, positionM: 1 }] })).toThrow(CoreError);
    try {
      planPickRoute({ ...example, picks: [{ id: 'x', aisleIndex: 0, positionM: 11 }] });
    } catch (error) {
      expect((error as CoreError).path).toBe('picks[0].positionM');
    }
    expect(() => planPickRoute({ ...example, aisleLengthM: -1 })).toThrow(/aisleLengthM/);
  });
});
