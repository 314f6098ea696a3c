import { writeFileSync } from 'node:fs';
import {
  PICK_ROUTE_METHODS,
  buildWarehouseLayout,
  planPickRoute,
  toPickLocationId,
  toWarehouseSvg,
  type PickRouteInput,
  type PickRouteMethod,
} from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson } from '../cli-context';
import { readTransportJsonFile } from './transport';
import type { CommandRegistration } from './index';

/** `flowpilot pick-route --input <file.json> [--method s-shape|largest-gap|optimal] [--svg out.svg] [--json]`. */
export const registerPickRouteCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  program
    .command('pick-route')
    .description(t('pickRoute.description'))
    .requiredOption('-i, --input <file>', t('pickRoute.option.input'))
    .option('-m, --method <method>', t('pickRoute.option.method'), 'optimal')
    .option('--svg <file>', t('pickRoute.option.svg'))
    .option('--json', t('cli.option.json'))
    .action((options: { input: string; method: string; svg?: string; json?: boolean }) => {
      const method = options.method as PickRouteMethod;
      if (!PICK_ROUTE_METHODS.includes(method)) throw new CliError(EXIT_CODES.usage, t('pickRoute.error.method', { value: options.method }));
      const input = readTransportJsonFile(options.input, context) as unknown as PickRouteInput & { baysPerAisle?: number };
      const route = planPickRoute(input, method);
      const comparison = Object.fromEntries(PICK_ROUTE_METHODS.map((m) => [m, m === method ? route.distanceM : planPickRoute(input, m).distanceM])) as Record<PickRouteMethod, number>;
      if (options.svg !== undefined) {
        // The picture needs bays: one per metre of aisle unless the file says how many.
        const baysPerAisle = input.baysPerAisle ?? Math.max(1, Math.round(input.aisleLengthM));
        const bayWidthM = input.aisleLengthM / baysPerAisle;
        const layout = buildWarehouseLayout({ aisleCount: input.aisleCount, baysPerAisle, levelsPerBay: 1, bayWidthM, aisleSpacingM: input.aisleSpacingM, depotAisleIndex: input.depotAisleIndex ?? 0, pickLocationCapacityM3: 0 });
        const heat: Record<string, number> = {};
        for (const pick of input.picks) {
          const bay = Math.min(baysPerAisle, Math.max(1, Math.ceil(pick.positionM / bayWidthM)));
          const id = toPickLocationId(pick.aisleIndex, bay, 1);
          heat[id] = (heat[id] ?? 0) + 1;
        }
        writeFileSync(options.svg, toWarehouseSvg({ layout, heat, route: route.waypoints, title: `${method}: ${Math.round(route.distanceM * 100) / 100} m` }));
      }
      if (options.json) {
        printJson(context, { ...route, picks: input.picks.length, comparison, ...(options.svg === undefined ? {} : { svg: options.svg }) });
        return;
      }
      const round = (value: number): number => Math.round(value * 100) / 100;
      context.stdout(t('pickRoute.summary', {
        method, distance: round(route.distanceM), picks: input.picks.length, aisles: route.aislesEntered,
        sShape: round(comparison['s-shape']), largestGap: round(comparison['largest-gap']), optimal: round(comparison.optimal),
      }) + '\n');
      context.stdout(t('pickRoute.sequence', { sequence: route.sequence.join(' → ') }) + '\n');
      if (options.svg !== undefined) context.stdout(t('pickRoute.svgWritten', { path: options.svg }) + '\n');
    });
};
