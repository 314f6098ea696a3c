import type { RandomSource } from '../../shared/random';
import { LocalSearch, shuffle } from './local-search';
import { evaluateRoute, type Penalties, type Violations } from './penalties';
import type { Problem } from './problem';
import { splitTour } from './split';

/** A solution of the population: giant tour, its routes and what it violates. */
export type Individual = {
  tour: Int32Array;
  routes: number[][];
  distance: number;
  routeCount: number;
  violations: Violations;
  feasible: boolean;
  successor: Int32Array;
  predecessor: Int32Array;
  proximity: { distance: number; other: Individual }[];
  biasedFitness: number;
};

export type GeneticSearchSettings = {
  random: RandomSource;
  shouldStop: (iteration: number) => boolean;
  /** Share of the time budget already used (0–1); 0 when the run is limited by iterations only. */
  timeUsed: () => number;
  /** True once the wall-clock deadline has passed (always false without one): every local search stops there. */
  timeIsUp: () => boolean;
  iterationsWithoutImprovementBeforeRestart: number;
  /** Optional first individuals (e.g. a savings solution), as routes of problem indices. */
  initialRoutes: number[][][];
};

export type GeneticSearchResult = { best: Individual | null; bestInfeasible: Individual | null; iterations: number };

// HGS-CVRP parameters (Vidal 2022, Table 1).
const MIN_POPULATION = 25;
const GENERATION_SIZE = 40;
const ELITE_COUNT = 4;
const CLOSE_COUNT = 5;
const TARGET_FEASIBLE = 0.2;
const PENALTY_INCREASE = 1.2;
const PENALTY_DECREASE = 0.85;
const REPAIR_PROBABILITY = 0.5;
const PENALTY_WINDOW = 100;
const PENALTY_INCREASE_NONE_FEASIBLE = 2;

/**
 * Hybrid Genetic Search (Vidal, Crainic, Gendreau, Lahrichi & Rei 2012, Operations Research 60(3);
 * Vidal 2022): giant-tour chromosomes, OX crossover, Split, granular local search as education,
 * feasible and infeasible subpopulations, penalties adapted to keep ~20 % of offspring feasible,
 * survivors chosen by biased fitness (cost rank + diversity rank by broken-pairs distance),
 * restart after a run of iterations without improvement.
 */
export function runGeneticSearch(problem: Problem, settings: GeneticSearchSettings): GeneticSearchResult {
  const { random } = settings;
  const customerCount = problem.n - 1;
  const penalties: Penalties = {
    // HGS start value, raised so that overloading a vehicle by Q/2 costs at least one fixed vehicle cost.
    capacity: clamp(problem.maxDemand > 0 ? problem.maxDistance / problem.maxDemand : 1, 0.1, 1000) * problem.costPerDistance + (2 * problem.searchFixedCost) / problem.capacity,
    // A fixed cost per vehicle makes longer, late routes attractive: start time penalties on its scale.
    timeWarp: problem.costPerDistance + problem.searchFixedCost / 10,
    duration: problem.costPerDistance + problem.searchFixedCost / 10,
  };
  const localSearch = new LocalSearch(problem, random);
  const feasiblePopulation: Individual[] = [];
  const infeasiblePopulation: Individual[] = [];
  let best: Individual | null = null;
  let bestInfeasible: Individual | null = null;
  let iteration = 0;
  let sinceImprovement = 0;
  const capacityFeasibleHistory: boolean[] = [];
  const timeFeasibleHistory: boolean[] = [];

  const minimumSlots = problem.capacity > 0 ? Math.ceil((1.3 * problem.totalDemand) / problem.capacity) + 3 : 3;
  const slotsFor = (routes: number[][]): number => Math.min(problem.maxVehicles, Math.max(routes.length + 2, minimumSlots));
  const objectiveCost = (individual: Individual): number => problem.searchFixedCost * individual.routeCount + problem.costPerDistance * individual.distance;
  const isBetter = (a: Individual, b: Individual): boolean => {
    if (problem.objective === 'vehicles-then-distance' && a.routeCount !== b.routeCount) return a.routeCount < b.routeCount;
    return objectiveCost(a) < objectiveCost(b) - 1e-9;
  };
  const penalisedCost = (individual: Individual, weights: Penalties = penalties): number =>
    objectiveCost(individual) +
    weights.capacity * individual.violations.capacityExcess +
    weights.timeWarp * individual.violations.timeWarp +
    weights.duration * individual.violations.durationExcess;

  const makeIndividual = (routes: number[][]): Individual => {
    let distance = 0;
    const violations: Violations = { capacityExcess: 0, timeWarp: 0, durationExcess: 0 };
    const keyed = routes.map((route, index) => {
      const segment = evaluateRoute(problem, route);
      distance += segment.distance;
      violations.capacityExcess += Math.max(0, segment.load - problem.capacity);
      violations.timeWarp += segment.timeWarp;
      violations.durationExcess += Math.max(0, segment.duration - problem.maxDuration);
      let key = index;
      if (problem.angle) {
        let sx = 0;
        let sy = 0;
        for (const c of route) {
          sx += Math.cos(problem.angle[c]!);
          sy += Math.sin(problem.angle[c]!);
        }
        key = Math.atan2(sy, sx);
      }
      return { route, key, index };
    });
    keyed.sort((a, b) => a.key - b.key || a.index - b.index);
    const tour = new Int32Array(customerCount);
    const successor = new Int32Array(problem.n);
    const predecessor = new Int32Array(problem.n);
    let position = 0;
    const ordered = keyed.map((entry) => entry.route);
    for (const route of ordered) {
      for (let k = 0; k < route.length; k++) {
        tour[position++] = route[k]!;
        predecessor[route[k]!] = k === 0 ? 0 : route[k - 1]!;
        successor[route[k]!] = k === route.length - 1 ? 0 : route[k + 1]!;
      }
    }
    const feasible = violations.capacityExcess < 1e-9 && violations.timeWarp < 1e-9 && violations.durationExcess < 1e-9 && routes.length <= problem.maxVehicles;
    return { tour, routes: ordered, distance, routeCount: routes.length, violations, feasible, successor, predecessor, proximity: [], biasedFitness: 0 };
  };

  const brokenPairsDistance = (a: Individual, b: Individual): number => {
    let differences = 0;
    for (let j = 1; j < problem.n; j++) {
      if (a.successor[j] !== b.successor[j] && a.successor[j] !== b.predecessor[j]) differences++;
      if (a.predecessor[j] === 0 && b.predecessor[j] !== 0 && b.successor[j] !== 0) differences++;
    }
    return differences / Math.max(1, customerCount);
  };

  const averageCloseDistance = (individual: Individual): number => {
    const count = Math.min(CLOSE_COUNT, individual.proximity.length);
    if (count === 0) return 0;
    let sum = 0;
    for (let k = 0; k < count; k++) sum += individual.proximity[k]!.distance;
    return sum / count;
  };

  const updateBiasedFitness = (population: Individual[]): void => {
    const size = population.length;
    if (size === 0) return;
    if (size === 1) {
      population[0]!.biasedFitness = 0;
      return;
    }
    const byCost = population.map((individual, index) => ({ individual, index, cost: penalisedCost(individual) }));
    byCost.sort((a, b) => a.cost - b.cost || a.index - b.index);
    const ranked = byCost.map((entry, rank) => ({ individual: entry.individual, fitRank: rank / (size - 1), diversity: averageCloseDistance(entry.individual), rank }));
    const byDiversity = [...ranked].sort((a, b) => b.diversity - a.diversity || a.rank - b.rank);
    const eliteWeight = 1 - ELITE_COUNT / size;
    byDiversity.forEach((entry, divRank) => {
      entry.individual.biasedFitness = entry.fitRank + (size <= ELITE_COUNT ? 0 : eliteWeight * (divRank / (size - 1)));
    });
  };

  const removeWorst = (population: Individual[]): void => {
    updateBiasedFitness(population);
    let worstIndex = -1;
    let worstIsClone = false;
    let worstFitness = -1;
    population.forEach((individual, index) => {
      const isClone = (individual.proximity[0]?.distance ?? 1) < 1e-9;
      if ((isClone && !worstIsClone) || (isClone === worstIsClone && individual.biasedFitness > worstFitness)) {
        worstIndex = index;
        worstIsClone = isClone;
        worstFitness = individual.biasedFitness;
      }
    });
    const [removed] = population.splice(worstIndex, 1);
    for (const other of population) {
      const position = other.proximity.findIndex((entry) => entry.other === removed);
      if (position >= 0) other.proximity.splice(position, 1);
    }
  };

  const addIndividual = (individual: Individual): boolean => {
    const population = individual.feasible ? feasiblePopulation : infeasiblePopulation;
    for (const other of population) {
      const distance = brokenPairsDistance(individual, other);
      insertSorted(other.proximity, { distance, other: individual });
      insertSorted(individual.proximity, { distance, other });
    }
    population.push(individual);
    if (population.length >= MIN_POPULATION + GENERATION_SIZE) {
      while (population.length > MIN_POPULATION) removeWorst(population);
    }
    if (individual.feasible) {
      if (best === null || isBetter(individual, best)) {
        best = individual;
        return true;
      }
    } else if (bestInfeasible === null || penalisedCost(individual) < penalisedCost(bestInfeasible) - 1e-9) {
      bestInfeasible = individual;
    }
    return false;
  };

  const educate = (routes: number[][]): boolean => {
    const improvedRoutes = localSearch.run(routes, penalties, slotsFor(routes), settings.timeIsUp);
    const individual = makeIndividual(improvedRoutes);
    capacityFeasibleHistory.push(individual.violations.capacityExcess < 1e-9);
    timeFeasibleHistory.push(individual.violations.timeWarp < 1e-9 && individual.violations.durationExcess < 1e-9);
    // Penalties adapt after every 100 educations, the initial population's included (as HGS-CVRP's
    // sliding window does): with tight time windows and a short budget, waiting for 100 generations left
    // whole runs without one feasible offspring (R102 at 4 s, seed 1).
    if (timeFeasibleHistory.length >= PENALTY_WINDOW) adaptPenalties();
    let improved = addIndividual(individual);
    if (!individual.feasible && random.next() < REPAIR_PROBABILITY && !settings.timeIsUp()) {
      const strong: Penalties = { capacity: penalties.capacity * 10, timeWarp: penalties.timeWarp * 10, duration: penalties.duration * 10 };
      const repaired = makeIndividual(localSearch.run(individual.routes, strong, slotsFor(individual.routes), settings.timeIsUp));
      if (repaired.feasible && addIndividual(repaired)) improved = true;
    }
    return improved;
  };

  const randomTour = (): Int32Array => {
    const tour = new Int32Array(customerCount);
    for (let k = 0; k < customerCount; k++) tour[k] = k + 1;
    shuffle(tour, random);
    return tour;
  };

  const initialise = (withSeeds: boolean): void => {
    if (withSeeds) {
      for (const routes of settings.initialRoutes) {
        // A feasible construction is kept as it is too, so that a run that never meets a feasible
        // offspring (tight windows, little time) still returns a feasible plan.
        const seed = makeIndividual(routes.filter((route) => route.length > 0));
        if (seed.feasible) addIndividual(seed);
        educate(routes);
      }
    }
    // 4μ random individuals (HGS), cut short when they would eat more than 15 % of a short time budget.
    for (let k = 0; k < 4 * MIN_POPULATION && !settings.shouldStop(iteration) && !settings.timeIsUp(); k++) {
      if (k >= MIN_POPULATION && settings.timeUsed() > 0.15) break;
      educate(splitTour(problem, penalties, randomTour()));
    }
  };

  const tournament = (): Individual => {
    const all = feasiblePopulation.length + infeasiblePopulation.length;
    const pick = (): Individual => {
      const k = random.nextInt(0, all);
      return k < feasiblePopulation.length ? feasiblePopulation[k]! : infeasiblePopulation[k - feasiblePopulation.length]!;
    };
    const a = pick();
    const b = pick();
    return a.biasedFitness <= b.biasedFitness ? a : b;
  };

  const adaptPenalties = (): void => {
    const adapt = (history: boolean[], current: number): number => {
      if (history.length === 0) return current;
      const fraction = history.filter(Boolean).length / history.length;
      // A whole window without one feasible education: the penalty is far too low (tight time windows
      // priced at one distance unit per unit of lateness), so it doubles rather than creeping up by 20 %.
      if (fraction === 0) return clamp(current * PENALTY_INCREASE_NONE_FEASIBLE, 1e-3, 1e9);
      if (fraction < TARGET_FEASIBLE - 0.05) return clamp(current * PENALTY_INCREASE, 1e-3, 1e9);
      if (fraction > TARGET_FEASIBLE + 0.05) return clamp(current * PENALTY_DECREASE, 1e-3, 1e9);
      return current;
    };
    penalties.capacity = adapt(capacityFeasibleHistory, penalties.capacity);
    const timeFactor = adapt(timeFeasibleHistory, 1);
    penalties.timeWarp *= timeFactor;
    penalties.duration *= timeFactor;
    capacityFeasibleHistory.length = 0;
    timeFeasibleHistory.length = 0;
  };

  if (customerCount === 0) return { best: makeIndividual([]), bestInfeasible: null, iterations: 0 };
  initialise(true);
  while (!settings.shouldStop(iteration)) {
    iteration++;
    updateBiasedFitness(feasiblePopulation);
    updateBiasedFitness(infeasiblePopulation);
    const child = crossoverOx(tournament().tour, tournament().tour, random);
    const improved = educate(splitTour(problem, penalties, child));
    sinceImprovement = improved ? 0 : sinceImprovement + 1;
    if (sinceImprovement >= settings.iterationsWithoutImprovementBeforeRestart) {
      feasiblePopulation.length = 0;
      infeasiblePopulation.length = 0;
      sinceImprovement = 0;
      initialise(false);
    }
  }
  // Last resort when no feasible plan was met: educate the best infeasible one with growing penalties
  // and every vehicle available, within the time limit (a repair with huge penalties can run for seconds).
  if (best === null && bestInfeasible !== null) {
    for (const factor of [100, 10_000, 1_000_000]) {
      if (settings.timeIsUp()) break;
      const strong: Penalties = { capacity: penalties.capacity * factor, timeWarp: penalties.timeWarp * factor, duration: penalties.duration * factor };
      const start: Individual = bestInfeasible;
      const repaired = makeIndividual(localSearch.run(start.routes, strong, Math.min(problem.maxVehicles, Math.max(start.routes.length + 2, problem.n - 1)), settings.timeIsUp));
      if (repaired.feasible) {
        best = repaired;
        break;
      }
      if (penalisedCost(repaired, strong) < penalisedCost(start, strong)) bestInfeasible = repaired;
    }
  }
  return { best, bestInfeasible, iterations: iteration };
}

/** Ordered crossover (OX, Oliver et al. 1987): a slice of parent A, the rest in parent B's order. */
export function crossoverOx(parentA: Int32Array, parentB: Int32Array, random: RandomSource): Int32Array {
  const length = parentA.length;
  const child = new Int32Array(length);
  if (length === 0) return child;
  const start = random.nextInt(0, length);
  let end = random.nextInt(0, length);
  while (length > 1 && end === start) end = random.nextInt(0, length);
  const taken = new Set<number>();
  let position = start;
  while (true) {
    child[position] = parentA[position]!;
    taken.add(parentA[position]!);
    if (position === end) break;
    position = (position + 1) % length;
  }
  let write = (end + 1) % length;
  for (let k = 1; k <= length; k++) {
    const gene = parentB[(end + k) % length]!;
    if (taken.has(gene)) continue;
    child[write] = gene;
    write = (write + 1) % length;
  }
  return child;
}

function insertSorted(list: { distance: number; other: Individual }[], entry: { distance: number; other: Individual }): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]!.distance <= entry.distance) low = mid + 1;
    else high = mid;
  }
  list.splice(low, 0, entry);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
