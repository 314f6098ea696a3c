import { segmentItems, type AbcClassBound, type AbcCriterion, type SegmentItemsInput, type SegmentationItem } from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import type { CommandRegistration } from './index';
import { parseInventoryCsv, parseInventoryJson, readInventoryText, roundForOutput } from './inventory-input';

const CRITERIA: readonly AbcCriterion[] = ['usage-value', 'volume', 'margin'];

/** Reads items from CSV (itemId, unitCost, annualDemandUnits, unitMargin, demandHistory "10;12;8") or JSON. */
function readItems(path: string, context: CliContext): SegmentItemsInput {
  const text = readInventoryText(path, context);
  const looksJson = path.toLowerCase().endsWith('.json') || /^\s*[[{]/.test(text);
  if (looksJson) {
    const trimmed = text.trim();
    if (trimmed.startsWith('[')) return { items: parseInventoryJson(`{"items":${trimmed}}`, path, context).items as SegmentationItem[] };
    const file = parseInventoryJson(text, path, context);
    if (!Array.isArray(file.items)) throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'inventory.error.inputShape', { path, detail: 'expected "items": [...]' }));
    return file as unknown as SegmentItemsInput;
  }
  const rows = parseInventoryCsv(text, path, context);
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
  if (!columns.includes('itemId')) throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'inventory.error.csvColumn', { path, column: 'itemId', columns: columns.join(', ') || '-' }));
  const number = (value: string | undefined): number | undefined => (value === undefined || value === '' ? undefined : Number(value.replace(',', '.')));
  const items = rows.map((row) => {
    const item: SegmentationItem = { itemId: row.itemId ?? '' };
    const unitCost = number(row.unitCost);
    const unitMargin = number(row.unitMargin);
    const annual = number(row.annualDemandUnits);
    if (unitCost !== undefined) item.unitCost = unitCost;
    if (unitMargin !== undefined) item.unitMargin = unitMargin;
    if (annual !== undefined) item.annualDemandUnits = annual;
    if (row.demandHistory) item.demandHistory = row.demandHistory.split(/[;| ]+/).filter((cell) => cell !== '').map((cell) => Number(cell));
    return item;
  });
  return { items };
}

function parseClasses(value: string, context: CliContext): AbcClassBound[] {
  const classes = value.split(',').map((part) => {
    const [label, share] = part.split(':');
    const cumulativeShare = Number(share);
    if (!label || !Number.isFinite(cumulativeShare)) throw new CliError(EXIT_CODES.usage, translate(context.language, 'inventory.error.classes', { value }));
    return { label: label.trim(), cumulativeShare };
  });
  return classes;
}

/** `flowpilot abc --input <file.csv|json> [--criterion usage-value|volume|margin] [--classes A:0.8,B:0.95,C:1] [--json]`. */
export const registerAbcCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  program
    .command('abc')
    .description(t('inventory.abc.description'))
    .requiredOption('-i, --input <file>', t('inventory.abc.option.input'))
    .option('-c, --criterion <criterion>', t('inventory.abc.option.criterion'))
    .option('--classes <bounds>', t('inventory.abc.option.classes'))
    .option('--json', t('cli.option.json'))
    .option('--exact', t('inventory.option.exact'))
    .action((options: { input: string; criterion?: string; classes?: string; json?: boolean; exact?: boolean }) => {
      const input = readItems(options.input, context);
      if (options.criterion !== undefined && !(CRITERIA as readonly string[]).includes(options.criterion)) {
        throw new CliError(EXIT_CODES.usage, t('planning.error.option', { value: options.criterion, option: '--criterion', values: CRITERIA.join(', ') }));
      }
      const abc = { ...(input.abc ?? {}) };
      if (options.criterion) { abc.criterion = options.criterion as AbcCriterion; delete abc.criteria; }
      if (options.classes) abc.classes = parseClasses(options.classes, context);
      const result = segmentItems({ ...input, abc });
      const output = {
        criterion: result.abc.criterion,
        total: result.abc.total,
        classCounts: result.abc.classCounts,
        classShares: result.abc.classShares,
        segmentCounts: result.segmentCounts,
        items: result.items,
      };
      const printed = (options.exact ? output : roundForOutput(output)) as typeof output;
      if (options.json) {
        printJson(context, printed);
        return;
      }
      const classes = Object.entries(printed.classCounts).map(([label, count]) => `${label} ${count}`).join(', ');
      context.stdout(t('inventory.abc.summary', { criterion: printed.criterion, count: printed.items.length, total: printed.total, classes }) + '\n');
      context.stdout(t('inventory.abc.header') + '\n');
      printed.items.forEach((item, index) => {
        context.stdout(t('inventory.abc.row', {
          rank: index + 1, itemId: item.itemId, value: item.value, cumulativeShare: item.cumulativeShare, abcClass: item.abcClass, segment: item.segment,
          serviceLevel: item.policy.serviceTargetType === 'fill-rate' ? `β ${item.policy.fillRate}` : `α ${item.policy.cycleServiceLevel}`, review: item.policy.reviewType, forecastModel: item.policy.forecastModel,
        }) + '\n');
      });
    });
};
