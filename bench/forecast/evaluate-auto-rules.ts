/**
 * Design aid for `auto`: scores selection/combination rules on the member forecasts cached by
 * `cache-member-forecasts.ts` (same members, origins and test periods as `auto`), for every set
 * whose cache exists. Prints sMAPE, MASE and (M4) OWA per rule and set.
 * Run: npx tsx bench/forecast/evaluate-auto-rules.ts [--sets m3-monthly,m3-other,m4-hourly,m4-weekly]
 * [--half odd|even] [--suffix -x] (reads /tmp/auto-cache-<set><suffix>.jsonl) [--arima|--variants|…]
 */
import { existsSync, readFileSync } from 'node:fs';
import { chooseAutoCombination, computeMase, computeOwa, computeSmape, forecastNaive2 } from '@flowpilot/core';
import { MEMBER_NAMES, loadSet, type CacheSet, type CachedSeries, type MemberName } from './cache-member-forecasts';

type Rule = { name: string; pick: (s: CachedSeries, hasSeason: boolean) => number[] };

const mean = (forecasts: number[][]): number[] => forecasts[0]!.map((_, h) => forecasts.reduce((a, f) => a + f[h]!, 0) / forecasts.length);

/** Backtest sMAPE per origin of a candidate (a set of members averaged). */
type Policy = readonly number[] | ((s: CachedSeries) => number[]);
let seasonOfSet = 1;
/**
 * Origins one season apart when 1 < m ≤ H (offsets that are multiples of m), else every cached
 * origin; at most `count`.
 */
const seasonal = (count: number): Policy => (s) => {
  const first = s.origins[0]?.origin ?? 0;
  const m = seasonOfSet;
  const indices = s.origins.map((o, k) => ({ k, offset: first - o.origin })).filter(({ offset }) => !(m > 1 && m <= s.backtestHorizon) || offset % m === 0).map(({ k }) => k);
  return indices.slice(0, count);
};
function originErrors(s: CachedSeries, members: readonly MemberName[], policy: Policy): number[] {
  const originIndices = typeof policy === 'function' ? policy(s) : policy;
  return originIndices.filter((k) => k < s.origins.length).map((k) => {
    const o = s.origins[k]!;
    return computeSmape(o.actual, mean(members.map((name) => o.forecasts[name])));
  });
}
const average = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** Selection with a default candidate kept unless another beats it by more than `margin` (current auto). */
function marginRule(name: string, defaultMembers: MemberName[], singles: MemberName[], originIndices: Policy, margin: number): Rule {
  return {
    name,
    pick: (s, hasSeason) => {
      const candidates: MemberName[][] = [defaultMembers, ...singles.filter((m) => m !== 'snaive' || hasSeason).map((m) => [m])];
      if (s.origins.length === 0) return mean(defaultMembers.map((m) => s.final[m]));
      let best = 0;
      let bestValue = Infinity;
      candidates.forEach((members, i) => {
        const e = average(originErrors(s, members, originIndices));
        const value = i === 0 ? e * (1 - margin) : e;
        if (value < bestValue - 1e-12) {
          bestValue = value;
          best = i;
        }
      });
      return mean(candidates[best]!.map((m) => s.final[m]));
    },
  };
}

/**
 * Forecast pooling (Kourentzes, Barrow & Petropoulos 2019): rank the members by mean backtest
 * sMAPE, pool those within a factor (1 + tolerance) of the best, average the pool.
 */
function poolRule(name: string, members: MemberName[], originIndices: Policy, tolerance: number): Rule {
  return {
    name,
    pick: (s, hasSeason) => {
      const usable = members.filter((m) => m !== 'snaive' || hasSeason);
      if (s.origins.length === 0) return mean(usable.filter((m) => m !== 'snaive' && m !== 'naive').map((m) => s.final[m]));
      const errors = usable.map((m) => average(originErrors(s, [m], originIndices)));
      const best = Math.min(...errors);
      const pool = usable.filter((_, i) => errors[i]! <= best * (1 + tolerance) + 1e-9);
      return mean(pool.map((m) => s.final[m]));
    },
  };
}

/** Combination default; switch to a single member only when it beats the default at ≥ share of origins AND by margin on average. */
function consistentRule(name: string, defaultMembers: MemberName[], singles: MemberName[], originIndices: Policy, margin: number, share: number): Rule {
  return {
    name,
    pick: (s, hasSeason) => {
      if (s.origins.length === 0) return mean(defaultMembers.map((m) => s.final[m]));
      const base = originErrors(s, defaultMembers, originIndices);
      let best: MemberName | null = null;
      let bestValue = average(base) * (1 - margin);
      for (const m of singles.filter((x) => x !== 'snaive' || hasSeason)) {
        const e = originErrors(s, [m], originIndices);
        const wins = e.filter((v, i) => v < base[i]!).length / e.length;
        const value = average(e);
        if (wins >= share && value < bestValue) {
          bestValue = value;
          best = m;
        }
      }
      return best ? s.final[best] : mean(defaultMembers.map((m) => s.final[m]));
    },
  };
}

/** Weights ∝ 1/backtest sMAPE, shrunk towards equal weights by λ (Kourentzes et al. 2019 discuss; Stock & Watson 2004 shrinkage). */
function inverseErrorRule(name: string, members: MemberName[], originIndices: Policy, lambda: number, power = 1): Rule {
  return {
    name,
    pick: (s, hasSeason) => {
      const usable = members.filter((m) => m !== 'snaive' || hasSeason);
      if (s.origins.length === 0) return mean(usable.map((m) => s.final[m]));
      const errors = usable.map((m) => Math.max(average(originErrors(s, [m], originIndices)), 1e-6));
      const raw = errors.map((e) => 1 / e ** power);
      const total = raw.reduce((a, b) => a + b, 0);
      const weights = raw.map((w) => (1 - lambda) * (w / total) + lambda / usable.length);
      return s.final[usable[0]!]!.map((_, h) => usable.reduce((a, m, i) => a + weights[i]! * s.final[m][h]!, 0));
    },
  };
}

const all = [0, 1, 2, 3, 4, 5];
const singles = (['ets', 'theta', 'dotm', 'damped', 'snaive', 'naive'] as const).map((name): Rule => ({ name: `${name} alone`, pick: (s) => s.final[name] }));
const bestSingle = (name: string, originIndices: Policy): Rule => ({
  name,
  pick: (s, hasSeason) => {
    const usable = (['ets', 'theta', 'dotm', 'damped', 'snaive'] as const).filter((m) => m !== 'snaive' || hasSeason);
    if (s.origins.length === 0) return s.final.ets;
    const errors = usable.map((m) => average(originErrors(s, [m], originIndices)));
    return s.final[usable[errors.indexOf(Math.min(...errors))]!];
  },
});
/**
 * Weighted combination of the smoothing members (weights ∝ 1/(backtest sMAPE)^power, shrunk by λ to
 * equal), replaced by seasonal naive when the benchmark's backtest sMAPE is lower by more than `margin`.
 */
function weightedWithBenchmark(name: string, members: MemberName[], policy: Policy, power: number, lambda: number, margin: number, benchmark: MemberName = 'snaive', consistent: boolean | 'most' = false, trim = Infinity): Rule {
  return {
    name,
    pick: (s, hasSeason) => {
      if (s.origins.length === 0 || (typeof policy === 'function' && policy(s).length === 0)) return mean(members.map((m) => s.final[m]));
      const errors = members.map((m) => Math.max(average(originErrors(s, [m], policy)), 1e-6));
      const bestError = Math.min(...errors);
      const raw = (power === 0 ? errors.map(() => 1) : errors.map((e) => 1 / e ** power)).map((w, i) => (errors[i]! > trim * bestError ? 0 : w));
      const total = raw.reduce((a, b) => a + b, 0);
      const weights = raw.map((w) => (1 - lambda) * (w / total) + lambda / members.length);
      const combine = (forecasts: number[][]): number[] => forecasts[0]!.map((_, h) => forecasts.reduce((a, f, i) => a + weights[i]! * f[h]!, 0));
      if (hasSeason || benchmark !== 'snaive') {
        const indices = typeof policy === 'function' ? policy(s) : policy.filter((k) => k < s.origins.length);
        const combErr = average(indices.map((k) => computeSmape(s.origins[k]!.actual, combine(members.map((m) => s.origins[k]!.forecasts[m])))));
        const benchErr = average(originErrors(s, [benchmark], policy));
        const winCount = indices.filter((k) => computeSmape(s.origins[k]!.actual, s.origins[k]!.forecasts[benchmark]) < computeSmape(s.origins[k]!.actual, combine(members.map((m) => s.origins[k]!.forecasts[m])))).length;
        const wins = consistent === 'most' ? winCount * 4 >= indices.length * 3 : indices.every((k) => computeSmape(s.origins[k]!.actual, s.origins[k]!.forecasts[benchmark]) < computeSmape(s.origins[k]!.actual, combine(members.map((m) => s.origins[k]!.forecasts[m]))));
        if (margin < 1 && benchErr < combErr * (1 - margin) && (!consistent || wins)) return s.final[benchmark];
      }
      return combine(members.map((m) => s.final[m]));
    },
  };
}
const full3: MemberName[] = ['ets', 'theta', 'dotm'];
const full4: MemberName[] = ['ets', 'theta', 'dotm', 'damped'];
const cands: MemberName[] = ['ets', 'theta', 'dotm', 'damped', 'snaive'];
const rulesOnly = process.argv.includes('--seasonal');
const seasonalRules: Rule[] = [
  ...singles.slice(0, 5),
  { name: 'mean ets+theta+dotm', pick: (s) => mean(full3.map((m) => s.final[m])) },
  { name: 'mean ets+theta+dotm+damped', pick: (s) => mean(full4.map((m) => s.final[m])) },
  ...[2, 3, 4, 6, 8].flatMap((k) => [
    bestSingle(`S${k} best single`, seasonal(k)),
    marginRule(`S${k} margin 20 % default 3`, full3, cands, seasonal(k), 0.2),
    marginRule(`S${k} margin 10 % default 3`, full3, cands, seasonal(k), 0.1),
    marginRule(`S${k} margin 20 % default 4`, full4, cands, seasonal(k), 0.2),
    marginRule(`S${k} margin 10 % default 4`, full4, cands, seasonal(k), 0.1),
    poolRule(`S${k} pool tol 20 %`, cands, seasonal(k), 0.2),
    poolRule(`S${k} pool tol 30 %`, cands, seasonal(k), 0.3),
    inverseErrorRule(`S${k} inverse sMAPE²`, cands, seasonal(k), 0, 2),
  ]),
];
const allCached = (count: number): Policy => (s) => s.origins.map((_, k) => k).slice(0, count);
const weightedRules: Rule[] = [
  { name: 'mean ets+theta+dotm', pick: (s) => mean(full3.map((m) => s.final[m])) },
  { name: 'mean ets+theta+dotm+damped', pick: (s) => mean(full4.map((m) => s.final[m])) },
  ...[2, 3, 4, 6].flatMap((k) => [
    weightedWithBenchmark(`S${k} equal 4, snaive δ 0`, full4, seasonal(k), 0, 0, 0),
    weightedWithBenchmark(`S${k} equal 4, snaive δ 10 %`, full4, seasonal(k), 0, 0, 0.1),
    weightedWithBenchmark(`S${k} equal 3, snaive δ 10 %`, full3, seasonal(k), 0, 0, 0.1),
    weightedWithBenchmark(`S${k} 1/e² 4, snaive δ 0`, full4, seasonal(k), 2, 0, 0),
    weightedWithBenchmark(`S${k} 1/e² 4, snaive δ 10 %`, full4, seasonal(k), 2, 0, 0.1),
    weightedWithBenchmark(`S${k} 1/e² 4, snaive δ 20 %`, full4, seasonal(k), 2, 0, 0.2),
    weightedWithBenchmark(`S${k} 1/e 4, snaive δ 10 %`, full4, seasonal(k), 1, 0, 0.1),
    weightedWithBenchmark(`S${k} 1/e² 4 λ .5, snaive δ 10 %`, full4, seasonal(k), 2, 0.5, 0.1),
    weightedWithBenchmark(`A${k} 1/e² 4, snaive δ 10 %`, full4, allCached(k), 2, 0, 0.1),
  ]),
];
const focused: Rule[] = [
  { name: 'mean ets+theta+dotm', pick: (s) => mean(full3.map((m) => s.final[m])) },
  ...[4, 8].flatMap((k) => {
    const weightings: [string, MemberName[], number, number][] = [['equal 3', full3, 0, 0], ['equal 4', full4, 0, 0], ['1/e² 4', full4, 2, 0], ['1/e² 4 λ.5', full4, 2, 0.5], ['1/e 4', full4, 1, 0], ['1/e² 3', full3, 2, 0]];
    const benches: [string, number, boolean][] = [['no snaive', 1, false], ['snaive δ10', 0.1, false], ['snaive δ20', 0.2, false], ['snaive all-origins δ0', 0, true], ['snaive all-origins δ10', 0.1, true]];
    return weightings.flatMap(([wn, members, power, lambda]) => benches.map(([bn, margin, consistent]) => weightedWithBenchmark(`S${k} ${wn}, ${bn}`, members, seasonal(k), power, lambda, margin, 'snaive', consistent)));
  }),
];
const powers: Rule[] = [
  { name: 'mean ets+theta+dotm', pick: (s) => mean(full3.map((m) => s.final[m])) },
  ...[3, 4, 6, 8].flatMap((k) => [1, 2, 3, 4].flatMap((power) => [0.15, 0.2].map((d) => weightedWithBenchmark(`S${k} 1/e^${power} 4, snaive δ${d}`, full4, seasonal(k), power, 0, d)))),
];
const trims: Rule[] = [
  { name: 'mean ets+theta+dotm', pick: (s) => mean(full3.map((m) => s.final[m])) },
  ...[4, 6].flatMap((k) => [1, 2].flatMap((power) => [1.25, 1.5, 2].map((t) => weightedWithBenchmark(`S${k} 1/e^${power} 4 trim ${t}, snaive δ0.2`, full4, seasonal(k), power, 0, 0.2, 'snaive', false, t)))),
  ...[4, 6].flatMap((k) => [1.25, 1.5, 2].map((t) => weightedWithBenchmark(`S${k} equal 4 trim ${t}, snaive δ0.2`, full4, seasonal(k), 0, 0, 0.2, 'snaive', false, t))),
];
const deltas: Rule[] = [
  { name: 'mean ets+theta+dotm', pick: (s) => mean(full3.map((m) => s.final[m])) },
  ...[Infinity].flatMap((t) => [0.05, 0.1, 0.15].flatMap((d) => ([false, 'most', true] as const).map((c) => weightedWithBenchmark(`S4 1/e² 4 trim ${t}, snaive δ${d} ${c === false ? '' : c === true ? 'all origins' : '≥ 3/4 origins'}`, full4, seasonal(4), 2, 0, d, 'snaive', c, t)))),
];
/** Core's chooseAutoCombination on the cached origins (seasonal policy, 4 origins) with the given members. */
function shippedRule(name: string, members: readonly MemberName[]): Rule {
  return {
    name,
    pick: (s, hasSeason) => {
      const origins = (seasonal(4) as (c: CachedSeries) => number[])(s).map((k) => {
        const o = s.origins[k]!;
        const forecasts: Record<string, number[]> = {};
        for (const member of members) forecasts[member] = o.forecasts[member];
        if (hasSeason) forecasts.snaive = o.forecasts.snaive;
        return { actual: o.actual, forecasts };
      });
      const choice = chooseAutoCombination(origins, members);
      if (choice.chosen === 'snaive') return s.final.snaive;
      return s.final.ets.map((_, h) => members.reduce((a, member, i) => a + choice.weights[i]! * s.final[member][h]!, 0));
    },
  };
}
/** The shipped rule: core's chooseAutoCombination on the cached origins (seasonal policy, 4 origins). */
const shipped = shippedRule('auto (chooseAutoCombination, 4 origins)', ['ets', 'theta', 'dotm', 'damped']);
/** `--arima`: the shipped rule with auto-ARIMA as a fifth member (or replacing one), and ARIMA alone. */
const arimaRules: Rule[] = [
  { name: 'arima alone', pick: (s) => s.final.arima },
  { name: 'ets alone', pick: (s) => s.final.ets },
  { name: 'mean ets+theta+arima', pick: (s) => mean((['ets', 'theta', 'arima'] as const).map((m) => s.final[m])) },
  shipped,
  shippedRule('shipped + arima (5 members, 1/e²)', ['ets', 'theta', 'dotm', 'damped', 'arima']),
  shippedRule('arima instead of damped', ['ets', 'theta', 'dotm', 'arima']),
  shippedRule('arima instead of dotm', ['ets', 'theta', 'damped', 'arima']),
];
const variants: Rule[] = [
  { name: 'mean ets+theta+dotm', pick: (s) => mean(full3.map((m) => s.final[m])) },
  shipped,
  weightedWithBenchmark('1/e², no snaive', full4, seasonal(4), 2, 0, 1),
  weightedWithBenchmark('1/e², snaive δ .05 all origins', full4, seasonal(4), 2, 0, 0.05, 'snaive', true),
  weightedWithBenchmark('1/e², snaive δ .2 ≥3/4', full4, seasonal(4), 2, 0, 0.2, 'snaive', 'most'),
  weightedWithBenchmark('1/e² trim 1.5, δ .05 ≥3/4', full4, seasonal(4), 2, 0, 0.05, 'snaive', 'most', 1.5),
  weightedWithBenchmark('1/e² trim 2, δ .05 ≥3/4', full4, seasonal(4), 2, 0, 0.05, 'snaive', 'most', 2),
  weightedWithBenchmark('1/e³, δ .05 ≥3/4', full4, seasonal(4), 3, 0, 0.05, 'snaive', 'most'),
  weightedWithBenchmark('1/e, δ .05 ≥3/4', full4, seasonal(4), 1, 0, 0.05, 'snaive', 'most'),
  weightedWithBenchmark('1/e² 3 members, δ .05 ≥3/4', full3, seasonal(4), 2, 0, 0.05, 'snaive', 'most'),
  weightedWithBenchmark('equal 4, δ .05 ≥3/4', full4, seasonal(4), 0, 0, 0.05, 'snaive', 'most'),
  weightedWithBenchmark('equal 3, δ .05 ≥3/4', full3, seasonal(4), 0, 0, 0.05, 'snaive', 'most'),
];
const rules: Rule[] = process.argv.includes('--arima') ? arimaRules : process.argv.includes('--variants') ? variants : process.argv.includes('--shipped') ? [{ name: 'mean ets+theta+dotm', pick: (s) => mean(full3.map((m) => s.final[m])) }, shipped] : process.argv.includes('--deltas') ? deltas : process.argv.includes('--trims') ? trims : process.argv.includes('--powers') ? powers : process.argv.includes('--focused') ? focused : process.argv.includes('--weighted') ? weightedRules : rulesOnly ? seasonalRules : [
  ...singles,
  { name: 'mean ets+snaive', pick: (s) => mean((['ets', 'snaive'] as const).map((m) => s.final[m])) },
  bestSingle('best single, origin 0', [0]),
  bestSingle('best single, origins 0,3', [0, 3]),
  bestSingle('best single, origins 0..5', all),
  bestSingle('best single, origins 0,1,2', [0, 1, 2]),
  marginRule('margin 20 %, origins 0,1,2', ['ets', 'theta', 'dotm'], ['ets', 'theta', 'dotm', 'damped', 'snaive'], [0, 1, 2], 0.2),
  marginRule('margin 20 %, origins 0,2,4', ['ets', 'theta', 'dotm'], ['ets', 'theta', 'dotm', 'damped', 'snaive'], [0, 2, 4], 0.2),
  { name: 'mean ets+theta+dotm', pick: (s) => mean((['ets', 'theta', 'dotm'] as const).map((m) => s.final[m])) },
  { name: 'mean ets+theta+dotm+damped', pick: (s) => mean((['ets', 'theta', 'dotm', 'damped'] as const).map((m) => s.final[m])) },
  { name: 'mean ets+damped', pick: (s) => mean((['ets', 'damped'] as const).map((m) => s.final[m])) },
  marginRule('current: margin 20 %, origins 0,3 (≈ step h)', ['ets', 'theta', 'dotm'], ['ets', 'theta', 'dotm', 'damped', 'snaive'], [0, 3], 0.2),
  marginRule('margin 20 %, 6 origins', ['ets', 'theta', 'dotm'], ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0.2),
  marginRule('margin 20 %, 6 origins, default +damped', ['ets', 'theta', 'dotm', 'damped'], ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0.2),
  marginRule('margin 10 %, 6 origins, default +damped', ['ets', 'theta', 'dotm', 'damped'], ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0.1),
  marginRule('margin 30 %, 6 origins, default +damped', ['ets', 'theta', 'dotm', 'damped'], ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0.3),
  marginRule('snaive-only margin 10 %, 6 origins, default 4', ['ets', 'theta', 'dotm', 'damped'], ['snaive'], all, 0.1),
  marginRule('snaive-only margin 20 %, 6 origins, default 4', ['ets', 'theta', 'dotm', 'damped'], ['snaive'], all, 0.2),
  marginRule('snaive-only margin 10 %, 6 origins, default 3', ['ets', 'theta', 'dotm'], ['snaive'], all, 0.1),
  consistentRule('consistent ≥ 5/6 origins, margin 10 %, default 4', ['ets', 'theta', 'dotm', 'damped'], ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0.1, 5 / 6),
  consistentRule('consistent all origins, margin 10 %, default 4', ['ets', 'theta', 'dotm', 'damped'], ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0.1, 1),
  consistentRule('consistent all origins, margin 0, default 4', ['ets', 'theta', 'dotm', 'damped'], ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0, 1),
  consistentRule('consistent ≥ 5/6, margin 10 %, default 3', ['ets', 'theta', 'dotm'], ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0.1, 5 / 6),
  poolRule('pool 4+snaive tol 10 %', ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0.1),
  poolRule('pool 4+snaive tol 20 %', ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0.2),
  poolRule('pool 4+snaive tol 30 %', ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0.3),
  poolRule('pool 4+snaive tol 50 %', ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0.5),
  inverseErrorRule('inverse sMAPE 4+snaive λ 0', ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0),
  inverseErrorRule('inverse sMAPE² 4+snaive λ 0', ['ets', 'theta', 'dotm', 'damped', 'snaive'], all, 0, 2),
  inverseErrorRule('inverse sMAPE 4 λ 0', ['ets', 'theta', 'dotm', 'damped'], all, 0),
  inverseErrorRule('inverse sMAPE² 4 λ 0.5', ['ets', 'theta', 'dotm', 'damped'], all, 0.5, 2),
];
void MEMBER_NAMES;

const argv = process.argv.slice(2);
const setsFlag = argv.includes('--sets') ? argv[argv.indexOf('--sets') + 1]! : 'm3-monthly,m3-other,m4-hourly,m4-weekly';
const sets = setsFlag.split(',') as CacheSet[];
const suffix = argv.includes('--suffix') ? argv[argv.indexOf('--suffix') + 1]! : '';
const maseSeason: Record<CacheSet, number> = { 'm3-monthly': 12, 'm3-other': 1, 'm4-hourly': 24, 'm4-weekly': 1 };
const header = ['rule', ...sets.map((s) => `${s} sMAPE / MASE${s.startsWith('m4') ? ' / OWA' : ''}`)];
const cells: string[][] = rules.map((r) => [r.name]);
const counts: string[] = [];
for (const set of sets) {
  const file = `/tmp/auto-cache-${set}${suffix}.jsonl`;
  if (!existsSync(file)) {
    cells.forEach((row) => row.push('–'));
    counts.push(`${set}: no cache`);
    continue;
  }
  const head = argv.includes('--head') ? Number(argv[argv.indexOf('--head') + 1]) : Infinity;
  // --half odd|even: the series at odd (1st, 3rd, …: index 0, 2, …) or even positions of the set, as run-m3/run-m4 --half.
  const half = argv.includes('--half') ? argv[argv.indexOf('--half') + 1] : undefined;
  const cached = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as CachedSeries).filter((c) => half === undefined || c.index % 2 === (half === 'odd' ? 0 : 1)).slice(0, head);
  const data = loadSet(set);
  const m = maseSeason[set];
  seasonOfSet = set === 'm3-monthly' ? 12 : set === 'm4-hourly' ? 24 : set === 'm4-weekly' ? 52 : 1;
  const hasSeason = set !== 'm3-other';
  let n2s = 0;
  let n2m = 0;
  for (const c of cached) {
    const s = data[c.index]!;
    const f = forecastNaive2({ values: s.train, horizon: s.horizon, seasonLength: m, levels: [] }).mean;
    n2s += computeSmape(s.test, f);
    n2m += computeMase(s.test, f, s.train, m);
  }
  n2s /= cached.length;
  n2m /= cached.length;
  counts.push(`${set}: ${cached.length} of ${data.length} series (naive2 ${n2s.toFixed(3)} / ${n2m.toFixed(3)})`);
  rules.forEach((rule, r) => {
    let smape = 0;
    let mase = 0;
    for (const c of cached) {
      const s = data[c.index]!;
      const f = rule.pick(c, hasSeason && s.train.length >= 2 * (set === 'm4-hourly' ? 24 : set === 'm4-weekly' ? 52 : 12));
      smape += computeSmape(s.test, f);
      mase += computeMase(s.test, f, s.train, m);
    }
    smape /= cached.length;
    mase /= cached.length;
    cells[r]!.push(`${smape.toFixed(3)} / ${mase.toFixed(3)}${set.startsWith('m4') ? ` / ${computeOwa(smape, mase, n2s, n2m).toFixed(3)}` : ''}`);
  });
}
console.log(counts.join('\n'));
console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const row of cells) console.log(`| ${row.join(' | ')} |`);
