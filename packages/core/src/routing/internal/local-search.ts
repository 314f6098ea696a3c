import type { RandomSource } from '../../shared/random';
import { evaluateRoute, routeCost, type Penalties } from './penalties';
import type { Problem } from './problem';
import { concatSegments, concatSegmentsInto, type Segment, type SegmentMatrices } from './segment';

const EPSILON = 1e-7;

/**
 * Granular local search of HGS (Vidal 2012; Vidal 2022 "Hybrid genetic search for the CVRP: open-source
 * implementation and SWAP* neighborhood", C&OR 140): for each customer u and each of its correlated
 * neighbours v, moves relocate (1, 2, 2 reversed), swap (1-1, 2-1, 2-2), 2-opt* (two variants) between
 * routes, and relocate, swap and 2-opt inside a route; first improvement, until no move improves.
 * Routes are evaluated in O(1) by concatenating prefix/suffix segments; a move is evaluated only when
 * its distance change could beat the penalties it might remove (a valid lower bound).
 */
export class LocalSearch {
  private readonly problem: Problem;
  private readonly random: RandomSource;
  private routes: number[][] = [];
  private readonly routeOf: Int32Array;
  private readonly positionOf: Int32Array;
  private prefix: Segment[][] = [];
  private suffix: Segment[][] = [];
  private cost: number[] = [];
  private penaltyPart: number[] = [];
  private load: number[] = [];
  private prefixLoad: number[][] = [];
  private modifiedAt: number[] = [];
  private readonly lastTestedAt: Int32Array;
  private moveCount = 0;
  private penalties: Penalties = { capacity: 1, timeWarp: 1, duration: 1 };
  private readonly neighbourOrder: Int32Array[];
  private readonly distance: (a: number, b: number) => number;
  private readonly useSwapStar: boolean;
  private sector: Sector[] = [];
  private lastSwapStarPass = 0;
  private readonly movePlan = new Int32Array(INTRA_PLAN_LENGTH);
  private readonly workSegment = emptySegment();
  private readonly workU = emptySegment();
  private readonly workV = emptySegment();

  constructor(problem: Problem, random: RandomSource) {
    this.problem = problem;
    this.random = random;
    this.routeOf = new Int32Array(problem.n);
    this.positionOf = new Int32Array(problem.n);
    this.lastTestedAt = new Int32Array(problem.n);
    this.neighbourOrder = problem.neighbours.map((list) => Int32Array.from(list));
    const { dist, n } = problem;
    this.distance = (a, b) => dist[a * n + b]!;
    this.useSwapStar = !problem.hasTimeWindows && problem.angle !== null;
  }

  /**
   * Improves the given routes (customer indices) with `routeSlots` routes available; returns non-empty routes.
   * `timeIsUp` (checked every 16 customers) ends the descent early: the routes so far are returned, each move
   * having kept them a valid assignment of every customer.
   */
  run(initialRoutes: readonly number[][], penalties: Penalties, routeSlots: number, timeIsUp?: () => boolean): number[][] {
    const { problem, random } = this;
    this.penalties = penalties;
    const slots = Math.max(routeSlots, initialRoutes.length);
    this.routes = [];
    for (let r = 0; r < slots; r++) this.routes.push(r < initialRoutes.length ? [...initialRoutes[r]!] : []);
    this.prefix = new Array(slots);
    this.suffix = new Array(slots);
    this.cost = new Array(slots).fill(0);
    this.penaltyPart = new Array(slots).fill(0);
    this.load = new Array(slots).fill(0);
    this.prefixLoad = new Array(slots);
    this.modifiedAt = new Array(slots).fill(0);
    this.sector = new Array(slots);
    this.lastSwapStarPass = 0;
    this.moveCount = 1;
    for (let r = 0; r < slots; r++) this.updateRoute(r);
    this.lastTestedAt.fill(-1);

    const order: number[] = [];
    for (let c = 1; c < problem.n; c++) order.push(c);
    shuffle(order, random);
    for (let c = 1; c < problem.n; c++) shuffle(this.neighbourOrder[c]!, random);

    let improved = true;
    let checks = 0;
    for (let loop = 0; improved && loop < 1000; loop++) {
      improved = false;
      for (const u of order) {
        if (timeIsUp !== undefined && (++checks & 15) === 0 && timeIsUp()) return this.routes.filter((route) => route.length > 0);
        const testedAt = this.lastTestedAt[u]!;
        this.lastTestedAt[u] = this.moveCount;
        for (const v of this.neighbourOrder[u]!) {
          const ru = this.routeOf[u]!;
          const rv = this.routeOf[v]!;
          if (loop > 0 && Math.max(this.modifiedAt[ru]!, this.modifiedAt[rv]!) <= testedAt) continue;
          if (ru === rv ? this.tryIntraRoute(u, v) : this.tryInterRoute(u, v)) improved = true;
        }
        if (loop > 0 && this.tryEmptyRoute(u)) improved = true;
      }
      // SWAP* once the cheaper moves are exhausted (it costs O(L²) per pair of overlapping routes).
      if (this.useSwapStar && !improved) {
        const passStartedAt = this.moveCount;
        for (let r1 = 0; r1 < this.routes.length; r1++) {
          for (let r2 = r1 + 1; r2 < this.routes.length; r2++) {
            if (this.routes[r1]!.length === 0 || this.routes[r2]!.length === 0) continue;
            if (Math.max(this.modifiedAt[r1]!, this.modifiedAt[r2]!) <= this.lastSwapStarPass) continue;
            if (!sectorsOverlap(this.sector[r1]!, this.sector[r2]!)) continue;
            if (timeIsUp !== undefined && timeIsUp()) return this.routes.filter((route) => route.length > 0);
            if (this.trySwapStar(r1, r2)) improved = true;
          }
        }
        this.lastSwapStarPass = passStartedAt;
      }
    }
    return this.routes.filter((route) => route.length > 0);
  }

  /**
   * SWAP* (Vidal 2022, section 4): exchange u of route r1 and v of route r2, each inserted at its best
   * position in the other route (not necessarily where the other was). Candidate positions come from
   * the three cheapest insertions computed once per route pair; capacity-only problems.
   */
  private trySwapStar(r1: number, r2: number): boolean {
    const p = this.problem;
    const R1 = this.routes[r1]!;
    const R2 = this.routes[r2]!;
    const d = this.distance;
    const vIntoR1 = this.bestInsertions(R2, R1);
    const uIntoR2 = this.bestInsertions(R1, R2);
    const load1 = this.load[r1]!;
    const load2 = this.load[r2]!;
    const excess = (value: number): number => Math.max(0, value - p.capacity);
    let bestDelta = -EPSILON;
    let best: [number, number, number, number] | null = null;
    for (let i = 0; i < R1.length; i++) {
      const u = R1[i]!;
      const pu = i > 0 ? R1[i - 1]! : 0;
      const xu = i + 1 < R1.length ? R1[i + 1]! : 0;
      const removeU = d(pu, xu) - d(pu, u) - d(u, xu);
      for (let j = 0; j < R2.length; j++) {
        const v = R2[j]!;
        const pv = j > 0 ? R2[j - 1]! : 0;
        const xv = j + 1 < R2.length ? R2[j + 1]! : 0;
        const removeV = d(pv, xv) - d(pv, v) - d(v, xv);
        const penaltyDelta = this.penalties.capacity * (excess(load1 - p.demand[u]! + p.demand[v]!) - excess(load1) + excess(load2 + p.demand[u]! - p.demand[v]!) - excess(load2));
        if (p.costPerDistance * (removeU + removeV) + penaltyDelta >= bestDelta) continue;
        // v into R1 without u: in u's place, or one of its 3 best positions not next to u.
        let insertV = d(pu, v) + d(v, xu) - d(pu, xu);
        let positionV = i;
        for (const candidate of vIntoR1[j]!) {
          if (candidate.position === i || candidate.position === i + 1) continue;
          if (candidate.cost < insertV) {
            insertV = candidate.cost;
            positionV = candidate.position;
          }
          break;
        }
        let insertU = d(pv, u) + d(u, xv) - d(pv, xv);
        let positionU = j;
        for (const candidate of uIntoR2[i]!) {
          if (candidate.position === j || candidate.position === j + 1) continue;
          if (candidate.cost < insertU) {
            insertU = candidate.cost;
            positionU = candidate.position;
          }
          break;
        }
        const delta = p.costPerDistance * (removeU + removeV + insertU + insertV) + penaltyDelta;
        if (delta < bestDelta) {
          bestDelta = delta;
          best = [i, j, positionV, positionU];
        }
      }
    }
    if (!best) return false;
    const [i, j, positionV, positionU] = best;
    const rebuild = (route: number[], removed: number, inserted: number, position: number): number[] => {
      const result: number[] = [];
      for (let k = 0; k <= route.length; k++) {
        if (k === position) result.push(inserted);
        if (k < route.length && k !== removed) result.push(route[k]!);
      }
      return result;
    };
    const new1 = rebuild(R1, i, R2[j]!, positionV);
    const new2 = rebuild(R2, j, R1[i]!, positionU);
    // Exact re-evaluation guards against distance matrices without the triangle inequality.
    const newCost = this.sequenceCost(new1) + this.sequenceCost(new2);
    if (newCost > this.cost[r1]! + this.cost[r2]! - EPSILON) return false;
    this.routes[r1] = new1;
    this.routes[r2] = new2;
    this.moveCount++;
    this.updateRoute(r1);
    this.updateRoute(r2);
    return true;
  }

  private updateRoute(r: number): void {
    const { problem } = this;
    const route = this.routes[r]!;
    const length = route.length;
    const prefixLoad: number[] = new Array(length + 1);
    prefixLoad[0] = 0;
    for (let k = 0; k < length; k++) prefixLoad[k + 1] = prefixLoad[k]! + problem.demand[route[k]!]!;
    this.prefixLoad[r] = prefixLoad;
    if (!problem.hasTimeWindows) {
      // Capacity-only problems: distance and load say everything, no segments needed.
      let distance = 0;
      let previous = 0;
      for (let k = 0; k < length; k++) {
        const c = route[k]!;
        this.routeOf[c] = r;
        this.positionOf[c] = k;
        distance += problem.dist[previous * problem.n + c]!;
        previous = c;
      }
      distance += problem.dist[previous * problem.n]!;
      const load = prefixLoad[length]!;
      const penalty = length === 0 ? 0 : this.penalties.capacity * Math.max(0, load - problem.capacity);
      this.cost[r] = length === 0 ? 0 : problem.searchFixedCost + problem.costPerDistance * distance + penalty;
      this.load[r] = load;
      this.penaltyPart[r] = penalty;
      this.modifiedAt[r] = this.moveCount;
      if (this.useSwapStar) this.sector[r] = sectorOf(route, problem.angle!);
      return;
    }
    const prefix: Segment[] = new Array(length + 1);
    const suffix: Segment[] = new Array(length + 1);
    prefix[0] = problem.depotSegment;
    for (let k = 0; k < length; k++) {
      const c = route[k]!;
      this.routeOf[c] = r;
      this.positionOf[c] = k;
      prefix[k + 1] = concatSegments(problem, prefix[k]!, problem.nodeSegments[c]!);
    }
    suffix[length] = problem.depotSegment;
    for (let k = length - 1; k >= 0; k--) suffix[k] = concatSegments(problem, problem.nodeSegments[route[k]!]!, suffix[k + 1]!);
    if (this.useSwapStar) this.sector[r] = sectorOf(route, this.problem.angle!);
    this.prefix[r] = prefix;
    this.suffix[r] = suffix;
    const full = concatSegments(problem, prefix[length]!, problem.depotSegment);
    const cost = routeCost(problem, this.penalties, full, length === 0);
    this.cost[r] = cost;
    this.load[r] = full.load;
    this.penaltyPart[r] = length === 0 ? 0 : cost - problem.searchFixedCost - problem.costPerDistance * full.distance;
    this.modifiedAt[r] = this.moveCount;
  }

  private d(a: number, b: number): number {
    return this.problem.dist[a * this.problem.n + b]!;
  }

  /** left ⊕ a ⊕ right, folded into `out` (no allocation). */
  private join1(left: Segment, a: number, right: Segment, out: Segment): Segment {
    const p = this.problem;
    copySegment(left, out);
    concatSegmentsInto(p, out, p.nodeSegments[a]!, out);
    return concatSegmentsInto(p, out, right, out);
  }

  /** left ⊕ a ⊕ b ⊕ right, folded into `out` (no allocation). */
  private join2(left: Segment, a: number, b: number, right: Segment, out: Segment): Segment {
    const p = this.problem;
    copySegment(left, out);
    concatSegmentsInto(p, out, p.nodeSegments[a]!, out);
    concatSegmentsInto(p, out, p.nodeSegments[b]!, out);
    return concatSegmentsInto(p, out, right, out);
  }

  /**
   * Evaluates inter-route move `kind` (u at position i of route ru, v at position j of rv) and applies it
   * when it lowers the penalised cost. Without time windows or duration limits the cost is exact from
   * distance and load changes; otherwise the new routes are rebuilt from prefix/suffix segments.
   */
  private tryMove(kind: number, ru: number, rv: number, i: number, j: number, distanceDelta: number, newLoadU: number, newLengthU: number, newLengthV: number): boolean {
    const p = this.problem;
    const RU = this.routes[ru]!;
    const RV = this.routes[rv]!;
    const fixedDelta = p.searchFixedCost * (Number(newLengthU > 0) - Number(RU.length > 0) + Number(newLengthV > 0) - Number(RV.length > 0));
    const lowerBound = p.costPerDistance * distanceDelta + fixedDelta - this.penaltyPart[ru]! - this.penaltyPart[rv]!;
    if (lowerBound > -EPSILON) return false;
    const oldCost = this.cost[ru]! + this.cost[rv]!;
    const newLoadV = this.load[ru]! + this.load[rv]! - newLoadU;
    if (!p.hasTimeWindows) {
      const capacityPenalty = this.penalties.capacity * (Math.max(0, newLoadU - p.capacity) + Math.max(0, newLoadV - p.capacity));
      const newCost = oldCost - this.penaltyPart[ru]! - this.penaltyPart[rv]! + p.costPerDistance * distanceDelta + fixedDelta + capacityPenalty;
      if (newCost > oldCost - EPSILON) return false;
    } else {
      // Sharper exact bound: the new loads, hence the new capacity penalties, are known; only the new time warp
      // and duration excess (≥ 0) are not. A relative tolerance keeps it a filter: the evaluation below decides.
      const newCapacityPenalty = this.penalties.capacity * (Math.max(0, newLoadU - p.capacity) + Math.max(0, newLoadV - p.capacity));
      if (lowerBound + newCapacityPenalty > -EPSILON + 1e-9 * (1 + Math.abs(oldCost))) return false;
      const preU = this.prefix[ru]!;
      const sufU = this.suffix[ru]!;
      const preV = this.prefix[rv]!;
      const sufV = this.suffix[rv]!;
      const u = RU[i]!;
      const x = RU[i + 1] ?? 0;
      const v = RV[j] ?? 0;
      const y = RV[j + 1] ?? 0;
      let segmentU: Segment;
      let segmentV: Segment;
      switch (kind) {
        case MOVE_RELOCATE_AFTER:
          segmentU = concatSegmentsInto(p, preU[i]!, sufU[i + 1]!, this.workU);
          segmentV = this.join1(preV[j + 1]!, u, sufV[j + 1]!, this.workV);
          break;
        case MOVE_RELOCATE_BEFORE:
          segmentU = concatSegmentsInto(p, preU[i]!, sufU[i + 1]!, this.workU);
          segmentV = this.join1(preV[j]!, u, sufV[j]!, this.workV);
          break;
        case MOVE_RELOCATE_PAIR:
          segmentU = concatSegmentsInto(p, preU[i]!, sufU[i + 2]!, this.workU);
          segmentV = this.join2(preV[j + 1]!, u, x, sufV[j + 1]!, this.workV);
          break;
        case MOVE_RELOCATE_PAIR_REVERSED:
          segmentU = concatSegmentsInto(p, preU[i]!, sufU[i + 2]!, this.workU);
          segmentV = this.join2(preV[j + 1]!, x, u, sufV[j + 1]!, this.workV);
          break;
        case MOVE_SWAP:
          segmentU = this.join1(preU[i]!, v, sufU[i + 1]!, this.workU);
          segmentV = this.join1(preV[j]!, u, sufV[j + 1]!, this.workV);
          break;
        case MOVE_SWAP_PAIR_SINGLE:
          segmentU = this.join1(preU[i]!, v, sufU[i + 2]!, this.workU);
          segmentV = this.join2(preV[j]!, u, x, sufV[j + 1]!, this.workV);
          break;
        case MOVE_SWAP_PAIRS:
          segmentU = this.join2(preU[i]!, v, y, sufU[i + 2]!, this.workU);
          segmentV = this.join2(preV[j]!, u, x, sufV[j + 2]!, this.workV);
          break;
        case MOVE_TWO_OPT_STAR:
          segmentU = concatSegmentsInto(p, preU[i + 1]!, sufV[j + 1]!, this.workU);
          segmentV = concatSegmentsInto(p, preV[j + 1]!, sufU[i + 1]!, this.workV);
          break;
        default:
          segmentU = concatSegmentsInto(p, preU[i]!, sufV[j + 1]!, this.workU);
          segmentV = concatSegmentsInto(p, preV[j + 1]!, sufU[i]!, this.workV);
      }
      const newCost = routeCost(p, this.penalties, segmentU, newLengthU === 0) + routeCost(p, this.penalties, segmentV, newLengthV === 0);
      if (newCost > oldCost - EPSILON) return false;
    }
    const u = RU[i]!;
    const x = RU[i + 1] ?? 0;
    const v = RV[j] ?? 0;
    const y = RV[j + 1] ?? 0;
    let newU: number[];
    let newV: number[];
    switch (kind) {
      case MOVE_RELOCATE_AFTER:
        newU = [...RU.slice(0, i), ...RU.slice(i + 1)];
        newV = [...RV.slice(0, j + 1), u, ...RV.slice(j + 1)];
        break;
      case MOVE_RELOCATE_BEFORE:
        newU = [...RU.slice(0, i), ...RU.slice(i + 1)];
        newV = [...RV.slice(0, j), u, ...RV.slice(j)];
        break;
      case MOVE_RELOCATE_PAIR:
        newU = [...RU.slice(0, i), ...RU.slice(i + 2)];
        newV = [...RV.slice(0, j + 1), u, x, ...RV.slice(j + 1)];
        break;
      case MOVE_RELOCATE_PAIR_REVERSED:
        newU = [...RU.slice(0, i), ...RU.slice(i + 2)];
        newV = [...RV.slice(0, j + 1), x, u, ...RV.slice(j + 1)];
        break;
      case MOVE_SWAP:
        newU = [...RU.slice(0, i), v, ...RU.slice(i + 1)];
        newV = [...RV.slice(0, j), u, ...RV.slice(j + 1)];
        break;
      case MOVE_SWAP_PAIR_SINGLE:
        newU = [...RU.slice(0, i), v, ...RU.slice(i + 2)];
        newV = [...RV.slice(0, j), u, x, ...RV.slice(j + 1)];
        break;
      case MOVE_SWAP_PAIRS:
        newU = [...RU.slice(0, i), v, y, ...RU.slice(i + 2)];
        newV = [...RV.slice(0, j), u, x, ...RV.slice(j + 2)];
        break;
      case MOVE_TWO_OPT_STAR:
        newU = [...RU.slice(0, i + 1), ...RV.slice(j + 1)];
        newV = [...RV.slice(0, j + 1), ...RU.slice(i + 1)];
        break;
      default:
        newU = [...RU.slice(0, i), ...RV.slice(j + 1)];
        newV = [...RV.slice(0, j + 1), ...RU.slice(i)];
    }
    this.routes[ru] = newU;
    this.routes[rv] = newV;
    this.moveCount++;
    this.updateRoute(ru);
    this.updateRoute(rv);
    return true;
  }

  private tryInterRoute(u: number, v: number): boolean {
    const p = this.problem;
    const n = p.n;
    const dist = p.dist;
    const q = p.demand;
    const ru = this.routeOf[u]!;
    const rv = this.routeOf[v]!;
    const RU = this.routes[ru]!;
    const RV = this.routes[rv]!;
    const i = this.positionOf[u]!;
    const j = this.positionOf[v]!;
    const lu = RU.length;
    const lv = RV.length;
    const pu = i > 0 ? RU[i - 1]! : 0;
    const x = i + 1 < lu ? RU[i + 1]! : 0;
    const xx = i + 2 < lu ? RU[i + 2]! : 0;
    const pv = j > 0 ? RV[j - 1]! : 0;
    const y = j + 1 < lv ? RV[j + 1]! : 0;
    const yy = j + 2 < lv ? RV[j + 2]! : 0;
    const loadU = this.load[ru]!;
    const dPuU = dist[pu * n + u]!;
    const dUX = dist[u * n + x]!;
    const dPuX = dist[pu * n + x]!;
    const dVY = dist[v * n + y]!;
    const dPvV = dist[pv * n + v]!;
    const removeU = dPuX - dPuU - dUX;

    if (this.tryMove(MOVE_RELOCATE_AFTER, ru, rv, i, j, removeU + dist[v * n + u]! + dist[u * n + y]! - dVY, loadU - q[u]!, lu - 1, lv + 1)) return true;
    if (this.tryMove(MOVE_RELOCATE_BEFORE, ru, rv, i, j, removeU + dist[pv * n + u]! + dist[u * n + v]! - dPvV, loadU - q[u]!, lu - 1, lv + 1)) return true;
    if (x !== 0) {
      const dXXx = dist[x * n + xx]!;
      const removePair = dist[pu * n + xx]! - dPuU - dXXx;
      if (this.tryMove(MOVE_RELOCATE_PAIR, ru, rv, i, j, removePair + dist[v * n + u]! + dist[x * n + y]! - dVY, loadU - q[u]! - q[x]!, lu - 2, lv + 2)) return true;
      if (this.tryMove(MOVE_RELOCATE_PAIR_REVERSED, ru, rv, i, j, removePair - dUX + dist[v * n + x]! + dist[x * n + u]! + dist[u * n + y]! - dVY, loadU - q[u]! - q[x]!, lu - 2, lv + 2)) return true;
    }
    if (this.tryMove(MOVE_SWAP, ru, rv, i, j, dist[pu * n + v]! + dist[v * n + x]! - dPuU - dUX + dist[pv * n + u]! + dist[u * n + y]! - dPvV - dVY, loadU - q[u]! + q[v]!, lu, lv)) return true;
    if (x !== 0) {
      const dXXx = dist[x * n + xx]!;
      if (this.tryMove(MOVE_SWAP_PAIR_SINGLE, ru, rv, i, j, dist[pu * n + v]! + dist[v * n + xx]! - dPuU - dXXx + dist[pv * n + u]! + dist[x * n + y]! - dPvV - dVY, loadU - q[u]! - q[x]! + q[v]!, lu - 1, lv + 1)) return true;
      if (y !== 0 && this.tryMove(MOVE_SWAP_PAIRS, ru, rv, i, j, dist[pu * n + v]! + dist[y * n + xx]! - dPuU - dXXx + dist[pv * n + u]! + dist[x * n + yy]! - dPvV - dist[y * n + yy]!, loadU - q[u]! - q[x]! + q[v]! + q[y]!, lu, lv)) return true;
    }
    if (this.tryMove(MOVE_TWO_OPT_STAR, ru, rv, i, j, dist[u * n + y]! + dist[v * n + x]! - dUX - dVY, this.prefixLoad[ru]![i + 1]! + this.load[rv]! - this.prefixLoad[rv]![j + 1]!, i + 1 + (lv - j - 1), j + 1 + (lu - i - 1))) return true;
    if (this.tryMove(MOVE_TWO_OPT_STAR_REVERSED_ROLE, ru, rv, i, j, dist[v * n + u]! + dist[pu * n + y]! - dPuU - dVY, this.prefixLoad[ru]![i]! + this.load[rv]! - this.prefixLoad[rv]![j + 1]!, i + (lv - j - 1), j + 1 + (lu - i))) return true;
    return false;
  }

  /** Applies a rebuilt sequence for route r (intra-route move) when it lowers the penalised cost. */
  private tryRoute(r: number, candidate: number[]): boolean {
    const newCost = this.sequenceCost(candidate);
    if (newCost > this.cost[r]! - EPSILON) return false;
    this.routes[r] = candidate;
    this.moveCount++;
    this.updateRoute(r);
    return true;
  }

  /** Penalised cost of a non-empty customer sequence as one route. */
  private sequenceCost(sequence: number[]): number {
    const p = this.problem;
    if (p.hasTimeWindows) return routeCost(p, this.penalties, evaluateRoute(p, sequence), false);
    let distance = 0;
    let load = 0;
    let previous = 0;
    for (let k = 0; k < sequence.length; k++) {
      const c = sequence[k]!;
      distance += p.dist[previous * p.n + c]!;
      load += p.demand[c]!;
      previous = c;
    }
    distance += p.dist[previous * p.n]!;
    return p.searchFixedCost + p.costPerDistance * distance + this.penalties.capacity * Math.max(0, load - p.capacity);
  }

  /** True when a distance change cannot beat the route's penalties (valid lower bound: penalties ≥ 0). */
  private hopeless(r: number, distanceDelta: number): boolean {
    return this.problem.costPerDistance * distanceDelta - this.penaltyPart[r]! > -EPSILON;
  }

  /**
   * Intra-route move `kind` (u at i, v at j of route r, distance change `distanceDelta`), evaluated cheaply
   * before the exact check. An intra-route move keeps the load, so only time warp and duration excess can
   * fall: the bound drops the capacity penalty, and a route with time windows is then evaluated by folding
   * prefix ⊕ moved pieces ⊕ suffix segments in O(|i − j|) without allocation. Both filters are exact lower
   * bounds with a relative tolerance; a candidate that passes is confirmed by the full evaluation
   * (`tryRoute`), so the search takes exactly the decisions of the full evaluation alone.
   */
  private tryIntraMove(r: number, kind: number, i: number, j: number, distanceDelta: number): boolean {
    if (this.hopeless(r, distanceDelta)) return false;
    const p = this.problem;
    const cost = this.cost[r]!;
    const threshold = cost - EPSILON + 1e-9 * (1 + Math.abs(cost));
    // Cost if the move removed all the route's time warp and duration excess (the load, hence its penalty, stays).
    const bestCase = cost + p.costPerDistance * distanceDelta - (this.penaltyPart[r]! - this.penalties.capacity * Math.max(0, this.load[r]! - p.capacity));
    if (bestCase > threshold) return false;
    const route = this.routes[r]!;
    describeIntraRouteMove(kind, i, j, this.movePlan);
    if (p.hasTimeWindows) {
      // O(1) exact bound first: concatenation never lowers time warp or duration, so the untouched prefix and
      // suffix keep theirs (a violation away from the moved customers stays).
      const head = this.prefix[r]![this.movePlan[0]!]!;
      const tail = this.suffix[r]![this.movePlan[1]!]!;
      const kept = this.penalties.timeWarp * (head.timeWarp + tail.timeWarp) + this.penalties.duration * Math.max(0, head.duration + tail.duration - p.maxDuration);
      if (bestCase + kept > threshold) return false;
      const segment = foldIntraRouteMove(p, route, this.prefix[r]!, this.suffix[r]!, this.movePlan, this.workSegment);
      if (routeCost(p, this.penalties, segment, false) > threshold) return false;
    }
    return this.tryRoute(r, applyIntraRouteMove(route, this.movePlan));
  }

  private tryIntraRoute(u: number, v: number): boolean {
    const p = this.problem;
    const r = this.routeOf[u]!;
    const route = this.routes[r]!;
    const i = this.positionOf[u]!;
    const j = this.positionOf[v]!;
    const length = route.length;
    const d = this.distance;
    const pu = i > 0 ? route[i - 1]! : 0;
    const x = i + 1 < length ? route[i + 1]! : 0;
    const pv = j > 0 ? route[j - 1]! : 0;
    const y = j + 1 < length ? route[j + 1]! : 0;
    const removeU = d(pu, x) - d(pu, u) - d(u, x);
    if (v !== pu && this.tryIntraMove(r, INTRA_RELOCATE_AFTER, i, j, removeU + d(v, u) + d(u, y) - d(v, y))) return true;
    if (v !== x && this.tryIntraMove(r, INTRA_RELOCATE_BEFORE, i, j, removeU + d(pv, u) + d(u, v) - d(pv, v))) return true;
    if (x !== 0 && v !== x && v !== pu) {
      const xx = i + 2 < length ? route[i + 2]! : 0;
      if (this.tryIntraMove(r, INTRA_RELOCATE_PAIR_AFTER, i, j, d(pu, xx) - d(pu, u) - d(x, xx) + d(v, u) + d(x, y) - d(v, y))) return true;
    }
    // Swap u and v (not adjacent: relocations cover adjacent pairs).
    if (v !== x && v !== pu && this.tryIntraMove(r, INTRA_SWAP, i, j, d(pu, v) + d(v, x) - d(pu, u) - d(u, x) + d(pv, u) + d(u, y) - d(pv, v) - d(v, y))) return true;
    // 2-opt: reverse the part between u and v so that u and v become adjacent (symmetric distances only).
    if (p.symmetric) {
      const delta = i < j ? d(u, v) + d(x, y) - d(u, x) - d(v, y) : d(v, u) + d(y, x) - d(v, y) - d(u, x);
      if (this.tryIntraMove(r, INTRA_TWO_OPT, i, j, delta)) return true;
    }
    return false;
  }

  /** Moves u alone into an empty route when that is better (opens a vehicle). */
  private tryEmptyRoute(u: number): boolean {
    const empty = this.routes.findIndex((route) => route.length === 0);
    if (empty < 0) return false;
    const ru = this.routeOf[u]!;
    const RU = this.routes[ru]!;
    const i = this.positionOf[u]!;
    const pu = i > 0 ? RU[i - 1]! : 0;
    const x = i + 1 < RU.length ? RU[i + 1]! : 0;
    const distanceDelta = this.d(pu, x) - this.d(pu, u) - this.d(u, x) + this.d(0, u) + this.d(u, 0);
    return this.tryMove(MOVE_RELOCATE_BEFORE, ru, empty, i, 0, distanceDelta, this.load[ru]! - this.problem.demand[u]!, RU.length - 1, 1);
  }

  /** For each node of `from`, its three cheapest insertion positions in `into` (position k: before into[k]). */
  private bestInsertions(from: number[], into: number[]): { position: number; cost: number }[][] {
    const d = this.distance;
    return from.map((u) => {
      let c0 = Number.POSITIVE_INFINITY, c1 = Number.POSITIVE_INFINITY, c2 = Number.POSITIVE_INFINITY;
      let p0 = -1, p1 = -1, p2 = -1;
      for (let k = 0; k <= into.length; k++) {
        const a = k > 0 ? into[k - 1]! : 0;
        const b = k < into.length ? into[k]! : 0;
        const cost = d(a, u) + d(u, b) - d(a, b);
        if (cost < c0) {
          c2 = c1; p2 = p1; c1 = c0; p1 = p0; c0 = cost; p0 = k;
        } else if (cost < c1) {
          c2 = c1; p2 = p1; c1 = cost; p1 = k;
        } else if (cost < c2) {
          c2 = cost; p2 = k;
        }
      }
      const top = [{ position: p0, cost: c0 }];
      if (p1 >= 0) top.push({ position: p1, cost: c1 });
      if (p2 >= 0) top.push({ position: p2, cost: c2 });
      return top;
    });
  }
}

/** Smallest circular sector [start, start + width] (radians) that holds the angles of a route's customers. */
type Sector = { start: number; width: number };

const TWO_PI = 2 * Math.PI;
const positiveModulo = (value: number): number => ((value % TWO_PI) + TWO_PI) % TWO_PI;

function sectorOf(route: number[], angle: Float64Array): Sector {
  if (route.length === 0) return { start: 0, width: 0 };
  let start = positiveModulo(angle[route[0]!]!);
  let width = 0;
  for (let k = 1; k < route.length; k++) {
    const a = positiveModulo(angle[route[k]!]!);
    const offset = positiveModulo(a - start);
    if (offset <= width) continue;
    // Extend on the cheaper side: forward to a, or backward so that the sector starts at a.
    const forward = offset;
    const backward = width + positiveModulo(start - a);
    if (forward <= backward) width = forward;
    else {
      width = backward;
      start = a;
    }
  }
  return { start, width };
}

function sectorsOverlap(a: Sector, b: Sector): boolean {
  return positiveModulo(b.start - a.start) <= a.width || positiveModulo(a.start - b.start) <= b.width;
}

const MOVE_RELOCATE_AFTER = 0;
const MOVE_RELOCATE_BEFORE = 1;
const MOVE_RELOCATE_PAIR = 2;
const MOVE_RELOCATE_PAIR_REVERSED = 3;
const MOVE_SWAP = 4;
const MOVE_SWAP_PAIR_SINGLE = 5;
const MOVE_SWAP_PAIRS = 6;
const MOVE_TWO_OPT_STAR = 7;
const MOVE_TWO_OPT_STAR_REVERSED_ROLE = 8;

export const INTRA_RELOCATE_AFTER = 0;
export const INTRA_RELOCATE_BEFORE = 1;
export const INTRA_RELOCATE_PAIR_AFTER = 2;
export const INTRA_SWAP = 3;
export const INTRA_TWO_OPT = 4;

/** head, tail, then up to 3 pieces of (first position, count, step ±1). */
export const INTRA_PLAN_LENGTH = 11;

/**
 * The route after an intra-route move of u (position i) with v (position j), as route[0, head) + pieces +
 * route[tail, end), written into `plan`: relocate u after / before v, relocate (u, next) after v, swap u and v
 * (not adjacent), 2-opt (reverse the part between them so that u and v become adjacent).
 */
export function describeIntraRouteMove(kind: number, i: number, j: number, plan: Int32Array): void {
  plan.fill(0);
  const a = Math.min(i, j);
  const b = Math.max(i, j);
  switch (kind) {
    case INTRA_RELOCATE_AFTER:
      if (i < j) setPlan(plan, i, j + 1, i + 1, j - i, i, 1);
      else setPlan(plan, j + 1, i + 1, i, 1, j + 1, i - j - 1);
      break;
    case INTRA_RELOCATE_BEFORE:
      if (i < j) setPlan(plan, i, j, i + 1, j - i - 1, i, 1);
      else setPlan(plan, j, i + 1, i, 1, j, i - j);
      break;
    case INTRA_RELOCATE_PAIR_AFTER:
      if (i < j) setPlan(plan, i, j + 1, i + 2, j - i - 1, i, 2);
      else setPlan(plan, j + 1, i + 2, i, 2, j + 1, i - j - 1);
      break;
    case INTRA_SWAP:
      setPlan(plan, a, b + 1, b, 1, a + 1, b - a - 1);
      plan[8] = a;
      plan[9] = 1;
      plan[10] = 1;
      break;
    default:
      setPlan(plan, a + 1, b + 1, b, b - a);
      plan[4] = -1;
  }
}

/** head, tail and up to two forward pieces (first position, count). */
function setPlan(plan: Int32Array, head: number, tail: number, first1: number, count1: number, first2 = 0, count2 = 0): void {
  plan[0] = head;
  plan[1] = tail;
  plan[2] = first1;
  plan[3] = Math.max(0, count1);
  plan[4] = 1;
  plan[5] = first2;
  plan[6] = Math.max(0, count2);
  plan[7] = 1;
}

/** The customer sequence a plan describes. */
export function applyIntraRouteMove(route: readonly number[], plan: Int32Array): number[] {
  const result = route.slice(0, plan[0]!);
  for (let piece = 2; piece < INTRA_PLAN_LENGTH; piece += 3) {
    for (let k = 0, position = plan[piece]!; k < plan[piece + 1]!; k++, position += plan[piece + 2]!) result.push(route[position]!);
  }
  for (let k = plan[1]!; k < route.length; k++) result.push(route[k]!);
  return result;
}

/** prefix[head] ⊕ pieces ⊕ suffix[tail] folded into `out`: the whole new route's segment in O(Σ piece lengths). */
export function foldIntraRouteMove(
  m: SegmentMatrices & { nodeSegments: Segment[] },
  route: readonly number[],
  prefix: readonly Segment[],
  suffix: readonly Segment[],
  plan: Int32Array,
  out: Segment,
): Segment {
  copySegment(prefix[plan[0]!]!, out);
  for (let piece = 2; piece < INTRA_PLAN_LENGTH; piece += 3) {
    for (let k = 0, position = plan[piece]!; k < plan[piece + 1]!; k++, position += plan[piece + 2]!) {
      concatSegmentsInto(m, out, m.nodeSegments[route[position]!]!, out);
    }
  }
  return concatSegmentsInto(m, out, suffix[plan[1]!]!, out);
}

function emptySegment(): Segment {
  return { first: 0, last: 0, duration: 0, timeWarp: 0, earliest: 0, latest: 0, load: 0, distance: 0 };
}

function copySegment(from: Segment, to: Segment): void {
  to.first = from.first;
  to.last = from.last;
  to.duration = from.duration;
  to.timeWarp = from.timeWarp;
  to.earliest = from.earliest;
  to.latest = from.latest;
  to.load = from.load;
  to.distance = from.distance;
}

/** Fisher–Yates shuffle with the seeded generator. */
export function shuffle(values: { length: number; [index: number]: number }, random: RandomSource): void {
  for (let k = values.length - 1; k > 0; k--) {
    const other = random.nextInt(0, k + 1);
    const tmp = values[k]!;
    values[k] = values[other]!;
    values[other] = tmp;
  }
}
