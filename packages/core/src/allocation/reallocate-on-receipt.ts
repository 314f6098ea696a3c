import { CoreError } from '../shared/core-error';
import { allocateSupply } from './allocate-supply';
import type { AllocationInput, AllocationResult } from './types';

export type ReallocationResult = {
  result: AllocationResult;
  /** Lines whose allocation changed, with the units they gain (after − before) and the bucket. */
  changes: Array<{ lineId: string; customerId: string; bucket: number; gainedUnits: number; backorderBeforeUnits: number; backorderAfterUnits: number }>;
};

/**
 * Reallocates backorders when a receipt arrives: adds `receipt.quantityUnits` at `receipt.bucket`
 * and reruns the same rules. Because allocation is causal, nothing before the receipt bucket moves;
 * the receipt goes to open lines (backorders first by the service sequence). Returns the new
 * allocation and, per line, what it gained.
 * Example: 100 on hand for A (class 1, 80) and B (class 2, 50); 30 more in bucket 1 → B gains 30 in bucket 1.
 * Throws the CoreError codes of allocateSupply, and out_of_range for a receipt outside the horizon.
 */
export function reallocateOnReceipt(input: AllocationInput, receipt: { bucket: number; quantityUnits: number }): ReallocationResult {
  const before = allocateSupply(input);
  if (!Number.isInteger(receipt.bucket) || receipt.bucket < 0 || receipt.bucket >= input.receiptsUnits.length) throw new CoreError('out_of_range', `receipt bucket must be in 0..${input.receiptsUnits.length - 1}`, { path: 'receipt.bucket' });
  if (!(receipt.quantityUnits >= 0) || !Number.isFinite(receipt.quantityUnits)) throw new CoreError('negative_value', 'receipt quantity must be a finite number ≥ 0', { path: 'receipt.quantityUnits' });
  const receipts = [...input.receiptsUnits];
  receipts[receipt.bucket] = (receipts[receipt.bucket] ?? 0) + receipt.quantityUnits;
  const result = allocateSupply({ ...input, receiptsUnits: receipts });
  const changes: ReallocationResult['changes'] = [];
  result.lines.forEach((line, index) => {
    const previous = before.lines[index] as AllocationResult['lines'][number];
    const total = (l: AllocationResult['lines'][number]): number => l.onTimeUnits + l.lateUnits;
    const gained = total(line) - total(previous);
    if (Math.abs(gained) > 1e-9) changes.push({ lineId: line.lineId, customerId: line.customerId, bucket: receipt.bucket, gainedUnits: gained, backorderBeforeUnits: previous.backorderUnits, backorderAfterUnits: line.backorderUnits });
  });
  return { result, changes };
}
