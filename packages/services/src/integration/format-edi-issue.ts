import { translate, type Language } from '@flowpilot/contract';
import type { EdiIssue } from '@flowpilot/core';
import type { IntegrationMappingIssue } from './mapping-profiles';

/** 'segment 7 (QTY), element 1, component 2, message 1: …' in the user's language. */
export function formatIntegrationEdiIssue(issue: EdiIssue, language: Language): string {
  const t = (key: string, params: Record<string, unknown> = {}): string => translate(language, key, params);
  const where: string[] = [];
  if (issue.messageReference !== null) where.push(t('integration.where.message', { reference: issue.messageReference }));
  if (issue.segmentPosition !== null) where.push(t('integration.where.segment', { position: issue.segmentPosition, tag: issue.segmentTag ?? '?' }));
  else if (issue.segmentTag !== null) where.push(t('integration.where.segment_tag', { tag: issue.segmentTag }));
  if (issue.elementPosition !== null) where.push(t('integration.where.element', { position: issue.elementPosition }));
  if (issue.componentPosition !== null) where.push(t('integration.where.component', { position: issue.componentPosition }));
  const reason = t(`integration.issue.${issue.code}`, issue.params);
  return where.length > 0 ? `${where.join(', ')}: ${reason}` : reason;
}

/** 'extract.csv, row 4, column Qty, value "x": …' in the user's language. */
export function formatIntegrationMappingIssue(issue: IntegrationMappingIssue, language: Language): string {
  const t = (key: string, params: Record<string, unknown> = {}): string => translate(language, key, params);
  const where: string[] = [];
  if (issue.file !== null) where.push(issue.file);
  if (issue.row !== null) where.push(t('integration.where.row', { row: issue.row }));
  if (issue.column !== null) where.push(t('integration.where.column', { column: issue.column }));
  if (issue.value !== null) where.push(t('integration.where.value', { value: issue.value }));
  const reason = t(`integration.mapping.${issue.code}`, { column: issue.column ?? '', value: issue.value ?? '' });
  return where.length > 0 ? `${where.join(', ')}: ${reason}` : reason;
}
