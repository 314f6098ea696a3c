import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import { translate, type Language } from '@flowpilot/contract';
import type { DatabaseHandle } from '@flowpilot/db';
import { CoreError } from '@flowpilot/core';
import { HttpError, languageOf } from '../../error-handler';

/** The caller's language (Accept-Language) and a translator bound to it. */
export function translatorOf(request: FastifyRequest): { language: Language; t: (key: string, params?: Record<string, unknown>) => string } {
  const language = languageOf(request.headers['accept-language']);
  return { language, t: (key, params = {}) => translate(language, key, params) };
}

export type StoredRun = {
  id: string;
  asOfDate: string | null;
  parameters: Record<string, unknown>;
  summary: Record<string, unknown>;
  exceptions: unknown[];
};

/** The latest succeeded run of a type in the organization, or 404 `no_run` saying to run the planning cycle. */
export async function requireLatestRun(handle: DatabaseHandle, organizationId: string, runType: string, request: FastifyRequest): Promise<StoredRun> {
  const row = (await sql<{ id: string; as_of_date: string | null; parameters: Record<string, unknown> | null; summary: Record<string, unknown> | null; exceptions: unknown[] | null }>`
    select id, as_of_date::text, parameters, summary, exceptions from planning_run
    where organization_id = ${organizationId} and run_type = ${runType} and status = 'succeeded' order by created_at desc, id desc limit 1`.execute(handle.db)).rows[0];
  if (!row) throw new HttpError(404, 'no_run', translatorOf(request).t('workspace.error.no_run', { runType }));
  return { id: row.id, asOfDate: row.as_of_date, parameters: row.parameters ?? {}, summary: row.summary ?? {}, exceptions: row.exceptions ?? [] };
}

/** A run of the organization (another organization's run is "not found"), checked to be of the expected type. */
export async function requireRunOfType(handle: DatabaseHandle, organizationId: string, runId: string, runType: string, request: FastifyRequest): Promise<void> {
  const { t } = translatorOf(request);
  const row = (await sql<{ run_type: string }>`select run_type from planning_run where id = ${runId} and organization_id = ${organizationId}`.execute(handle.db)).rows[0];
  if (!row) throw new HttpError(404, 'not_found', t('workspace.error.run_not_found', { runId }));
  if (row.run_type !== runType) throw new HttpError(409, 'wrong_run_type', t('workspace.error.wrong_run_type', { runId, actual: row.run_type, expected: runType }));
}

/** One page of an already sorted list. */
export function pageOfList<T>(items: readonly T[], page: number, pageSize: number): { items: T[]; page: number; pageSize: number; total: number } {
  return { items: items.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: items.length };
}

/** Case-insensitive "contains" filter of a search box (no filter when empty). */
export function matchesSearch(search: string | undefined, ...texts: (string | null | undefined)[]): boolean {
  if (!search) return true;
  const wanted = search.toLowerCase();
  return texts.some((text) => text?.toLowerCase().includes(wanted) ?? false);
}

/** Rounds to `digits` decimals (display figures; the inputs stay exact). */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Runs a computation on a request body: a reference the body names but does not define (a step, a box type) is bad
 * input, 422, not a missing resource; other errors flow to the error handler unchanged.
 */
export function computeFromBody<T>(request: FastifyRequest, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof CoreError && error.code === 'unknown_reference') {
      throw new HttpError(422, error.code, translatorOf(request).t('core.unknown_reference', { path: error.path ?? '-', detail: error.message }), { path: error.path });
    }
    throw error;
  }
}
