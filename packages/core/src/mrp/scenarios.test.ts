import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runMrp } from './run-mrp';
import { toMrpReport } from './to-mrp-report';
import type { MrpInput } from './types';

// Golden scenarios: <name>.input.json → <name>.expected.json (records and pegging included).
// jacobs-chase: the textbook problem checked line by line in run-mrp.test.ts.
const dir = new URL('./scenarios/', import.meta.url);
const names = readdirSync(dir).filter((f) => f.endsWith('.input.json')).map((f) => f.replace('.input.json', ''));

describe('MRP golden scenarios', () => {
  it.each(names)('%s', (name) => {
    const input = JSON.parse(readFileSync(new URL(`${name}.input.json`, dir), 'utf8')) as MrpInput;
    const expected = JSON.parse(readFileSync(new URL(`${name}.expected.json`, dir), 'utf8')) as unknown;
    expect(toMrpReport(runMrp(input), { records: true, pegging: true })).toEqual(expected);
  });
});
