import { describe, expect, it } from 'vitest';
import { checkLoad } from './check-load';
import type { PackedBox, PackingInput } from './types';

const input: PackingInput = {
  container: { lengthCm: 100, widthCm: 100, heightCm: 100, maxPayloadKg: 100 },
  boxTypes: [
    { id: 'cube', lengthCm: 50, widthCm: 50, heightCm: 50, quantity: 8, weightKg: 10 },
    { id: 'flat', lengthCm: 50, widthCm: 40, heightCm: 10, quantity: 2, weightKg: 60, stackable: false },
    { id: 'first', lengthCm: 50, widthCm: 50, heightCm: 50, quantity: 2, stopSequence: 1 },
    { id: 'second', lengthCm: 50, widthCm: 50, heightCm: 50, quantity: 2, stopSequence: 2 },
  ],
};

const box = (boxTypeId: string, x: number, y: number, z: number, sx = 50, sy = 50, sz = 50, stopSequence = 1): PackedBox => ({
  boxTypeId, stopSequence, xCm: x, yCm: y, zCm: z, sizeXCm: sx, sizeYCm: sy, sizeZCm: sz,
});

describe('checkLoad', () => {
  it('accepts a valid load (doc example neighbours: two cubes side by side)', () => {
    expect(checkLoad(input, [box('cube', 0, 0, 0), box('cube', 50, 0, 0), box('cube', 0, 0, 50)], { support: 'full' })).toEqual([]);
  });

  it('finds overlapping boxes (doc example: two cubes at the same corner)', () => {
    const issues = checkLoad(input, [box('cube', 0, 0, 0), box('cube', 0, 0, 0)]);
    expect(issues).toEqual([expect.objectContaining({ rule: 'overlap', boxIndex: 0, otherBoxIndex: 1 })]);
    // Touching faces are not an overlap.
    expect(checkLoad(input, [box('cube', 0, 0, 0), box('cube', 50, 0, 0)])).toEqual([]);
    // Partial overlap in all three axes.
    expect(checkLoad(input, [box('cube', 0, 0, 0), box('cube', 49, 49, 49)]).map((i) => i.rule)).toEqual(['overlap']);
  });

  it('finds boxes outside the container and in a forbidden orientation', () => {
    expect(checkLoad(input, [box('cube', 60, 0, 0)]).map((i) => i.rule)).toEqual(['inside']);
    expect(checkLoad(input, [box('cube', 0, 0, -1)]).map((i) => i.rule)).toEqual(['inside']);
    // flat may only lie flat (default: height vertical): 10 along x is refused.
    expect(checkLoad(input, [box('flat', 0, 0, 0, 10, 40, 50)]).map((i) => i.rule)).toEqual(['orientation']);
    expect(checkLoad(input, [box('flat', 0, 0, 0, 40, 50, 10)])).toEqual([]);
  });

  it('finds too many boxes of a type, unknown types and an overweight load', () => {
    expect(checkLoad(input, [box('ghost', 0, 0, 0)]).map((i) => i.rule)).toEqual(['unknown_box_type']);
    const three = [box('flat', 0, 0, 0, 50, 40, 10), box('flat', 50, 0, 0, 50, 40, 10), box('flat', 0, 50, 0, 50, 40, 10)];
    expect(checkLoad(input, three).map((i) => i.rule).sort()).toEqual(['quantity', 'weight']);
  });

  it('finds a box without full support only when support is asked', () => {
    const load = [box('cube', 0, 0, 0), box('cube', 25, 0, 50)];
    expect(checkLoad(input, load)).toEqual([]);
    const issues = checkLoad(input, load, { support: 'full' });
    expect(issues).toEqual([expect.objectContaining({ rule: 'support', boxIndex: 1 })]);
    expect(issues[0]!.message).toContain('50.0 %');
    // Resting on two boxes of the same height is full support.
    expect(checkLoad(input, [box('cube', 0, 0, 0), box('cube', 50, 0, 0), box('cube', 25, 0, 50)], { support: 'full' })).toEqual([]);
  });

  it('finds a box above a non-stackable box, even with a gap', () => {
    const issues = checkLoad(input, [box('flat', 0, 0, 0, 50, 40, 10), box('cube', 0, 0, 30)]);
    expect(issues.map((i) => i.rule)).toEqual(['stacking']);
  });

  it('finds boxes of a later stop in front of or above boxes of an earlier stop', () => {
    // The door is at x = 100: a stop-2 box at x 50 blocks the stop-1 box at x 0.
    const blocked = checkLoad(input, [box('first', 0, 0, 0, 50, 50, 50, 1), box('second', 50, 0, 0, 50, 50, 50, 2)]);
    expect(blocked.map((i) => i.rule)).toEqual(['loading_order']);
    const onTop = checkLoad(input, [box('first', 0, 0, 0, 50, 50, 50, 1), box('second', 0, 0, 50, 50, 50, 50, 2)]);
    expect(onTop.map((i) => i.rule)).toEqual(['loading_order']);
    // The right order: the later stop at the front wall, the first stop at the door.
    expect(checkLoad(input, [box('second', 0, 0, 0, 50, 50, 50, 2), box('first', 50, 0, 0, 50, 50, 50, 1)])).toEqual([]);
    // Side by side in another lane does not block.
    expect(checkLoad(input, [box('first', 0, 0, 0, 50, 50, 50, 1), box('second', 50, 50, 0, 50, 50, 50, 2)])).toEqual([]);
  });
});
