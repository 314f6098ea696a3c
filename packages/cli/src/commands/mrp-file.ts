import { applyMrpNetChange, runMrp, toMrpReport, type MrpActionMessage, type MrpException, type MrpInput, type MrpItemChange } from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import type { CommandRegistration } from './index';
import { readJsonObjectFile } from './lot-size';

const SHOWN = 20;

function describeMessage(context: CliContext, m: MrpActionMessage): string {
  return `[${m.ownerCode ?? '-'}] ${translate(context.language, `mrp.action.${m.kind}`)}: ${translate(context.language, `mrp.reason.${m.reason}`, { ...m })}`;
}

function describeException(context: CliContext, e: MrpException): string {
  return translate(context.language, `mrp.exception.${e.kind}`, { ...e, referenceId: e.referenceId ?? '-' });
}

/** `flowpilot mrp-file --input <model.json> [--records] [--pegging] [--item <id...>] [--net-change <changes.json>] [--json]`. */
export const registerMrpFileCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  program
    .command('mrp-file')
    .description(t('mrp.file.description'))
    .requiredOption('-i, --input <file>', t('mrp.file.option.input'))
    .option('--records', t('mrp.file.option.records'))
    .option('--pegging', t('mrp.file.option.pegging'))
    .option('--item <ids...>', t('mrp.file.option.item'))
    .option('--net-change <file>', t('mrp.file.option.netChange'))
    .option('--json', t('cli.option.json'))
    .action((options: { input: string; records?: boolean; pegging?: boolean; item?: string[]; netChange?: string; json?: boolean }) => {
      const model = readJsonObjectFile(options.input, context);
      if (!Array.isArray(model.items)) {
        throw new CliError(EXIT_CODES.invalidInput, t('mrp.error.inputShape', { path: options.input, detail: '"items" must be an array' }));
      }
      let plan = runMrp(model as unknown as MrpInput);
      let replannedItemIds: string[] | undefined;
      if (options.netChange) {
        const file = readJsonObjectFile(options.netChange, context);
        if (!Array.isArray(file.changes)) {
          throw new CliError(EXIT_CODES.invalidInput, t('mrp.error.inputShape', { path: options.netChange, detail: '"changes" must be an array' }));
        }
        const result = applyMrpNetChange(plan, file.changes as MrpItemChange[], { inPlace: true });
        plan = result.plan;
        replannedItemIds = result.replannedItemIds;
      }
      const report = toMrpReport(plan, { records: options.records, pegging: options.pegging, itemIds: options.item });
      if (options.json) {
        printJson(context, replannedItemIds ? { ...report, replannedItemIds } : report);
        return;
      }
      context.stdout(t('mrp.file.summary', { items: plan.itemCount, orders: plan.plannedOrderCount, messages: plan.actionMessageCount, exceptions: plan.exceptionCount, status: plan.status }) + '\n');
      if (replannedItemIds) context.stdout(t('mrp.file.netChange', { count: replannedItemIds.length }) + '\n');
      const print = <T>(rows: T[], line: (row: T) => string): void => {
        for (const row of rows.slice(0, SHOWN)) context.stdout(`  ${line(row)}\n`);
        if (rows.length > SHOWN) context.stdout(`  ${t('mrp.file.more', { count: rows.length - SHOWN })}\n`);
      };
      print(report.plannedOrders, (o) => t('mrp.file.plannedOrder', { id: o.id, itemId: o.itemId, quantity: o.quantity, receipt: o.receiptPeriod, release: o.releasePeriod }));
      print(report.actionMessages, (m) => describeMessage(context, m));
      print(report.exceptions, (e) => describeException(context, e));
    });
};
