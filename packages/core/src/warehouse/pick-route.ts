import { assertNever } from '../shared/core-error';
import { compactWaypoints, polylineLengthM, validatePickInput, type ValidatedPickInput } from './internal/pick-geometry';
import { solveOptimalPickTour } from './internal/optimal-pick-route';
import type { PickPoint, PickRouteInput, PickRouteMethod, PickRouteResult, Waypoint } from './types';

export const PICK_ROUTE_METHODS: readonly PickRouteMethod[] = ['s-shape', 'largest-gap', 'optimal'];

type Walk = { waypoints: Waypoint[]; sequence: string[] };

function startWalk(block: ValidatedPickInput): Walk {
  return { waypoints: [{ xM: block.depotAisleIndex * block.aisleSpacingM, yM: 0 }], sequence: [] };
}

function visit(walk: Walk, picks: readonly PickPoint[], xM: number): void {
  for (const pick of picks) {
    walk.waypoints.push({ xM, yM: pick.positionM });
    walk.sequence.push(pick.id);
  }
}

function finish(walk: Walk, block: ValidatedPickInput, method: PickRouteMethod, aislesEntered: number): PickRouteResult {
  walk.waypoints.push({ xM: block.depotAisleIndex * block.aisleSpacingM, yM: 0 });
  const waypoints = compactWaypoints(walk.waypoints);
  return { method, distanceM: polylineLengthM(waypoints), sequence: walk.sequence, waypoints, aislesEntered };
}

/** Enter one aisle from the front, walk to its farthest pick and come back (used when a single aisle holds picks). */
function enterAndReturnFromFront(walk: Walk, picks: readonly PickPoint[], xM: number): void {
  walk.waypoints.push({ xM, yM: 0 });
  visit(walk, picks, xM);
  walk.waypoints.push({ xM, yM: 0 });
}

function sShape(block: ValidatedPickInput): PickRouteResult {
  const walk = startWalk(block);
  const aisles = [...block.picksByAisle.keys()].sort((a, b) => a - b);
  const L = block.aisleLengthM;
  aisles.forEach((aisle, index) => {
    const xM = aisle * block.aisleSpacingM;
    const picks = block.picksByAisle.get(aisle)!;
    const isLastOfOdd = index === aisles.length - 1 && aisles.length % 2 === 1;
    if (isLastOfOdd) enterAndReturnFromFront(walk, picks, xM);
    else if (index % 2 === 0) {
      walk.waypoints.push({ xM, yM: 0 });
      visit(walk, picks, xM);
      walk.waypoints.push({ xM, yM: L });
    } else {
      walk.waypoints.push({ xM, yM: L });
      visit(walk, [...picks].reverse(), xM);
      walk.waypoints.push({ xM, yM: 0 });
    }
  });
  return finish(walk, block, 's-shape', aisles.length);
}

/** Index g of the largest gap between consecutive points of [0, picks…, L]: picks before g are reached from the front. */
function largestGapIndex(picks: readonly PickPoint[], lengthM: number): number {
  const positions = [0, ...picks.map((pick) => pick.positionM), lengthM];
  let best = 0;
  let bestGap = -1;
  for (let gap = 0; gap < positions.length - 1; gap += 1) {
    const size = positions[gap + 1]! - positions[gap]!;
    if (size > bestGap + 1e-12) {
      bestGap = size;
      best = gap;
    }
  }
  return best;
}

function largestGap(block: ValidatedPickInput): PickRouteResult {
  const walk = startWalk(block);
  const aisles = [...block.picksByAisle.keys()].sort((a, b) => a - b);
  const L = block.aisleLengthM;
  const x = (aisle: number): number => aisle * block.aisleSpacingM;
  if (aisles.length === 1) {
    enterAndReturnFromFront(walk, block.picksByAisle.get(aisles[0]!)!, x(aisles[0]!));
    return finish(walk, block, 'largest-gap', 1);
  }
  const leftmost = aisles[0]!;
  const rightmost = aisles[aisles.length - 1]!;
  const middle = aisles.slice(1, -1);
  const gaps = new Map(middle.map((aisle) => [aisle, largestGapIndex(block.picksByAisle.get(aisle)!, L)]));
  // Leftmost aisle traversed front to back.
  walk.waypoints.push({ xM: x(leftmost), yM: 0 });
  visit(walk, block.picksByAisle.get(leftmost)!, x(leftmost));
  walk.waypoints.push({ xM: x(leftmost), yM: L });
  // Middle aisles entered from the back, up to the largest gap.
  for (const aisle of middle) {
    const back = block.picksByAisle.get(aisle)!.slice(gaps.get(aisle)!);
    if (back.length === 0) continue;
    walk.waypoints.push({ xM: x(aisle), yM: L });
    visit(walk, [...back].reverse(), x(aisle));
    walk.waypoints.push({ xM: x(aisle), yM: L });
  }
  // Rightmost aisle traversed back to front.
  walk.waypoints.push({ xM: x(rightmost), yM: L });
  visit(walk, [...block.picksByAisle.get(rightmost)!].reverse(), x(rightmost));
  walk.waypoints.push({ xM: x(rightmost), yM: 0 });
  // Middle aisles entered from the front on the way back.
  for (const aisle of [...middle].reverse()) {
    const front = block.picksByAisle.get(aisle)!.slice(0, gaps.get(aisle)!);
    if (front.length === 0) continue;
    walk.waypoints.push({ xM: x(aisle), yM: 0 });
    visit(walk, front, x(aisle));
    walk.waypoints.push({ xM: x(aisle), yM: 0 });
  }
  return finish(walk, block, 'largest-gap', aisles.length);
}

/**
 * Order-picking route in a single-block parallel-aisle warehouse and its walked distance in metres.
 * Methods: `s-shape` (traversal: every aisle with picks walked end to end, the last one entered and left from the
 * front when their number is odd); `largest-gap` (first and last aisles traversed, the others entered from the
 * back and from the front up to the largest gap between picks: Hall 1993); `optimal` (Ratliff & Rosenthal 1983
 * dynamic programme over aisles, exact for one block).
 * S-shape distance for k aisles (k even): k·L + 2·(xmax − xmin) with the depot inside [xmin, xmax].
 * Sources: Ratliff & Rosenthal, Operations Research 31(3), 1983; Hall, IIE Transactions 25(4), 1993;
 * de Koster, Le-Duc & Roodbergen, EJOR 182(2), 2007 (review).
 * Example: 3 aisles of 10 m, 5 m apart, depot at aisle 0; picks (aisle 0, 2 m) and (aisle 2, 3 m): S-shape and
 * largest gap both traverse the two aisles, 10 + 10 + 2·10 = 40 m; optimal enters each from the front,
 * 2·2 + 2·3 + 2·10 = 30 m.
 * Throws invalid_input / out_of_range / not_finite / negative_value on bad geometry or picks.
 */
export function planPickRoute(input: PickRouteInput, method: PickRouteMethod = 'optimal'): PickRouteResult {
  const block = validatePickInput(input);
  if (block.picksByAisle.size === 0) {
    const depot = { xM: block.depotAisleIndex * block.aisleSpacingM, yM: 0 };
    return { method, distanceM: 0, sequence: [], waypoints: [depot], aislesEntered: 0 };
  }
  switch (method) {
    case 's-shape':
      return sShape(block);
    case 'largest-gap':
      return largestGap(block);
    case 'optimal': {
      const tour = solveOptimalPickTour(block);
      const waypoints = compactWaypoints(tour.waypoints);
      return { method, distanceM: tour.distanceM, sequence: tour.sequence, waypoints, aislesEntered: tour.aislesEntered };
    }
    default:
      return assertNever(method, 'pick route method');
  }
}
