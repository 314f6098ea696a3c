import { allocateSupply, promiseOrderLine, reallocateOnReceipt, type AllocationInput, type OrderPromiseResult } from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { DEMO_AS_OF_DATE, runAllocationStep } from '@flowpilot/services';
import { printJson, type CliContext } from '../cli-context';
import { asOfDateOf, organizationOf, withDatabase } from '../open-cli-database';
import type { CommandRegistration } from './index';
import { formatNumber, readPlanningInputFile } from './read-planning-input';

type NewLine = { lineId: string; quantityUnits: number; requestedBucket: number };

/** `flowpilot allocate [--input <file.json>] [--json]`: on stored orders and the latest MPS, or on a file: allocation of short supply with explanations, promises for new lines. */
export const registerAllocateCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  program
    .command('allocate')
    .description(t('planning.allocate.description'))
    .option('-i, --input <file>', t('planning.allocate.option.input'))
    .option('--item <codes>', t('planning.allocate.option.item'))
    .option('--as-of <date>', t('cli.plan.option.as_of'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { input?: string; item?: string; asOf?: string; org?: string; json?: boolean }) => {
      if (options.input === undefined) {
        await allocateStored(context, options);
        return;
      }
      const file = readPlanningInputFile(options.input, context);
      const { newOrderLines, receipt, ...rest } = file;
      const input = rest as unknown as AllocationInput;
      // A receipt in the file means: reallocate backorders when it arrives.
      const reallocation = receipt === undefined ? undefined : reallocateOnReceipt(input, receipt as { bucket: number; quantityUnits: number });
      const allocation = reallocation?.result ?? allocateSupply(input);
      const receipts = reallocation === undefined ? input.receiptsUnits : addReceipt(input.receiptsUnits, receipt as { bucket: number; quantityUnits: number });
      // New lines are promised one after another; each promise becomes a commitment for the next.
      const committed = new Array<number>(receipts.length).fill(0);
      for (const line of input.orderLines) committed[line.dueBucket] = (committed[line.dueBucket] ?? 0) + line.quantityUnits;
      const promises: Array<NewLine & OrderPromiseResult> = [];
      for (const line of Array.isArray(newOrderLines) ? (newOrderLines as NewLine[]) : []) {
        const promise = promiseOrderLine({ quantityUnits: line.quantityUnits, requestedBucket: line.requestedBucket, onHandUnits: input.onHandUnits, supplyUnits: receipts, committedUnits: committed, ...(file.capableToPromise === undefined ? {} : { capableToPromise: file.capableToPromise as { capacityUnitsPerBucket: number | number[]; leadTimeBuckets: number } }) });
        if (promise.promisedBucket !== null && promise.source === 'atp') committed[promise.promisedBucket] = (committed[promise.promisedBucket] ?? 0) + line.quantityUnits;
        promises.push({ ...line, ...promise });
      }
      if (options.json) {
        printJson(context, { ...allocation, ...(reallocation === undefined ? {} : { reallocation: reallocation.changes }), ...(promises.length > 0 ? { promises } : {}) });
        return;
      }
      const out = (text: string): void => context.stdout(text + '\n');
      out(t('planning.allocate.summary', { allocated: formatNumber(allocation.totalAllocatedUnits), supply: formatNumber(allocation.totalSupplyUnits), fillRate: formatNumber(allocation.onTimeFillRate * 100), status: allocation.status }));
      for (const line of allocation.lines) {
        out(t('planning.allocate.line', { line: line.lineId, customer: line.customerId, priority: line.priorityClass, due: line.dueBucket, requested: formatNumber(line.requestedUnits), onTime: formatNumber(line.onTimeUnits), late: formatNumber(line.lateUnits), backorder: formatNumber(line.backorderUnits), status: t(`planning.allocate.status.${line.status}`) }));
        for (const reason of line.reasons) out('  - ' + t(`planning.allocation.reason.${reason.code}`, reason.params));
      }
      for (const promise of promises) out(t('planning.allocate.promise', { line: promise.lineId, quantity: formatNumber(promise.quantityUnits), requested: promise.requestedBucket, status: promise.status, promised: promise.promisedBucket ?? '-', source: promise.source ?? '-' }));
    });
};

/** Without --input: the stored orders and the latest MPS, arbitrated and kept as an `allocation` run. */
async function allocateStored(context: CliContext, options: { item?: string; asOf?: string; org?: string; json?: boolean }): Promise<void> {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  const organizationId = organizationOf(context, options.org);
  const asOfDate = asOfDateOf(context, options.asOf, DEMO_AS_OF_DATE);
  const result = await withDatabase(context, (handle) => runAllocationStep(handle, { organizationId, asOfDate, ...(options.item ? { itemCodes: options.item.split(',').map((c) => c.trim()).filter(Boolean) } : {}) }));
  if (options.json) {
    printJson(context, result);
    return;
  }
  const out = (text: string): void => context.stdout(text + '\n');
  out(t('planning.allocate.stored', { items: result.itemCount, short: result.shortItemCount, lines: result.lineCount, fillRate: formatNumber(result.onTimeFillRate * 100), backordered: formatNumber(result.backorderedUnits), run: result.runId }));
  for (const item of result.items) {
    if (item.status !== 'shortage') continue;
    out(`${item.itemId}: ` + t('planning.allocate.summary', { allocated: formatNumber(item.totalAllocatedUnits), supply: formatNumber(item.totalSupplyUnits), fillRate: formatNumber(item.onTimeFillRate * 100), status: item.status }));
    for (const line of item.lines) {
      if (line.status === 'filled_on_time') continue;
      out('  ' + t('planning.allocate.line', { line: line.lineId, customer: line.customerId, priority: line.priorityClass, due: item.weekStarts[line.dueBucket] ?? line.dueBucket, requested: formatNumber(line.requestedUnits), onTime: formatNumber(line.onTimeUnits), late: formatNumber(line.lateUnits), backorder: formatNumber(line.backorderUnits), status: t(`planning.allocate.status.${line.status}`) }));
      for (const reason of line.reasons) out('    - ' + t(`planning.allocation.reason.${reason.code}`, reason.params));
    }
  }
}

function addReceipt(receipts: number[], receipt: { bucket: number; quantityUnits: number }): number[] {
  const copy = [...receipts];
  copy[receipt.bucket] = (copy[receipt.bucket] ?? 0) + receipt.quantityUnits;
  return copy;
}
