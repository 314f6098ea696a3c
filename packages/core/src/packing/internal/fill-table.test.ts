import { describe, expect, it } from 'vitest';
import { fillTable } from './search';

// Known answers worked by hand: the longest sum of the given extents (repeats allowed) that fits a gap.
describe('fillTable (usable length of a gap along one axis)', () => {
  it('with boxes of 20 cm only, a 30 cm gap uses 20 cm and a 45 cm gap 40 cm', () => {
    const fill = fillTable(new Set([20]), 60);
    expect(fill[19]).toBe(0);
    expect(fill[20]).toBe(20);
    expect(fill[30]).toBe(20);
    expect(fill[45]).toBe(40);
    expect(fill[60]).toBe(60);
  });

  it('combines different extents: 20 + 30 fills 50, 45 still loses 5 cm, 55 loses 5 cm', () => {
    const fill = fillTable(new Set([20, 30]), 60);
    expect(fill[50]).toBe(50);
    expect(fill[45]).toBe(40);
    expect(fill[55]).toBe(50);
    expect(fill[29]).toBe(20);
  });

  it('ignores extents longer than the axis and returns 0 everywhere when nothing fits', () => {
    const fill = fillTable(new Set([70]), 60);
    expect([...fill].every((v) => v === 0)).toBe(true);
    expect(fill.length).toBe(61);
  });
});
