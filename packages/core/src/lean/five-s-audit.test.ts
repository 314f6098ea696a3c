import { describe, expect, it } from 'vitest';
import { computeFiveSAudit, computeFiveSTrend, type FiveSAudit } from './five-s-audit';

describe('5S audit (Hirano 1995 pillars; hand-computed)', () => {
  const audit: FiveSAudit = {
    id: 'A2', date: '2026-06-01', area: 'Press shop', maxScorePerQuestion: 4,
    answers: [
      { questionId: 'q1', pillar: 'sort', score: 3 },
      { questionId: 'q2', pillar: 'sort', score: 4 },
      { questionId: 'q3', pillar: 'set-in-order', score: 2 },
      { questionId: 'q4', pillar: 'shine', score: 4 },
      { questionId: 'q5', pillar: 'standardise', score: 1, comment: 'No standard work posted' },
      { questionId: 'q6', pillar: 'sustain', score: 3 },
    ],
  };
  it('pillar and total scores: 17/24 = 0.7083, one finding', () => {
    const result = computeFiveSAudit(audit);
    expect(result.totalPoints).toBe(17);
    expect(result.maxPoints).toBe(24);
    expect(result.scoreFraction).toBeCloseTo(0.7083, 4);
    expect(result.pillars[0]).toEqual({ pillar: 'sort', points: 7, maxPoints: 8, scoreFraction: 0.875, questions: 2 });
    expect(result.findings).toEqual([{ questionId: 'q5', pillar: 'standardise', score: 1, comment: 'No standard work posted' }]);
  });
  it('trend sorts by date and gives the change since the previous audit', () => {
    const earlier: FiveSAudit = { ...audit, id: 'A1', date: '2026-03-01', answers: audit.answers.map((answer) => ({ ...answer, score: 2 })) };
    const trend = computeFiveSTrend([audit, earlier]);
    expect(trend.map((point) => point.auditId)).toEqual(['A1', 'A2']);
    expect(trend[0]!.changeFraction).toBeNull();
    expect(trend[1]!.changeFraction).toBeCloseTo(17 / 24 - 0.5, 12);
    expect(trend[1]!.pillarScores.shine).toBe(1);
  });
  it('rejects scores above the scale', () => {
    expect(() => computeFiveSAudit({ ...audit, answers: [{ questionId: 'q', pillar: 'sort', score: 5 }] })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});
