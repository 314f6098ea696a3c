import { readFileSync } from 'node:fs';
import { LOT_SIZING_METHODS, planLotSizes, type LotSizingInput, type LotSizingMethod } from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import type { CommandRegistration } from './index';

const ALIASES: Record<string, LotSizingMethod> = {
  lfl: 'lot-for-lot',
  l4l: 'lot-for-lot',
  foq: 'fixed-quantity',
  eoq: 'economic-order-quantity',
  poq: 'period-order-quantity',
  ww: 'wagner-whitin',
  sm: 'silver-meal',
  luc: 'least-unit-cost',
  ppb: 'part-period-balancing',
};

/** Reads and parses a JSON input file: exit 4 when it is missing, 3 when it is not JSON or not an object. */
export function readJsonObjectFile(path: string, context: CliContext): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new CliError(EXIT_CODES.notFound, translate(context.language, 'error.file_not_found', { path }), { cause: error });
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'mrp.error.inputNotJson', { path, detail: (error as Error).message }), { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'mrp.error.inputShape', { path, detail: 'expected a JSON object' }));
  }
  return value as Record<string, unknown>;
}

function resolveMethod(raw: unknown, context: CliContext): LotSizingMethod {
  const name = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  const method = (ALIASES[name] ?? name) as LotSizingMethod;
  if (!LOT_SIZING_METHODS.includes(method)) {
    throw new CliError(EXIT_CODES.usage, translate(context.language, 'mrp.lotSize.error.method', { method: String(raw ?? ''), methods: LOT_SIZING_METHODS.join(', ') }));
  }
  return method;
}

/** `flowpilot lot-size --input <file.json> --method <rule> [--json]`. */
export const registerLotSizeCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  program
    .command('lot-size')
    .description(t('mrp.lotSize.description'))
    .requiredOption('-i, --input <file>', t('mrp.lotSize.option.input'))
    .option('-m, --method <rule>', t('mrp.lotSize.option.method', { methods: LOT_SIZING_METHODS.join(', ') }))
    .option('--json', t('cli.option.json'))
    .action((options: { input: string; method?: string; json?: boolean }) => {
      const file = readJsonObjectFile(options.input, context);
      const method = resolveMethod(options.method ?? file.method, context);
      // The core validates every field and throws CoreError (exit 3) with the bad field's path.
      const result = planLotSizes({ ...(file as unknown as LotSizingInput), method });
      if (options.json) {
        printJson(context, result);
        return;
      }
      const demand = file.demand as number[];
      context.stdout(
        t('mrp.lotSize.summary', {
          method,
          orders: result.orders.length,
          totalCost: result.totalCost,
          setup: result.setupCostTotal,
          holding: result.holdingCostTotal,
          unit: result.unitCostTotal,
        }) + '\n',
      );
      result.orderQuantities.forEach((order, period) => {
        context.stdout(t('mrp.lotSize.row', { period, demand: demand[period], order, inventory: result.endingInventory[period] }) + '\n');
      });
    });
};
