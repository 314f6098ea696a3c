// Pick-route benchmark: S-shape and largest gap against the exact Ratliff–Rosenthal optimum on random single-block
// instances (uniform pick positions, depot at the front of the leftmost aisle), as in the experiments reviewed by
// de Koster, Le-Duc & Roodbergen (2007). Run: npx tsx bench/warehouse/run-pick-routes.ts [instancesPerRow]
import { createRandom, planPickRoute, type PickRouteInput, type PickRouteMethod } from '@flowpilot/core';

const instancesPerRow = Number(process.argv[2] ?? 200);
const methods: PickRouteMethod[] = ['s-shape', 'largest-gap', 'optimal'];
const rows: string[] = [];
rows.push('| aisles | picks | instances | S-shape m (gap) | largest gap m (gap) | optimal m | ms per optimal route |');
rows.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const aisleCount of [5, 10, 20]) {
  for (const pickCount of [5, 15, 30, 60]) {
    const random = createRandom(1000 * aisleCount + pickCount);
    const totals: Record<PickRouteMethod, number> = { 's-shape': 0, 'largest-gap': 0, optimal: 0 };
    let optimalMs = 0;
    for (let instance = 0; instance < instancesPerRow; instance += 1) {
      const input: PickRouteInput = {
        aisleCount,
        aisleLengthM: 30,
        aisleSpacingM: 4,
        depotAisleIndex: 0,
        picks: Array.from({ length: pickCount }, (_, i) => ({ id: `p${i}`, aisleIndex: random.nextInt(0, aisleCount), positionM: Math.round(random.next() * 300) / 10 })),
      };
      for (const method of methods) {
        const started = performance.now();
        const route = planPickRoute(input, method);
        if (method === 'optimal') optimalMs += performance.now() - started;
        totals[method] += route.distanceM;
      }
    }
    const mean = (method: PickRouteMethod): number => totals[method] / instancesPerRow;
    const gap = (method: PickRouteMethod): string => `${(100 * (mean(method) / mean('optimal') - 1)).toFixed(1)} %`;
    rows.push(`| ${aisleCount} | ${pickCount} | ${instancesPerRow} | ${mean('s-shape').toFixed(1)} (+${gap('s-shape')}) | ${mean('largest-gap').toFixed(1)} (+${gap('largest-gap')}) | ${mean('optimal').toFixed(1)} | ${(optimalMs / instancesPerRow).toFixed(2)} |`);
  }
}
console.log('Aisles 30 m long, 4 m apart; depot at the front of aisle 1; mean walked distance per route.\n');
console.log(rows.join('\n'));
