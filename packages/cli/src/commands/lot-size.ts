import { LOT_SIZING_METHODS, planLotSizes, type LotSizingInput, type LotSizingMethod } from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import type { CommandRegistration } from './index';
import { readJsonObjectFileWith } from '../read-json-object-file';

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
  return readJsonObjectFileWith(path, context, { notJson: 'mrp.error.inputNotJson', notObject: 'mrp.error.inputShape' });
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
