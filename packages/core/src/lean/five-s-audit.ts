import { CoreError } from '../shared/core-error';
import { requireNonNegative, requireText, requireUniqueIds } from './internal/validate';

/** The five pillars: seiri, seiton, seiso, seiketsu, shitsuke. */
export type FiveSPillar = 'sort' | 'set-in-order' | 'shine' | 'standardise' | 'sustain';
export const FIVE_S_PILLARS: readonly FiveSPillar[] = ['sort', 'set-in-order', 'shine', 'standardise', 'sustain'];

export type FiveSAnswer = { questionId: string; pillar: FiveSPillar; score: number; comment?: string };

export type FiveSAudit = {
  id: string;
  /** ISO date of the audit. */
  date: string;
  area: string;
  /** Highest score of a question: 4 (0–4 scale) or 5 (0–5 scale). */
  maxScorePerQuestion: 4 | 5;
  answers: FiveSAnswer[];
};

export type FiveSPillarScore = { pillar: FiveSPillar; points: number; maxPoints: number; scoreFraction: number | null; questions: number };

export type FiveSAuditResult = {
  auditId: string;
  date: string;
  area: string;
  pillars: FiveSPillarScore[];
  totalPoints: number;
  maxPoints: number;
  /** Total points ÷ max points, 0–1. */
  scoreFraction: number;
  /** Questions scored at or below the finding threshold: candidates for an improvement action. */
  findings: Array<{ questionId: string; pillar: FiveSPillar; score: number; comment: string | null }>;
};

/**
 * Scores one 5S audit: per pillar points / (questions × max score), and the total.
 * Formula: pillar score = Σ scores / (n × max); total = Σ all / (N × max). Findings are answers with
 * score ≤ findingThreshold (default 1). Source: Hirano, *5 Pillars of the Visual Workplace* (1995).
 * Example: sort 3+4, set-in-order 2, shine 4, standardise 1, sustain 3 on a 0–4 scale → 17/24 = 0.7083.
 * Throws invalid_input, empty_input, negative_value, out_of_range.
 */
export function computeFiveSAudit(audit: FiveSAudit, options: { findingThreshold?: number } = {}): FiveSAuditResult {
  requireText(audit.id, 'audit.id');
  requireText(audit.date, 'audit.date');
  if (audit.maxScorePerQuestion !== 4 && audit.maxScorePerQuestion !== 5) throw new CoreError('invalid_input', 'maxScorePerQuestion must be 4 or 5', { path: 'audit.maxScorePerQuestion' });
  if (!Array.isArray(audit.answers) || audit.answers.length === 0) throw new CoreError('empty_input', 'An audit needs answers', { path: 'audit.answers' });
  requireUniqueIds(audit.answers.map((answer) => ({ id: answer.questionId })), 'audit.answers');
  const threshold = options.findingThreshold ?? 1;
  const max = audit.maxScorePerQuestion;
  audit.answers.forEach((answer, index) => {
    if (!FIVE_S_PILLARS.includes(answer.pillar)) throw new CoreError('invalid_input', `Unknown pillar ${String(answer.pillar)}`, { path: `audit.answers[${index}].pillar` });
    const score = requireNonNegative(answer.score, `audit.answers[${index}].score`);
    if (score > max) throw new CoreError('out_of_range', `score must be ≤ ${max}`, { path: `audit.answers[${index}].score` });
  });
  const pillars = FIVE_S_PILLARS.map((pillar): FiveSPillarScore => {
    const answers = audit.answers.filter((answer) => answer.pillar === pillar);
    const points = answers.reduce((sum, answer) => sum + answer.score, 0);
    const maxPoints = answers.length * max;
    return { pillar, points, maxPoints, scoreFraction: maxPoints === 0 ? null : points / maxPoints, questions: answers.length };
  });
  const totalPoints = pillars.reduce((sum, pillar) => sum + pillar.points, 0);
  const maxPoints = audit.answers.length * max;
  return {
    auditId: audit.id,
    date: audit.date,
    area: audit.area,
    pillars,
    totalPoints,
    maxPoints,
    scoreFraction: totalPoints / maxPoints,
    findings: audit.answers
      .filter((answer) => answer.score <= threshold)
      .map((answer) => ({ questionId: answer.questionId, pillar: answer.pillar, score: answer.score, comment: answer.comment ?? null })),
  };
}

export type FiveSTrendPoint = {
  auditId: string;
  date: string;
  scoreFraction: number;
  /** Change of the total score since the previous audit of the area (null for the first). */
  changeFraction: number | null;
  pillarScores: Record<FiveSPillar, number | null>;
};

/**
 * Trend of 5S scores over audits of one area, sorted by date then id, with the change since the
 * previous audit. Example: 0.5 then 0.7083 → change +0.2083. Throws as computeFiveSAudit.
 */
export function computeFiveSTrend(audits: readonly FiveSAudit[], options: { findingThreshold?: number } = {}): FiveSTrendPoint[] {
  requireUniqueIds(audits.map((audit) => ({ id: audit.id })), 'audits');
  const sorted = [...audits].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let previous: number | null = null;
  return sorted.map((audit) => {
    const result = computeFiveSAudit(audit, options);
    const point: FiveSTrendPoint = {
      auditId: audit.id,
      date: audit.date,
      scoreFraction: result.scoreFraction,
      changeFraction: previous === null ? null : result.scoreFraction - previous,
      pillarScores: Object.fromEntries(result.pillars.map((pillar) => [pillar.pillar, pillar.scoreFraction])) as Record<FiveSPillar, number | null>,
    };
    previous = result.scoreFraction;
    return point;
  });
}
