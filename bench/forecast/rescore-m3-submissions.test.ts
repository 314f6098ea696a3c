import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataRoot } from './load-competition-data';
import { rescoreM3Submissions } from './rescore-m3-submissions';

const hasData = existsSync(path.join(dataRoot, 'm3', 'm3_other_forecasts_original.csv.gz'));

describe('M3 metric reproduction (Makridakis & Hibon 2000 submissions, Mcomp 2.9 data)', () => {
  it.skipIf(!hasData)('rescoring the 22 original "other" submissions gives the recomputed table to 3 decimals', () => {
    const rows = rescoreM3Submissions('other');
    expect(rows).toHaveLength(22);
    for (const row of rows) expect(row, row.method).toMatchObject({ matches: true });
    expect(rows.find((r) => r.method === 'THETA')!.smape).toBeCloseTo(4.41, 2);
  });
});
