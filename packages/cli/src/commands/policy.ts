import {
  computeEconomicOrderQuantity,
  computeEconomicOrderQuantityCost,
  computeHoldingCostRate,
  computeMinMaxPolicy,
  computeNewsvendor,
  computeNewsvendorProfit,
  computeOrderUpToPolicy,
  computeQuantityDiscountOrderQuantity,
  computeReorderPointQuantityCost,
  computeSafetyStock,
  computeSsPolicyCost,
  computeStockCoverage,
  planGuaranteedServiceSafetyStock,
  planItemPolicy,
  planReorderPointQuantity,
  planSerialBaseStock,
  planSsPolicy,
} from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson } from '../cli-context';
import type { CommandRegistration } from './index';
import { parseInventoryJson, readInventoryText, roundForOutput } from './inventory-input';

type Input = Record<string, unknown> & { model?: unknown };
// The core validates every field and throws CoreError (exit 3) with the bad field's path.
type Handler = (input: Input) => Record<string, unknown>;
const asAny = (input: Input) => input as never;

/** Every model the command accepts, with the core function that computes it. */
export const POLICY_MODELS: Record<string, Handler> = {
  eoq: (input) => (input.orderQuantity !== undefined ? computeEconomicOrderQuantityCost(asAny(input)) : computeEconomicOrderQuantity(asAny(input))),
  'eoq-backorders': (input) => POLICY_MODELS.eoq!(input),
  epq: (input) => POLICY_MODELS.eoq!(input),
  'quantity-discount': (input) => computeQuantityDiscountOrderQuantity(asAny(input)),
  newsvendor: (input) => (input.sellingPricePerUnit !== undefined ? computeNewsvendorProfit(asAny(input)) : computeNewsvendor(asAny(input))),
  'base-stock': (input) => computeNewsvendor(asAny(input)),
  's-S': (input) => (input.s !== undefined && input.S !== undefined ? computeSsPolicyCost(asAny(input)) : planSsPolicy(asAny(input))),
  'R-s-S': (input) => POLICY_MODELS['s-S']!(input),
  'r-Q': (input) => (input.reorderPoint !== undefined && input.orderQuantity !== undefined ? computeReorderPointQuantityCost(asAny(input)) : planReorderPointQuantity(asAny(input))),
  'R-S': (input) => computeOrderUpToPolicy(asAny(input)),
  'safety-stock': (input) => computeSafetyStock(asAny(input)),
  'min-max': (input) => computeMinMaxPolicy(asAny(input)),
  'serial-base-stock': (input) => planSerialBaseStock(asAny(input)),
  'guaranteed-service': (input) => planGuaranteedServiceSafetyStock(asAny(input)),
  'holding-cost-rate': (input) => computeHoldingCostRate(asAny(input)),
  coverage: (input) => computeStockCoverage(asAny(input)),
  item: (input) => planItemPolicy(asAny(input)),
};

const ALIASES: Record<string, string> = { sS: 's-S', 'ss': 's-S', 'rQ': 'r-Q', 's-Q': 'r-Q', 'sQ': 'r-Q', RS: 'R-S', 'order-up-to': 'R-S', RsS: 'R-s-S', eoqb: 'eoq-backorders', 'min/max': 'min-max', gsm: 'guaranteed-service', serial: 'serial-base-stock' };

/** `flowpilot policy --input <file.json> [--json] [--exact]`: one item's policy parameters and expected performance. */
export const registerPolicyCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  program
    .command('policy')
    .description(t('inventory.policy.description'))
    .requiredOption('-i, --input <file>', t('inventory.policy.option.input'))
    .option('--json', t('cli.option.json'))
    .option('--exact', t('inventory.option.exact'))
    .action((options: { input: string; json?: boolean; exact?: boolean }) => {
      const input = parseInventoryJson(readInventoryText(options.input, context), options.input, context) as Input;
      const raw = typeof input.model === 'string' ? input.model.trim() : '';
      const model = POLICY_MODELS[raw] ? raw : (ALIASES[raw] ?? '');
      const handler = POLICY_MODELS[model];
      if (!handler) throw new CliError(EXIT_CODES.invalidInput, t('inventory.error.model', { model: raw, models: Object.keys(POLICY_MODELS).join(', ') }));
      const { model: _ignored, ...parameters } = input;
      void _ignored;
      const result = { model, ...handler(parameters) };
      const printed = (options.exact ? result : roundForOutput(result)) as Record<string, unknown>;
      if (options.json) {
        printJson(context, printed);
        return;
      }
      context.stdout(t('inventory.policy.summary', { model }) + '\n');
      for (const [name, value] of Object.entries(printed)) {
        if (name === 'model') continue;
        context.stdout(t('inventory.policy.row', { name, value: typeof value === 'object' ? JSON.stringify(value) : String(value) }) + '\n');
      }
    });
};
