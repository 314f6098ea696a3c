import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../shared/core-error';
import { checkLoad } from './check-load';
import { parseBischoffRatcliff } from './parse-bischoff-ratcliff';
import { planLoad } from './plan-load';
import type { PackingInput } from './types';

const brFile = (set: number): string => readFileSync(new URL(`../../../../../shared/data/packing/bischoff_ratcliff/br${set}.txt`, import.meta.url), 'utf8');

describe('planLoad', () => {
  it('loads eight 50 cm cubes into a 100 cm cube completely (doc example)', () => {
    const input: PackingInput = { container: { lengthCm: 100, widthCm: 100, heightCm: 100 }, boxTypes: [{ id: 'cube', lengthCm: 50, widthCm: 50, heightCm: 50, quantity: 8 }] };
    const result = planLoad(input);
    expect(result.status).toBe('all_packed');
    expect(result.packedCount).toBe(8);
    expect(result.volumeUtilisation).toBe(1);
    expect(checkLoad(input, result.placements)).toEqual([]);
  });

  // Bischoff & Ratcliff (1995) problems from OR-Library thpack: every load must pass the independent checker.
  for (const set of [1, 4, 7]) {
    it(`gives a valid load for BR${set} problem 1 without and with full support`, () => {
      const { input } = parseBischoffRatcliff(brFile(set))[0]!;
      for (const support of ['none', 'full'] as const) {
        const result = planLoad(input, { support, maxCompletions: 60 });
        expect(checkLoad(input, result.placements, { support })).toEqual([]);
        const recomputed = result.placements.reduce((sum, b) => sum + b.sizeXCm * b.sizeYCm * b.sizeZCm, 0);
        expect(result.packedVolumeCm3).toBe(recomputed);
        expect(result.volumeUtilisation).toBeCloseTo(recomputed / (587 * 233 * 220), 12);
        expect(result.volumeUtilisation).toBeGreaterThan(0.7);
        const packedPlusLeft = result.packedCount + result.unpacked.reduce((s, u) => s + u.quantity, 0);
        expect(packedPlusLeft).toBe(input.boxTypes.reduce((s, t) => s + t.quantity, 0));
      }
    });
  }

  it('is deterministic for the same seed and budget', () => {
    const { input } = parseBischoffRatcliff(brFile(3))[1]!;
    const a = planLoad(input, { seed: 5, maxCompletions: 80 });
    const b = planLoad(input, { seed: 5, maxCompletions: 80 });
    expect(b.placements).toEqual(a.placements);
    expect(b.search.completions).toBe(a.search.completions);
  });

  it('a bigger search budget never loads less (the best load is kept)', () => {
    const { input } = parseBischoffRatcliff(brFile(2))[2]!;
    const small = planLoad(input, { maxCompletions: 1 });
    const large = planLoad(input, { maxCompletions: 150 });
    expect(large.packedVolumeCm3).toBeGreaterThanOrEqual(small.packedVolumeCm3);
  });

  it('respects the payload limit and reports the boxes left behind', () => {
    const input: PackingInput = {
      container: { lengthCm: 100, widthCm: 100, heightCm: 100, maxPayloadKg: 35 },
      boxTypes: [{ id: 'heavy', lengthCm: 50, widthCm: 50, heightCm: 50, quantity: 8, weightKg: 10 }],
    };
    const result = planLoad(input);
    expect(result.packedCount).toBe(3);
    expect(result.packedWeightKg).toBe(30);
    expect(result.status).toBe('partial');
    expect(result.exceptions).toEqual([expect.objectContaining({ boxTypeId: 'heavy', quantity: 5, reason: 'weight_limit' })]);
    expect(checkLoad(input, result.placements)).toEqual([]);
  });

  it('keeps "this side up" boxes upright and turns boxes that may lie on a side', () => {
    const upright: PackingInput = { container: { lengthCm: 120, widthCm: 80, heightCm: 100 }, boxTypes: [{ id: 'u', lengthCm: 40, widthCm: 40, heightCm: 60, quantity: 20 }] };
    const r1 = planLoad(upright);
    expect(r1.placements.every((b) => b.sizeZCm === 60)).toBe(true);
    expect(r1.packedCount).toBe(6);
    const free: PackingInput = { container: upright.container, boxTypes: [{ ...upright.boxTypes[0]!, verticalAllowed: { length: true, width: true, height: true } }] };
    const r2 = planLoad(free);
    // 6 upright (3 × 2 × 60 cm high) plus 4 lying on top (2 × 2 × 40 cm high) fill the 120 × 80 × 100 cm space exactly.
    expect(r2.packedCount).toBe(10);
    expect(r2.volumeUtilisation).toBe(1);
    expect(checkLoad(free, r2.placements)).toEqual([]);
  });

  it('puts nothing on a non-stackable box', () => {
    const input: PackingInput = {
      container: { lengthCm: 100, widthCm: 100, heightCm: 100 },
      boxTypes: [
        { id: 'fragile', lengthCm: 50, widthCm: 50, heightCm: 40, quantity: 4, stackable: false },
        { id: 'solid', lengthCm: 50, widthCm: 50, heightCm: 50, quantity: 8 },
      ],
    };
    const result = planLoad(input);
    expect(checkLoad(input, result.placements)).toEqual([]);
    expect(result.placements.filter((b) => b.boxTypeId === 'fragile').every((b) => b.zCm + b.sizeZCm <= 100)).toBe(true);
    expect(result.packedVolumeCm3).toBeGreaterThanOrEqual(8 * 125000);
  });

  it('loads the last stop first so that each stop is unloaded at the door without moving later stops', () => {
    const input: PackingInput = {
      container: { lengthCm: 300, widthCm: 100, heightCm: 100 },
      boxTypes: [
        { id: 'for-stop-1', lengthCm: 50, widthCm: 50, heightCm: 50, quantity: 8, stopSequence: 1 },
        { id: 'for-stop-2', lengthCm: 40, widthCm: 50, heightCm: 50, quantity: 8, stopSequence: 2 },
        { id: 'for-stop-3', lengthCm: 30, widthCm: 50, heightCm: 50, quantity: 8, stopSequence: 3 },
      ],
    };
    const result = planLoad(input, { support: 'full' });
    expect(result.status).toBe('all_packed');
    expect(checkLoad(input, result.placements, { support: 'full' })).toEqual([]);
    // The first stop's boxes end at the door side: the box nearest the door is a stop-1 box.
    const nearestDoor = result.placements.reduce((a, b) => (b.xCm + b.sizeXCm > a.xCm + a.sizeXCm ? b : a));
    expect(nearestDoor.stopSequence).toBe(1);
  });

  it('builds a pallet: the pallet is the container, its height limit the container height', () => {
    const input: PackingInput = {
      container: { id: 'EUR pallet', lengthCm: 120, widthCm: 80, heightCm: 150, maxPayloadKg: 1000 },
      boxTypes: [{ id: 'carton', lengthCm: 40, widthCm: 30, heightCm: 25, quantity: 60, weightKg: 12 }],
    };
    const result = planLoad(input, { support: 'full' });
    expect(checkLoad(input, result.placements, { support: 'full' })).toEqual([]);
    // 120 × 80 holds 8 cartons per layer (3 × 2 + 2 turned), 6 layers of 25 cm = 48 ≤ 150 cm, and 48 × 12 kg = 576 kg.
    expect(result.packedCount).toBe(48);
    expect(result.placements.every((b) => b.zCm + b.sizeZCm <= 150)).toBe(true);
  });

  it('reports a box larger than the container as too large', () => {
    const input: PackingInput = { container: { lengthCm: 100, widthCm: 100, heightCm: 100 }, boxTypes: [{ id: 'long', lengthCm: 150, widthCm: 10, heightCm: 10, quantity: 1 }] };
    const result = planLoad(input);
    expect(result.packedCount).toBe(0);
    expect(result.exceptions[0]).toEqual(expect.objectContaining({ reason: 'too_large', quantity: 1 }));
  });

  it('handles a zero quantity', () => {
    const input: PackingInput = { container: { lengthCm: 100, widthCm: 100, heightCm: 100 }, boxTypes: [{ id: 'none', lengthCm: 10, widthCm: 10, heightCm: 10, quantity: 0 }] };
    const result = planLoad(input);
    expect(result.status).toBe('all_packed');
    expect(result.packedCount).toBe(0);
  });

  it('refuses bad input with a code and the path of the field', () => {
    const base = (): PackingInput => ({ container: { lengthCm: 100, widthCm: 100, heightCm: 100 }, boxTypes: [{ id: 'a', lengthCm: 10, widthCm: 10, heightCm: 10, quantity: 1 }] });
    const expectError = (input: PackingInput, code: string, path: string): void => {
      try {
        planLoad(input);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(CoreError);
        expect((error as CoreError).code).toBe(code);
        expect((error as CoreError).path).toBe(path);
      }
    };
    const a = base();
    a.container.widthCm = 0;
    expectError(a, 'out_of_range', 'container.widthCm');
    const b = base();
    b.boxTypes[0]!.quantity = -1;
    expectError(b, 'negative_value', 'boxTypes[0].quantity');
    const c = base();
    c.boxTypes = [];
    expectError(c, 'empty_input', 'boxTypes');
    const d = base();
    d.boxTypes[0]!.lengthCm = Number.POSITIVE_INFINITY;
    expectError(d, 'not_finite', 'boxTypes[0].lengthCm');
    const e = base();
    e.boxTypes.push({ ...e.boxTypes[0]! });
    expectError(e, 'invalid_input', 'boxTypes[1].id');
    expect(() => planLoad(base(), { timeLimitSeconds: 1 })).toThrow(CoreError);
  });
});
