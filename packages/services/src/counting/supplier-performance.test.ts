import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { loadSupplierLeadTimeStatistics, runSupplierScorecard } from './supplier-performance';
import { seedSupplierHistory } from './supplier-history.fixture';

let handle: DatabaseHandle;
const ORG = 'org-a';

beforeEach(async () => {
  handle = await createTestDatabase();
  await seedSupplierHistory(handle.db, ORG);
});
afterEach(async () => {
  await handle.close();
});

describe('runSupplierScorecard on a small hand-computed receipt set', () => {
  it('reads receipts and quality rejects from the ledger and prices against the supply term', async () => {
    const report = await runSupplierScorecard(handle, { organizationId: ORG, from: '2026-01-01', to: '2026-03-31' });
    expect(report.openLinesWithoutReceipt).toBe(1);
    expect(report.suppliers).toEqual([{
      supplierCode: 'S1', linesReceived: 3, linesOnTime: 1, linesInFull: 2, linesOnTimeInFull: 1,
      onTimeRate: 0.333333, inFullRate: 0.666667, onTimeInFullRate: 0.333333, quantityAccuracy: 0.966667,
      orderedQuantity: 250, receivedQuantity: 240, rejectedQuantity: 5, rejectRate: 0.020833,
      leadTimeMeanDays: 12, leadTimeStdDays: 2, meanDaysLate: 1, priceVarianceEur: 9, priceVarianceRate: 0.01875, linesWithoutAgreedPrice: 0,
    }]);
    expect(report.items.map((s) => [s.itemCode, s.linesReceived, s.priceVarianceEur])).toEqual([['P1', 2, 9], ['P2', 1, 0]]);
    const feb = await runSupplierScorecard(handle, { organizationId: ORG, from: '2026-02-01', to: '2026-02-28', supplierCode: 'S1' });
    expect(feb.suppliers.map((s) => [s.linesReceived, s.onTimeRate, s.inFullRate])).toEqual([[1, 0, 0]]);
    expect((await runSupplierScorecard(handle, { organizationId: 'org-other', from: '2026-01-01', to: '2026-03-31' })).suppliers).toEqual([]);
  });

  it('gives the measured lead-time spread per item once it has enough receipt lines', async () => {
    const stats = await loadSupplierLeadTimeStatistics(handle, { organizationId: ORG, asOfDate: '2026-04-01', minReceiptLines: 2 });
    expect([...stats.values()]).toEqual([{ itemCode: 'P1', supplierCode: 'S1', receiptLines: 2, leadTimeMeanDays: 11, leadTimeStdDays: 1.4142 }]);
    expect((await loadSupplierLeadTimeStatistics(handle, { organizationId: ORG, asOfDate: '2026-04-01' })).size).toBe(0);
  });
});
