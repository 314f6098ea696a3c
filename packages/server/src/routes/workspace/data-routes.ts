import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, ExportEntityList, ExportQuery, ImportRequest, ImportResponse, WORKSPACE_IMPORT_BODY_LIMIT_BYTES } from '@flowpilot/contract';
import {
  ENTITY_CATALOG, decodeText, describeImportIssue, findEntityByFileName, normalizeHeader, parseCsvText, parseXlsxBuffer, runExport, runImport,
  type EntityDescriptor, type ImportIssue, type RawTable,
} from '@flowpilot/services';
import type { AppContext } from '../../app';
import { HttpError } from '../../error-handler';
import { organizationOf } from '../../auth/request-auth';
import { translatorOf } from './workspace-request';
import { actorOf } from '../auth';

/** Decodes the files of an import request into raw tables, the way `flowpilot import` reads files from disk. */
async function readRequestFiles(files: ImportRequest['files'], request: FastifyRequest): Promise<RawTable[]> {
  const { t } = translatorOf(request);
  const tables: RawTable[] = [];
  for (const file of files) {
    const bytes = Buffer.from(file.contentBase64, 'base64');
    // Buffer.from ignores bad characters silently: re-encoding tells a truncated or altered text apart.
    if (bytes.toString('base64').replace(/=+$/, '') !== file.contentBase64.replace(/=+$/, '')) {
      throw new HttpError(400, 'bad_base64', t('workspace.error.bad_base64', { file: file.fileName }));
    }
    if (bytes.length === 0) throw new HttpError(400, 'empty_file', t('workspace.error.empty_file', { file: file.fileName }));
    if (/\.xlsx$/i.test(file.fileName)) {
      try {
        tables.push(...(await parseXlsxBuffer(bytes, file.fileName)));
      } catch (error) {
        throw new HttpError(400, 'unreadable_file', t('workspace.error.unreadable_xlsx', { file: file.fileName, detail: error instanceof Error ? error.message : String(error) }));
      }
    } else {
      tables.push(parseCsvText(decodeText(bytes), file.fileName, basename(file.fileName, extname(file.fileName))));
    }
  }
  return tables;
}

/** The canonical field (database column) an issue's column header stands for, when the file's entity knows it. */
function fieldOf(issue: ImportIssue, descriptorBySource: Map<string, EntityDescriptor>): string | null {
  const descriptor = descriptorBySource.get(issue.file);
  if (!descriptor || issue.column === null) return null;
  const parts = issue.column.split('+').map((part) => {
    const wanted = normalizeHeader(part);
    return descriptor.columns.find((c) => normalizeHeader(c.name) === wanted || normalizeHeader(c.headerFr) === wanted)?.name;
  });
  return parts.every((p) => p !== undefined) ? parts.join('+') : null;
}

/** Data exchange: all-or-nothing import of CSV/XLSX files sent as base64, and exports as downloads. */
export function registerDataRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post('/api/v1/imports', {
    config: { permission: 'data_exchange:write' },
    bodyLimit: WORKSPACE_IMPORT_BODY_LIMIT_BYTES,
    // A body over the limit gets a message saying what to do; every other error goes on to the app's handler.
    errorHandler: (error, request, reply) => {
      if ((error as { code?: string }).code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
      return reply.status(413).send({ error: { code: 'body_too_large', message: translatorOf(request).t('workspace.error.body_too_large', { limitMb: WORKSPACE_IMPORT_BODY_LIMIT_BYTES / 1024 / 1024 }) } });
    },
    schema: { tags: ['data'], body: ImportRequest, response: { 200: ImportResponse, 400: ErrorBody, 413: ErrorBody } },
  }, async (request) => {
    const { language } = translatorOf(request);
    const tables = await readRequestFiles(request.body.files, request);
    const report = await runImport(context.handle, { organizationId: organizationOf(request), tables, dryRun: request.body.dryRun === true, today: context.today(), actor: actorOf(request) });
    const descriptorBySource = new Map<string, EntityDescriptor>();
    for (const table of tables) {
      const descriptor = findEntityByFileName(table.entityHint);
      if (descriptor) descriptorBySource.set(table.source, descriptor);
    }
    return {
      dryRun: report.dryRun,
      applied: report.written,
      entities: report.entities,
      issues: report.issues.map((issue) => ({
        severity: issue.severity, file: issue.file, row: issue.row, column: issue.column, field: fieldOf(issue, descriptorBySource),
        value: issue.value, code: issue.code, message: describeImportIssue(issue, language),
      })),
      errorCount: report.errorCount,
      warningCount: report.warningCount,
    };
  });

  typed.get('/api/v1/exports', { config: { permission: 'data_exchange:read' }, schema: { tags: ['data'], response: { 200: ExportEntityList } } }, async (request) => {
    const org = organizationOf(request);
    const items = [];
    for (const descriptor of ENTITY_CATALOG) {
      const rows = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(descriptor.name)} where organization_id = ${org}`.execute(context.handle.db)).rows[0]?.n ?? 0);
      items.push({ entity: descriptor.name, fileName: descriptor.fileNames[0] ?? descriptor.name, fileNameFr: descriptor.fileNames[1] ?? null, rows });
    }
    return { items };
  });

  typed.get('/api/v1/exports/:entity', {
    config: { permission: 'data_exchange:read' },
    schema: { tags: ['data'], params: z.object({ entity: z.string().max(64) }), querystring: ExportQuery, response: { 404: ErrorBody } },
  }, async (request, reply) => {
    const { t } = translatorOf(request);
    const descriptor = ENTITY_CATALOG.find((d) => d.name === request.params.entity) ?? findEntityByFileName(request.params.entity);
    if (!descriptor) throw new HttpError(404, 'not_found', t('workspace.error.unknown_entity', { entity: request.params.entity, expected: ENTITY_CATALOG.map((d) => d.name).join(', ') }));
    const { format, headerLanguage } = request.query;
    const fileBase = (headerLanguage === 'fr' ? descriptor.fileNames[1] : descriptor.fileNames[0]) ?? descriptor.name;
    const fileName = `${fileBase}.${format}`;
    // runExport writes files: one temporary folder per request, removed once the bytes are read.
    const dir = await mkdtemp(join(tmpdir(), 'fp-export-'));
    try {
      const outPath = join(dir, fileName);
      await runExport(context.handle, { organizationId: organizationOf(request), entities: [descriptor.name], format, outPath, headerLanguage });
      const bytes = await readFile(outPath);
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(bytes as never);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
