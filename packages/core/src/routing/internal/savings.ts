import { evaluateRoute } from './penalties';
import type { Problem } from './problem';

/**
 * Clarke & Wright (1964) parallel savings: start with one route per customer, then merge route ends in
 * decreasing order of saving s_ij = d(i,0) + d(0,j) − d(i,j) while the merged route stays feasible
 * (capacity, time windows without time warp, duration). Routes may be reversed only without time windows.
 * Gives the search a good feasible start; ties broken by (i, j) for determinism.
 */
export function buildSavingsRoutes(problem: Problem): number[][] {
  const { n } = problem;
  const routeOf = new Int32Array(n);
  const routes: (number[] | null)[] = [null];
  const load: number[] = [0];
  for (let c = 1; c < n; c++) {
    routes.push([c]);
    load.push(problem.demand[c]!);
    routeOf[c] = c;
  }
  const d = (a: number, b: number): number => problem.dist[a * n + b]!;
  const savings: { i: number; j: number; value: number }[] = [];
  for (let i = 1; i < n; i++) {
    for (let j = 1; j < n; j++) {
      if (i === j) continue;
      const value = d(i, 0) + d(0, j) - d(i, j);
      if (value > 0) savings.push({ i, j, value });
    }
  }
  savings.sort((a, b) => b.value - a.value || a.i - b.i || a.j - b.j);
  const feasible = (route: number[], routeLoad: number): boolean => {
    if (routeLoad > problem.capacity + 1e-9) return false;
    if (!problem.hasTimeWindows) return true;
    const segment = evaluateRoute(problem, route);
    return segment.timeWarp < 1e-9 && segment.duration <= problem.maxDuration + 1e-9;
  };
  for (const { i, j } of savings) {
    const ri = routeOf[i]!;
    const rj = routeOf[j]!;
    if (ri === rj) continue;
    let a = routes[ri]!;
    let b = routes[rj]!;
    if (a[a.length - 1] !== i) {
      if (problem.hasTimeWindows || a[0] !== i) continue;
      a = [...a].reverse();
    }
    if (b[0] !== j) {
      if (problem.hasTimeWindows || b[b.length - 1] !== j) continue;
      b = [...b].reverse();
    }
    const merged = [...a, ...b];
    const mergedLoad = load[ri]! + load[rj]!;
    if (!feasible(merged, mergedLoad)) continue;
    routes[ri] = merged;
    load[ri] = mergedLoad;
    routes[rj] = null;
    for (const c of b) routeOf[c] = ri;
  }
  return routes.filter((route): route is number[] => route !== null && route.length > 0);
}
