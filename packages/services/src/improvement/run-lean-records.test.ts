import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { computeImprovementFiveSTrend, listImprovementSmedStudies, recordImprovementFiveSAudit, recordImprovementSmedStudy } from './run-lean-records';
import { seedImprovementFixture } from './testing/seed-improvement-fixture';

let handle: DatabaseHandle;
const org = 'org-lean';
beforeAll(async () => {
  handle = await createTestDatabase();
  await seedImprovementFixture(handle, org);
});
afterAll(async () => { await handle.close(); });

describe('SMED studies', () => {
  it('stores a study and gives Shingo’s before/after: internal 600 + 300 + 900 s, convert 600, streamline 900 → 300 s → 1,800 s before, 600 s after', async () => {
    const study = await recordImprovementSmedStudy(handle, {
      organizationId: org, workCenterCode: 'WC1', studyDate: '2026-04-10', title: 'Die change press 2', changeoversPerWeek: 10,
      elements: [
        { id: 'E1', name: 'Fetch the die', type: 'internal', durationSeconds: 600, action: 'convert-to-external' },
        { id: 'E2', name: 'Unbolt', type: 'internal', durationSeconds: 300 },
        { id: 'E3', name: 'Adjust', type: 'internal', durationSeconds: 900, action: 'streamline', afterDurationSeconds: 300 },
        { id: 'E4', name: 'Clean', type: 'external', durationSeconds: 120 },
      ],
    });
    expect(study.studyNumber).toBe('SMED-1');
    expect(study.analysis).toMatchObject({ changeoverBeforeSeconds: 1800, changeoverAfterSeconds: 600, changeoverSavedSeconds: 1200, machineSecondsFreedPerPeriod: 12000 });
    expect(study.analysis.reductionFraction).toBeCloseTo(2 / 3, 10);
    const listed = await listImprovementSmedStudies(handle, { organizationId: org, workCenterCode: 'WC1' });
    expect(listed.map((s) => [s.studyNumber, s.analysis.changeoverSavedSeconds])).toEqual([['SMED-1', 1200]]);
    expect(await listImprovementSmedStudies(handle, { organizationId: 'org-other' })).toEqual([]);
  });

  it('refuses an unknown work centre and a streamlined element without its new duration', async () => {
    await expect(recordImprovementSmedStudy(handle, { organizationId: org, workCenterCode: 'NOPE', studyDate: '2026-04-10', title: 't', elements: [{ id: 'E1', name: 'a', type: 'internal', durationSeconds: 1 }] })).rejects.toThrow(/NOPE does not exist/);
    await expect(recordImprovementSmedStudy(handle, { organizationId: org, studyDate: '2026-04-10', title: 't', elements: [{ id: 'E1', name: 'a', type: 'internal', durationSeconds: 1, action: 'streamline' }] })).rejects.toThrow(/afterDurationSeconds/);
  });
});

describe('5S audits', () => {
  it('scores audits (Hirano: 17/24 on a 0–4 scale) and follows the area over time with findings', async () => {
    const answers = (scores: number[]) => (['sort', 'sort', 'set-in-order', 'shine', 'standardise', 'sustain'] as const).map((pillar, i) => ({ questionId: `Q${i + 1}`, pillar, score: scores[i] ?? 0 }));
    const first = await recordImprovementFiveSAudit(handle, { organizationId: org, area: 'Packing', auditDate: '2026-03-02', maxScorePerQuestion: 4, answers: answers([3, 4, 2, 4, 1, 3]) });
    expect(first).toMatchObject({ auditId: '5S-1', totalPoints: 17, maxPoints: 24 });
    expect(first.findings.map((f) => f.questionId)).toEqual(['Q5']);
    await recordImprovementFiveSAudit(handle, { organizationId: org, area: 'Packing', auditDate: '2026-04-06', maxScorePerQuestion: 4, answers: answers([4, 4, 3, 4, 3, 3]) });
    const [packing] = await computeImprovementFiveSTrend(handle, { organizationId: org, area: 'Packing' });
    expect(packing?.trend.map((p) => Math.round(p.scoreFraction * 10000) / 10000)).toEqual([0.7083, 0.875]);
    expect(packing?.trend[1]?.changeFraction).toBeCloseTo(21 / 24 - 17 / 24, 10);
    expect(packing?.latest.findings).toEqual([]);
  });
});
