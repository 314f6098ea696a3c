import { describe, expect, it } from 'vitest';
import { promiseOrderLines } from './promise-order-lines';

// Cumulative ATP allocation, first come first served: Vollmann et al., Manufacturing Planning and Control
// for Supply Chain Management, ch. 6 (available-to-promise). Numbers as in the doc comment.
describe('promiseOrderLines', () => {
  const base = { asOfDate: '2026-11-24', onHand: [{ itemCode: 'A', locationCode: 'W', quantity: 10 }], receipts: [{ itemCode: 'A', locationCode: 'W', quantity: 20, dueDate: '2026-12-10' }], leadTimeDaysByItem: { A: 30 } };

  it('promises from stock, then from the receipt that covers the cumulative demand, then from lead time', () => {
    const promises = promiseOrderLines({ ...base, lines: [
      { key: 'SO1/1', itemCode: 'A', locationCode: 'W', quantity: 8, requestedDate: '2026-12-01' },
      { key: 'SO1/2', itemCode: 'A', locationCode: 'W', quantity: 15, requestedDate: '2026-12-02' },
      { key: 'SO2/1', itemCode: 'A', locationCode: 'W', quantity: 10, requestedDate: '2026-12-03' },
    ] });
    expect(promises.map((p) => [p.key, p.promisedDate, p.basis, p.cumulativeDemand, p.cumulativeSupply])).toEqual([
      ['SO1/1', '2026-12-01', 'on_hand', 8, 10], ['SO1/2', '2026-12-10', 'scheduled_receipt', 23, 30], ['SO2/1', '2026-12-24', 'lead_time', 33, 30],
    ]);
  });

  it('never promises before the requested date, and an empty stock point goes by lead time', () => {
    const [p] = promiseOrderLines({ ...base, lines: [{ key: 'x', itemCode: 'B', locationCode: 'W', quantity: 1, requestedDate: '2027-03-01' }] });
    expect(p).toMatchObject({ promisedDate: '2027-03-01', basis: 'lead_time' });
  });

  it('rejects a non-positive line quantity with its path', () => {
    expect(() => promiseOrderLines({ ...base, lines: [{ key: 'x', itemCode: 'A', locationCode: 'W', quantity: 0, requestedDate: '2026-12-01' }] })).toThrow(/lines\[0\]|> 0/);
  });
});
