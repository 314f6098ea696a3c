import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../shared/core-error';
import { parseBischoffRatcliff } from './parse-bischoff-ratcliff';

const brFile = (set: number): string => readFileSync(new URL(`../../../../../shared/data/packing/bischoff_ratcliff/br${set}.txt`, import.meta.url), 'utf8');

describe('parseBischoffRatcliff', () => {
  it('reads BR1 problem 1 as published in OR-Library thpack (Bischoff & Ratcliff 1995)', () => {
    const problems = parseBischoffRatcliff(brFile(1));
    expect(problems).toHaveLength(100);
    const first = problems[0]!;
    expect(first.problemNumber).toBe(1);
    expect(first.seed).toBe(2502505);
    expect(first.input.container).toEqual({ id: 'BR-1', lengthCm: 587, widthCm: 233, heightCm: 220 });
    expect(first.input.boxTypes).toEqual([
      { id: '1', lengthCm: 108, widthCm: 76, heightCm: 30, quantity: 40, verticalAllowed: { length: false, width: false, height: true } },
      { id: '2', lengthCm: 110, widthCm: 43, heightCm: 25, quantity: 33, verticalAllowed: { length: false, width: true, height: true } },
      { id: '3', lengthCm: 92, widthCm: 81, heightCm: 55, quantity: 39, verticalAllowed: { length: true, width: true, height: true } },
    ]);
  });

  it('reads every set BR1–BR7 with the number of box types of the data set README', () => {
    const typeCounts = [3, 5, 8, 10, 12, 15, 20];
    typeCounts.forEach((n, i) => {
      const problems = parseBischoffRatcliff(brFile(i + 1));
      expect(problems).toHaveLength(100);
      expect(problems.every((p) => p.input.boxTypes.length === n)).toBe(true);
    });
  });

  const expectLineError = (text: string, line: number, fragment: string): void => {
    try {
      parseBischoffRatcliff(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CoreError);
      expect((error as CoreError).message).toContain(`line ${line}:`);
      expect((error as CoreError).message).toContain(fragment);
      expect((error as CoreError).details.line).toBe(line);
    }
  };

  it('refuses malformed files with the line number and the reason', () => {
    expectLineError(' 1\n 1 7\n 587 233 220\n 1\n 1 108 0 76 0 30\n', 5, 'expected 8 numbers');
    expectLineError(' 1\n 1 7\n 587 233 220\n 1\n 1 108 0 76 0 30 2 5\n', 5, 'flag must be 0 or 1');
    expectLineError(' 1\n 1 7\n 587 233 x\n', 3, '"x" is not an integer');
    expectLineError(' 2\n 1 7\n 587 233 220\n 1\n 1 10 1 10 1 10 1 5\n', 5, 'unexpected end of file');
    expectLineError(' 1\n 1 7\n 587 233 220\n 1\n 1 10 0 10 0 10 0 5\n', 5, 'no dimension may be vertical');
    expectLineError(' 1\n 1 7\n 587 233 220\n 1\n 1 10 1 10 1 10 1 5\n 9\n', 6, 'unexpected content');
  });
});
