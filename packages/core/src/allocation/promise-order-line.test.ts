import { describe, expect, it } from 'vitest';
import { promiseOrderLine } from './promise-order-line';

// Supply and commitments of the Stevenson MPS example (Operations Management): on hand 64, MPS 70 in
// weeks 3, 5, 7, 8, orders 33, 20, 10, 4, 2 — ATP 11 / 56 / 68 / 70 / 70.
const stevenson = { onHandUnits: 64, supplyUnits: [0, 0, 70, 0, 70, 0, 70, 70], committedUnits: [33, 20, 10, 4, 2, 0, 0, 0] };

describe('promiseOrderLine', () => {
  it('promises from ATP on time when the cumulative ATP covers the order (10 units in week 1)', () => {
    expect(promiseOrderLine({ ...stevenson, quantityUnits: 10, requestedBucket: 0 })).toMatchObject({ status: 'on_time', promisedBucket: 0, source: 'atp', ctpUnits: 0 });
  });

  it('30 units asked for week 1: only 11 free, promised week 3, split 11 + 19', () => {
    const result = promiseOrderLine({ ...stevenson, quantityUnits: 30, requestedBucket: 0 });
    expect(result).toMatchObject({ status: 'late', promisedBucket: 2, source: 'atp', availableAtRequestedUnits: 11 });
    expect(result.splitDeliveries).toEqual([{ bucket: 0, quantityUnits: 11 }, { bucket: 2, quantityUnits: 19 }]);
  });

  it('uses capable-to-promise: 20 units a week from week 2 cover the week-2 order, so 30 ship in week 1', () => {
    const result = promiseOrderLine({ ...stevenson, quantityUnits: 30, requestedBucket: 0, capableToPromise: { capacityUnitsPerBucket: 20, leadTimeBuckets: 1 } });
    expect(result).toMatchObject({ status: 'on_time', promisedBucket: 0, source: 'ctp', ctpUnits: 19 });
    // With a 2-week lead time new production comes too late to help: ATP in week 3 again.
    expect(promiseOrderLine({ ...stevenson, quantityUnits: 30, requestedBucket: 0, capableToPromise: { capacityUnitsPerBucket: 20, leadTimeBuckets: 2 } })).toMatchObject({ promisedBucket: 2, source: 'atp' });
  });

  it('cannot promise more than the horizon holds; never breaks later commitments', () => {
    expect(promiseOrderLine({ ...stevenson, quantityUnits: 1000, requestedBucket: 0 })).toMatchObject({ status: 'cannot_promise', promisedBucket: null, source: null });
    // 68 units in week 5 are free, but a 69th would need week 7.
    expect(promiseOrderLine({ ...stevenson, quantityUnits: 68 + 67, requestedBucket: 4 }).promisedBucket).toBe(4);
    expect(promiseOrderLine({ ...stevenson, quantityUnits: 136, requestedBucket: 4 }).promisedBucket).toBe(6);
  });

  it('rejects bad input', () => {
    expect(() => promiseOrderLine({ ...stevenson, quantityUnits: 1, requestedBucket: 8 })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
    expect(() => promiseOrderLine({ ...stevenson, committedUnits: [1], quantityUnits: 1, requestedBucket: 0 })).toThrow(expect.objectContaining({ code: 'length_mismatch' }));
  });
});
