import { describe, expect, it } from 'vitest';
import { computeSmedAnalysis } from './smed-analysis';

describe('computeSmedAnalysis (Shingo 1985, stages separate/convert/streamline; hand-computed)', () => {
  const elements = [
    { id: 'e1', name: 'Fetch next die', type: 'internal' as const, durationSeconds: 600, action: 'convert-to-external' as const },
    { id: 'e2', name: 'Unbolt die', type: 'internal' as const, durationSeconds: 300 },
    { id: 'e3', name: 'Adjust and trial', type: 'internal' as const, durationSeconds: 900, action: 'streamline' as const, afterDurationSeconds: 300 },
    { id: 'e4', name: 'Paperwork', type: 'external' as const, durationSeconds: 120 },
  ];
  it('1,800 s before, 600 s after, 1,200 s saved (66.7 %)', () => {
    const result = computeSmedAnalysis({ elements, changeoversPerPeriod: 10 });
    expect(result.changeoverBeforeSeconds).toBe(1800);
    expect(result.changeoverAfterSeconds).toBe(600);
    expect(result.changeoverSavedSeconds).toBe(1200);
    expect(result.reductionFraction).toBeCloseTo(2 / 3, 12);
    expect(result.externalBeforeSeconds).toBe(120);
    expect(result.externalAfterSeconds).toBe(720);
    expect(result.machineSecondsFreedPerPeriod).toBe(12000);
    expect(result.elements.map((element) => element.internalSecondsSaved)).toEqual([600, 0, 600, 0]);
  });
  it('eliminated elements vanish; streamline needs an after duration', () => {
    const result = computeSmedAnalysis({ elements: [{ id: 'a', name: 'Search tools', type: 'internal', durationSeconds: 240, action: 'eliminate' }] });
    expect(result.changeoverAfterSeconds).toBe(0);
    expect(result.reductionFraction).toBe(1);
    expect(() => computeSmedAnalysis({ elements: [{ id: 'a', name: 'x', type: 'internal', durationSeconds: 1, action: 'streamline' }] })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => computeSmedAnalysis({ elements: [] })).toThrow(expect.objectContaining({ code: 'empty_input' }));
  });
});
