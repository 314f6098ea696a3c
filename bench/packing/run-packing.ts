// Bischoff–Ratcliff BR1–BR7 benchmark of planLoad: mean volume use per set, without and with full support.
// Usage: npx tsx bench/packing/run-packing.ts [--limit 10] [--sets 1-7] [--support both|none|full]
//        [--time-limit-seconds 5 | --max-completions 5000] [--lookahead-depth 2] [--seed 1] [--threads 2] [--svg bench/packing/sample-load.svg]
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseBischoffRatcliff, renderLoadSvg, type PackingSupportMode } from '@flowpilot/core';
import { runLoadPlanningBatch, type LoadPlanningTask } from '@flowpilot/services';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const limit = Number(arg('limit', '10'));
const [firstSet, lastSet] = arg('sets', '1-7').split('-').map(Number) as [number, number?];
const sets = Array.from({ length: (lastSet ?? firstSet) - firstSet + 1 }, (_, i) => firstSet + i);
const supportArg = arg('support', 'both');
const supports: PackingSupportMode[] = supportArg === 'both' ? ['none', 'full'] : [supportArg as PackingSupportMode];
// A work budget (greedy completions) makes the run reproducible and independent of machine load;
// without it the search stops on the wall-clock limit.
const maxCompletionsArg = arg('max-completions', '');
const maxCompletions = maxCompletionsArg === '' ? undefined : Number(maxCompletionsArg);
const timeLimitSeconds = maxCompletions === undefined ? Number(arg('time-limit-seconds', '5')) : undefined;
const seed = Number(arg('seed', '1'));
const depthArg = arg('lookahead-depth', '');
const lookaheadDepth = depthArg === '' ? undefined : Number(depthArg);
const threadCount = Number(arg('threads', String(Math.min(2, availableParallelism()))));
const svgPath = arg('svg', 'bench/packing/sample-load.svg');
const dataDir = new URL('../../../shared/data/packing/bischoff_ratcliff/', import.meta.url);

// Trivial upper bound per problem from the data set's summary: min(100 %, box volume / container volume).
const bounds = new Map<string, number>();
for (const line of readFileSync(new URL('../br_instance_summary.csv', dataDir), 'utf8').trim().split('\n').slice(1)) {
  const cells = line.split(',');
  bounds.set(`${cells[0]}#${cells[1]}`, Number(cells[10]) / 100);
}

const tasks: LoadPlanningTask[] = [];
for (const support of supports) {
  for (const set of sets) {
    const problems = parseBischoffRatcliff(readFileSync(new URL(`br${set}.txt`, dataDir), 'utf8')).slice(0, limit);
    for (const p of problems) {
      tasks.push({ name: `BR${set}#${p.problemNumber}`, input: p.input, support, seed, timeLimitSeconds, maxCompletions, lookaheadDepth, keepPlacements: set === sets[0] && p.problemNumber === 1 });
    }
  }
}

const started = performance.now();
const results = await runLoadPlanningBatch(tasks, {
  threadCount,
  onProgress: (done, total) => process.stderr.write(`\r${done}/${total} loads planned`),
});
process.stderr.write('\n');
const wallSeconds = (performance.now() - started) / 1000;

const lines: string[] = [];
const budget = maxCompletions === undefined ? `${timeLimitSeconds} s per problem` : `${maxCompletions} greedy completions per problem`;
lines.push(`Bischoff–Ratcliff, first ${limit} problem(s) per set, ${budget}, seed ${seed}, lookahead depth ${lookaheadDepth ?? 'default'}, ${threadCount} thread(s), ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0]!.toFixed(1)}; wall ${wallSeconds.toFixed(0)} s`);
lines.push('');
lines.push('| set | support | problems | mean volume use % | min % | max % | mean upper bound % | mean s / problem | invalid loads |');
lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const summary: Record<PackingSupportMode, number[]> = { none: [], full: [] };
for (const support of supports) {
  for (const set of sets) {
    const rows = results.filter((r) => r.support === support && r.name.startsWith(`BR${set}#`));
    if (rows.length === 0) continue;
    const uses = rows.map((r) => r.volumeUtilisation * 100);
    const mean = uses.reduce((a, b) => a + b, 0) / uses.length;
    summary[support].push(mean);
    const bound = rows.reduce((s, r) => s + (bounds.get(r.name) ?? 1), 0) / rows.length * 100;
    const secs = rows.reduce((s, r) => s + r.elapsedSeconds, 0) / rows.length;
    const invalid = rows.filter((r) => r.issueCount > 0).length;
    lines.push(`| BR${set} | ${support} | ${rows.length} | ${mean.toFixed(2)} | ${Math.min(...uses).toFixed(2)} | ${Math.max(...uses).toFixed(2)} | ${bound.toFixed(2)} | ${secs.toFixed(1)} | ${invalid} |`);
  }
}
for (const support of supports) {
  const m = summary[support];
  if (m.length > 0) lines.push(`| BR${sets[0]}–${sets[sets.length - 1]} | ${support} | ${m.length} sets | **${(m.reduce((a, b) => a + b, 0) / m.length).toFixed(2)}** | | | | | |`);
}
console.log(lines.join('\n'));
for (const r of results) if (r.issueCount > 0) console.log(`INVALID ${r.name} ${r.support}: ${r.firstIssue}`);

const sample = results.find((r) => r.placements && r.support === supports[supports.length - 1]) ?? results.find((r) => r.placements);
if (sample?.placements && svgPath !== 'none') {
  const task = tasks.find((t) => t.name === sample.name)!;
  const title = `${sample.name}, support ${sample.support}: ${(sample.volumeUtilisation * 100).toFixed(2)} % of the container volume, ${sample.packedCount} boxes`;
  writeFileSync(svgPath, renderLoadSvg(task.input.container, sample.placements, { title }));
  console.log(`\nSample picture: ${svgPath} (${sample.name}, support ${sample.support})`);
}
