import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import {
  CoreError, computeFiveSAudit, computeFiveSTrend, computeSmedAnalysis,
  type FiveSAnswer, type FiveSAudit, type FiveSAuditResult, type FiveSTrendPoint, type SmedAnalysisResult, type SmedElement,
} from '@flowpilot/core';
import { inTransaction, requireDate } from './internal/record-helpers';
import { recordAuditEntry, type AuditActor } from '../auth/audit';

const SYSTEM_ACTOR: AuditActor = { userId: null, email: null, via: 'system' };

async function nextNumber(handle: DatabaseHandle, table: 'smed_study' | 'five_s_audit', column: 'study_number' | 'audit_number', organizationId: string, prefix: string): Promise<string> {
  const last = (await sql<{ n: string | null }>`select max(substring(${sql.ref(column)} from ${`^${prefix}-([0-9]+)$`})::bigint)::text as n from ${sql.table(table)} where organization_id = ${organizationId}`.execute(handle.db)).rows[0]?.n;
  return `${prefix}-${Number(last ?? 0) + 1}`;
}

/** A stored SMED study with its before/after analysis (computed by the core on every read). */
export type ImprovementSmedStudy = {
  studyNumber: string; workCenterCode: string | null; studyDate: string; title: string; changeoversPerWeek: number | null;
  elements: SmedElement[]; analysis: SmedAnalysisResult;
};

export type RecordImprovementSmedStudyInput = {
  organizationId: string; studyNumber?: string; workCenterCode?: string; studyDate: string; title: string; changeoversPerWeek?: number; elements: SmedElement[];
  /** Who records it (audit trail); default the system. */
  actor?: AuditActor;
};

/**
 * Records a SMED study of a changeover (elements internal/external with the workshop's decision) and
 * returns its analysis: changeover before/after, time saved, machine time freed per week
 * (Shingo 1985; formulas in core computeSmedAnalysis). Throws the core's errors for bad elements.
 */
export async function recordImprovementSmedStudy(handle: DatabaseHandle, input: RecordImprovementSmedStudyInput): Promise<ImprovementSmedStudy> {
  requireDate(input.studyDate, 'studyDate');
  if (!input.title.trim()) throw new CoreError('invalid_input', 'title must not be empty', { path: 'title' });
  const analysis = computeSmedAnalysis({ elements: input.elements, ...(input.changeoversPerWeek !== undefined ? { changeoversPerPeriod: input.changeoversPerWeek } : {}) });
  if (input.workCenterCode) {
    const found = (await sql`select 1 from work_center where organization_id = ${input.organizationId} and code = ${input.workCenterCode}`.execute(handle.db)).rows[0];
    if (!found) throw new CoreError('unknown_reference', `Work centre ${input.workCenterCode} does not exist`, { path: 'workCenterCode' });
  }
  const studyNumber = input.studyNumber ?? (await nextNumber(handle, 'smed_study', 'study_number', input.organizationId, 'SMED'));
  const study = { studyNumber, workCenterCode: input.workCenterCode ?? null, studyDate: input.studyDate, title: input.title, changeoversPerWeek: input.changeoversPerWeek ?? null, elements: input.elements, analysis };
  await inTransaction(handle, async (trx) => {
    await sql`insert into smed_study (organization_id, study_number, work_center_code, study_date, title, changeovers_per_week, elements)
      values (${input.organizationId}, ${studyNumber}, ${input.workCenterCode ?? null}, ${input.studyDate}, ${input.title}, ${input.changeoversPerWeek ?? null}, ${JSON.stringify(input.elements)}::jsonb)`.execute(trx);
    await recordAuditEntry(trx, { organizationId: input.organizationId, actor: input.actor ?? SYSTEM_ACTOR, action: 'smed.record', entity: 'smed_study', entityKey: studyNumber, before: null, after: study });
  });
  return study;
}

/** SMED studies of an organization (optionally of one work centre), newest first, each with its analysis. */
export async function listImprovementSmedStudies(handle: DatabaseHandle, input: { organizationId: string; workCenterCode?: string }): Promise<ImprovementSmedStudy[]> {
  const rows = (await sql<{ study_number: string; work_center_code: string | null; study_date: string; title: string; changeovers_per_week: string | null; elements: SmedElement[] }>`
    select study_number, work_center_code, study_date::text, title, changeovers_per_week::text, elements from smed_study
    where organization_id = ${input.organizationId} and (${input.workCenterCode ?? null}::text is null or work_center_code = ${input.workCenterCode ?? null})
    order by study_date desc, study_number desc`.execute(handle.db)).rows;
  return rows.map((r) => {
    const changeoversPerWeek = r.changeovers_per_week === null ? null : Number(r.changeovers_per_week);
    return {
      studyNumber: r.study_number, workCenterCode: r.work_center_code, studyDate: r.study_date, title: r.title, changeoversPerWeek, elements: r.elements,
      analysis: computeSmedAnalysis({ elements: r.elements, ...(changeoversPerWeek !== null ? { changeoversPerPeriod: changeoversPerWeek } : {}) }),
    };
  });
}

export type RecordImprovementFiveSAuditInput = {
  organizationId: string; auditNumber?: string; area: string; auditDate: string; auditor?: string; maxScorePerQuestion: 4 | 5; answers: FiveSAnswer[];
  /** Who records it (audit trail); default the system. */
  actor?: AuditActor;
};

/**
 * Records a 5S audit of an area and returns its scores per pillar and the findings (answers scored
 * ≤ 1: candidates for an improvement action with `--finding`). Source: Hirano (1995); formulas in core computeFiveSAudit.
 */
export async function recordImprovementFiveSAudit(handle: DatabaseHandle, input: RecordImprovementFiveSAuditInput): Promise<FiveSAuditResult & { auditor: string | null }> {
  requireDate(input.auditDate, 'auditDate');
  if (!input.area.trim()) throw new CoreError('invalid_input', 'area must not be empty', { path: 'area' });
  const auditNumber = input.auditNumber ?? (await nextNumber(handle, 'five_s_audit', 'audit_number', input.organizationId, '5S'));
  const audit: FiveSAudit = { id: auditNumber, date: input.auditDate, area: input.area, maxScorePerQuestion: input.maxScorePerQuestion, answers: input.answers };
  const result = { ...computeFiveSAudit(audit), auditor: input.auditor ?? null };
  await inTransaction(handle, async (trx) => {
    await sql`insert into five_s_audit (organization_id, audit_number, area, audit_date, auditor, max_score_per_question, answers)
      values (${input.organizationId}, ${auditNumber}, ${input.area}, ${input.auditDate}, ${input.auditor ?? null}, ${input.maxScorePerQuestion}, ${JSON.stringify(input.answers)}::jsonb)`.execute(trx);
    await recordAuditEntry(trx, { organizationId: input.organizationId, actor: input.actor ?? SYSTEM_ACTOR, action: 'five_s.record', entity: 'five_s_audit', entityKey: auditNumber, before: null, after: { ...result, answers: input.answers } });
  });
  return result;
}

/** 5S scores over time of each area (or one), with the change since the previous audit and the latest findings. */
export async function computeImprovementFiveSTrend(handle: DatabaseHandle, input: { organizationId: string; area?: string }): Promise<{ area: string; trend: FiveSTrendPoint[]; latest: FiveSAuditResult }[]> {
  const rows = (await sql<{ audit_number: string; area: string; audit_date: string; max_score_per_question: number; answers: FiveSAnswer[] }>`
    select audit_number, area, audit_date::text, max_score_per_question, answers from five_s_audit
    where organization_id = ${input.organizationId} and (${input.area ?? null}::text is null or area = ${input.area ?? null})
    order by area, audit_date, audit_number`.execute(handle.db)).rows;
  const byArea = new Map<string, FiveSAudit[]>();
  for (const r of rows) {
    const audits = byArea.get(r.area) ?? [];
    audits.push({ id: r.audit_number, date: r.audit_date, area: r.area, maxScorePerQuestion: r.max_score_per_question === 5 ? 5 : 4, answers: r.answers });
    byArea.set(r.area, audits);
  }
  return [...byArea.entries()].map(([area, audits]) => ({ area, trend: computeFiveSTrend(audits), latest: computeFiveSAudit(audits[audits.length - 1]!) }));
}
