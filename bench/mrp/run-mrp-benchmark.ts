// MRP benchmark: regenerative run and one-item net change on seeded synthetic models
// (5 BOM levels, about 3 lines per parent, 52 weekly buckets).
// Usage: npx tsx bench/mrp/run-mrp-benchmark.ts [10000 100000 1000000] [--pegging]
// Each size runs in its own child process so that peak memory (max RSS) belongs to that size only.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { applyMrpNetChange, compileMrpModel, createRandom, generateMrpModel, pegMrpPlan, planCompiledMrpModel } from '@flowpilot/core';

type Row = {
  items: number;
  bomLines: number;
  demands: number;
  generateMs: number;
  compileMs: number;
  compileCpuMs: number;
  planMs: number;
  planCpuMs: number;
  plannedOrders: number;
  messages: number;
  exceptions: number;
  netChangeMedianMs: number;
  netChangeMaxMs: number;
  netChangeMedianItems: number;
  netChangeMaxItems: number;
  peggingMs: number | null;
  peakRssMb: number;
};

function measure(items: number, withPegging: boolean): Row {
  let started = performance.now();
  const input = generateMrpModel({ itemCount: items, levels: 5, linesPerParent: 3, horizonPeriods: 52, seed: 2026 });
  const generateMs = performance.now() - started;
  // Collect the generator's garbage first so the timings below belong to MRP alone.
  (globalThis as { gc?: () => void }).gc?.();
  // CPU time (user + system) next to wall time: the shared 2-core box is often busy with other work.
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  started = performance.now();
  let cpu = process.cpuUsage();
  const model = compileMrpModel(input);
  const compileMs = performance.now() - started;
  const compileCpuMs = cpuMs(cpu);
  started = performance.now();
  cpu = process.cpuUsage();
  const plan = planCompiledMrpModel(model);
  const planMs = performance.now() - started;
  const planCpuMs = cpuMs(cpu);
  // One-item net change: new demand on a random item (any level), re-planned in place, 21 times.
  const random = createRandom(7);
  const times: number[] = [];
  const replanned: number[] = [];
  let current = plan;
  for (let k = 0; k < 21; k++) {
    const item = input.items[random.nextInt(0, input.items.length)]!;
    const t0 = performance.now();
    const result = applyMrpNetChange(current, [{ itemId: item.id, demands: [{ id: `nc-${k}`, period: random.nextInt(10, 52), quantity: random.nextInt(1, 100) }] }], { inPlace: true });
    times.push(performance.now() - t0);
    replanned.push(result.replannedItemIds.length);
    current = result.plan;
  }
  times.sort((a, b) => a - b);
  replanned.sort((a, b) => a - b);
  let peggingMs: number | null = null;
  if (withPegging) {
    const t0 = performance.now();
    pegMrpPlan(current);
    peggingMs = performance.now() - t0;
  }
  return {
    items,
    bomLines: input.bomLines?.length ?? 0,
    demands: input.demands?.length ?? 0,
    generateMs,
    compileMs,
    compileCpuMs,
    planMs,
    planCpuMs,
    plannedOrders: plan.plannedOrderCount,
    messages: plan.actionMessageCount,
    exceptions: plan.exceptionCount,
    netChangeMedianMs: times[10]!,
    netChangeMaxMs: times[20]!,
    netChangeMedianItems: replanned[10]!,
    netChangeMaxItems: replanned[20]!,
    peggingMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  process.stdout.write(JSON.stringify(measure(Number(args[1]), args[2] === 'pegging')));
} else {
  const withPegging = args.includes('--pegging');
  const sizes = args.filter((a) => !a.startsWith('--')).map(Number);
  const rows: Row[] = [];
  for (const size of sizes.length > 0 ? sizes : [10_000, 100_000]) {
    const out = execFileSync(process.execPath, ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), '--child', String(size), withPegging ? 'pegging' : 'none'], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    rows.push(JSON.parse(out) as Row);
  }
  const f = (v: number | null, digits = 0): string => (v === null ? '–' : v.toFixed(digits));
  console.log('| items | BOM lines | demands | compile ms wall (CPU) | plan ms wall (CPU) | regenerative ms wall (CPU) | planned orders | messages | exceptions | one-item net change ms median / max (items re-planned median / max) | pegging ms | peak RSS MB |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.items} | ${r.bomLines} | ${r.demands} | ${f(r.compileMs)} (${f(r.compileCpuMs)}) | ${f(r.planMs)} (${f(r.planCpuMs)}) | ${f(r.compileMs + r.planMs)} (${f(r.compileCpuMs + r.planCpuMs)}) | ${r.plannedOrders} | ${r.messages} | ${r.exceptions} | ${f(r.netChangeMedianMs, 2)} / ${f(r.netChangeMaxMs, 2)} (${r.netChangeMedianItems} / ${r.netChangeMaxItems}) | ${f(r.peggingMs)} | ${f(r.peakRssMb)} |`,
    );
  }
  const { loadavg, cpus } = await import('node:os');
  console.log(`\nNode ${process.version}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, load average ${loadavg()[0]!.toFixed(1)} at the end; one process per size, single-threaded; generation of the model not timed.`);
}
