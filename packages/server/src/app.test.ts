import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '@flowpilot/db';
import { ErrorBody } from '@flowpilot/contract';
import { runImport, startPlanningRun, finishPlanningRun } from '@flowpilot/services';
import ExcelJS from 'exceljs';
import { API_VERSION, buildApp } from './app';
import { createTestApp, type TestApp } from './testing/test-app';

// In-process HTTP tests (`app.inject`) on a small imported data set; one database for the file
// (every test only reads, except the planning-run test which adds its own run).

let handle: DatabaseHandle;
let app: FastifyInstance;
let testApp: TestApp;
let dataDir: string;
/** A viewer of org-a: every route here only reads. */
const as = async (extra: Record<string, string> = {}): Promise<Record<string, string>> => ({ ...(await testApp.headers('viewer')), ...extra });

const ITEMS = [
  'code,name,item_type,uom_code,make_or_buy,lead_time_days',
  'C1,Screw M6,component,EA,buy,5',
  'C2,Screw M8,component,EA,buy,5',
  'C3,Seal 100%,component,EA,buy,3',
  'FG1,Pump,finished_good,EA,make,2',
  'FG2,Mower,finished_good,EA,make,2',
].join('\n') + '\n';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fp-app-'));
  writeFileSync(join(dataDir, 'units.csv'), 'code,name,dimension\nEA,Each,count\n');
  writeFileSync(join(dataDir, 'items.csv'), ITEMS);
  writeFileSync(join(dataDir, 'suppliers.csv'), 'code,name,country\nS1,Supplier,FR\n');
  writeFileSync(join(dataDir, 'supply_terms.csv'), 'item_code,supplier_code,lead_time_days,unit_price\nC1,S1,5,0.1\nC2,S1,5,0.2\n');
  testApp = await createTestApp({
    seed: async (seeded) => {
      const report = await runImport(seeded, { organizationId: 'org-a', path: dataDir, today: '2026-11-24' });
      expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    },
  });
  app = testApp.app;
  handle = testApp.handle;
});

afterAll(async () => {
  await testApp?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The body is exactly the one error body: `{ error: { code, message, details? } }`. */
function expectErrorBody(body: unknown, code: string): { code: string; message: string; details?: unknown } {
  const parsed = ErrorBody.strict().parse(body);
  expect(parsed.error.code).toBe(code);
  expect(parsed.error.message.length).toBeGreaterThan(0);
  return parsed.error;
}

describe('health and documentation', () => {
  it('answers health and readiness', async () => {
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', version: API_VERSION });
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: handle.kind });
  });

  it('serves a valid OpenAPI 3 document listing every route, and the docs page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as {
      openapi: string; info: { title: string; version: string };
      paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean }[]; responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
    };
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: API_VERSION });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/ready', '/api/v1/auth/login', '/api/v1/auth/session', '/api/v1/users', '/api/v1/audit', '/api/v1/data-quality', '/api/v1/items', '/api/v1/planning-runs', '/api/v1/planning-runs/{id}', '/api/v1/planning-runs/{id}/action-messages', '/api/v1/planning-runs/{id}/capacity-loads', '/api/v1/planning-runs/{id}/forecasts', '/api/v1/planning-runs/{id}/mrp-records/{itemCode}', '/api/v1/planning-runs/{id}/planned-orders', '/api/v1/planning-runs/{id}/purchase-proposals']));
    // Every route the app serves under /api/v1 is in the document.
    const served = app.printRoutes({ commonPrefix: false });
    expect(served).toContain('/api/v1/items');
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(['get', 'post', 'put', 'patch', 'delete']).toContain(method);
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
        for (const status of Object.keys(operation.responses)) expect(status).toMatch(/^[1-5]\d\d$|^default$/);
        // Every {param} of a templated path is declared as a required path parameter.
        for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
          expect(operation.parameters?.find((p) => p.in === 'path' && p.name === name)?.required, `${path} ${name}`).toBe(true);
        }
        for (const response of Object.values(operation.responses)) {
          for (const media of Object.values(response.content ?? {})) expect(typeof media.schema).toBe('object');
        }
      }
    }
    // Every $ref points at a schema the document defines.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1] as string);
    for (const ref of refs) {
      const target = ref.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeTypeOf('object');
    }
    const itemsQuery = doc.paths['/api/v1/items']?.get?.parameters?.map((p) => `${p.in}:${p.name}`).sort();
    expect(itemsQuery).toEqual(['query:familyCode', 'query:itemType', 'query:page', 'query:pageSize', 'query:search']);

    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});

describe('GET /api/v1/items', () => {
  it('pages through the items in code order; a page beyond the end is an empty list', async () => {
    const pages = [];
    for (const page of [1, 2, 3, 4]) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/items?page=${page}&pageSize=2`, headers: await as() });
      expect(response.statusCode).toBe(200);
      pages.push(response.json() as { items: { code: string }[]; page: number; pageSize: number; total: number });
    }
    expect(pages.map((p) => p.items.map((i) => i.code))).toEqual([['C1', 'C2'], ['C3', 'FG1'], ['FG2'], []]);
    expect(pages.every((p) => p.total === 5 && p.pageSize === 2)).toBe(true);
    expect(pages[0]?.items[0]).toMatchObject({ code: 'C1', name: 'Screw M6', itemType: 'component', uomCode: 'EA', makeOrBuy: 'buy', leadTimeDays: 5 });
  });

  it('filters by type and searches code or name, case-insensitively, with % and _ taken literally', async () => {
    const codes = async (query: string): Promise<{ codes: string[]; total: number }> => {
      const response = await app.inject({ method: 'GET', url: `/api/v1/items?${query}`, headers: await as() });
      expect(response.statusCode).toBe(200);
      const body = response.json() as { items: { code: string }[]; total: number };
      return { codes: body.items.map((i) => i.code), total: body.total };
    };
    expect(await codes('itemType=finished_good')).toEqual({ codes: ['FG1', 'FG2'], total: 2 });
    expect(await codes('search=screw')).toEqual({ codes: ['C1', 'C2'], total: 2 });
    expect(await codes('search=fg&itemType=finished_good&pageSize=1')).toEqual({ codes: ['FG1'], total: 2 });
    expect(await codes(`search=${encodeURIComponent('100%')}`)).toEqual({ codes: ['C3'], total: 1 });
    expect(await codes(`search=${encodeURIComponent('%')}`)).toEqual({ codes: ['C3'], total: 1 });
    expect(await codes('search=_')).toEqual({ codes: [], total: 0 });
  });

  it('rejects an invalid query with 400 and the one error body', async () => {
    for (const query of ['pageSize=0', 'pageSize=501', 'page=abc', 'itemType=gadget']) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/items?${query}`, headers: await as() });
      expect(response.statusCode, query).toBe(400);
      const error = expectErrorBody(response.json(), 'validation_failed');
      expect(error.message).toMatch(/querystring/);
      expect(Array.isArray(error.details)).toBe(true);
    }
  });
});

describe('errors and languages', () => {
  it('answers an unknown route with 404 and the error body, in French with accept-language: fr', async () => {
    const english = await app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: await as() });
    expect(english.statusCode).toBe(404);
    expect(expectErrorBody(english.json(), 'not_found').message).toBe('Not found: GET /api/v1/nothing-here');
    const french = await app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: await as({ 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' }) });
    expect(french.statusCode).toBe(404);
    expect(expectErrorBody(french.json(), 'not_found').message).toBe('Introuvable : GET /api/v1/nothing-here');
  });

  it('lists planning runs and answers 404 for an unknown one', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/v1/planning-runs/run_does_not_exist', headers: await as() });
    expect(missing.statusCode).toBe(404);
    expect(expectErrorBody(missing.json(), 'not_found').message).toContain('run_does_not_exist');

    const run = await startPlanningRun(handle, { organizationId: 'org-a', runType: 'data_quality', asOfDate: '2026-11-24', parameters: { horizonWeeks: 4 } });
    await finishPlanningRun(handle, run, { status: 'succeeded', inputsHash: 'abc123', summary: { errorCount: 1 }, exceptions: [{ what: 'x' }, { what: 'y' }] });
    const other = await startPlanningRun(handle, { organizationId: 'org-b', runType: 'mrp', asOfDate: '2026-11-24', parameters: {} });
    await finishPlanningRun(handle, other, { status: 'succeeded', summary: {} });

    const list = await app.inject({ method: 'GET', url: '/api/v1/planning-runs?runType=data_quality', headers: await as() });
    expect(list.statusCode).toBe(200);
    const page = list.json() as { items: { id: string; status: string; inputsHash: string; exceptionCount: number }[]; total: number };
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: run.id, status: 'succeeded', inputsHash: 'abc123', exceptionCount: 2 });
    const detail = await app.inject({ method: 'GET', url: `/api/v1/planning-runs/${run.id}`, headers: await as() });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: run.id, runType: 'data_quality', asOfDate: '2026-11-24', parameters: { horizonWeeks: 4 }, summary: { errorCount: 1 }, exceptions: [{ what: 'x' }, { what: 'y' }] });
    // Another organization's run is not visible.
    expect((await app.inject({ method: 'GET', url: `/api/v1/planning-runs/${other.id}`, headers: await as() })).statusCode).toBe(404);
  });

  it('returns the data-quality report with titles and messages in the caller language', async () => {
    const english = await app.inject({ method: 'GET', url: '/api/v1/data-quality', headers: await as() });
    expect(english.statusCode).toBe(200);
    const report = english.json() as { today: string; errorCount: number; checks: { check: string; title: string; findingCount: number }[]; findings: { check: string; key: string; message: string }[] };
    expect(report.today).toBe('2026-11-24');
    expect(report.checks.find((c) => c.check === 'buy_item_without_supplier')).toMatchObject({ title: 'Purchased items without a supplier', findingCount: 1 });
    expect(report.findings.filter((f) => f.check === 'buy_item_without_supplier').map((f) => f.key)).toEqual(['C3']);
    expect(report.findings.filter((f) => f.check === 'make_item_without_bom').map((f) => f.key)).toEqual(['FG1', 'FG2']);
    expect(report.errorCount).toBe(3);
    const french = await app.inject({ method: 'GET', url: '/api/v1/data-quality', headers: await as({ 'accept-language': 'fr' }) });
    const fr = french.json() as typeof report;
    expect(fr.checks.find((c) => c.check === 'buy_item_without_supplier')?.title).toBe('Articles achetés sans fournisseur');
    expect(fr.findings.find((f) => f.key === 'C3')?.message).toContain('article acheté sans condition d’achat');
  });
});

describe('list downloads', () => {
  it('downloads any list as CSV (every page, BOM, semicolons on request) and as XLSX', async () => {
    const csv = await app.inject({ method: 'GET', url: '/api/v1/items?pageSize=2&format=csv', headers: await as() });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="items.csv"');
    const lines = csv.body.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('code,name,itemType,uomCode,familyCode,makeOrBuy,standardCost,leadTimeDays');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['C1', 'C2', 'C3', 'FG1', 'FG2']);
    const filtered = await app.inject({ method: 'GET', url: '/api/v1/items?itemType=finished_good&format=csv&delimiter=semicolon', headers: await as() });
    expect(filtered.body.replace(/^\ufeff/, '').trimEnd().split('\r\n').slice(1).map((l) => l.split(';')[0])).toEqual(['FG1', 'FG2']);
    const xlsx = await app.inject({ method: 'GET', url: '/api/v1/items?format=xlsx', headers: await as() });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('code');
    expect(sheet?.rowCount).toBe(6);
    // Without a session, no download either.
    expect((await app.inject({ method: 'GET', url: '/api/v1/items?format=csv' })).statusCode).toBe(401);
  });
});

describe('robustness at the edge', () => {
  it('answers malformed JSON, wrong types and oversized bodies with 4xx and the error body, never 500', async () => {
    const headers = { 'content-type': 'application/json' };
    const malformed = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"email": ', headers });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toMatch(/JSON/i);
    const wrongType = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: JSON.stringify({ email: ['a'], password: 3 }), headers });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.code).toBe('validation_failed');
    const small = await buildApp({ handle, today: () => '2026-11-24', bodyLimitBytes: 1024, webDistDir: null });
    try {
      const oversized = await small.inject({ method: 'POST', url: '/api/v1/auth/login', payload: JSON.stringify({ email: 'x'.repeat(5000), password: 'y' }), headers });
      expect(oversized.statusCode).toBe(413);
      expect(oversized.json().error.message.length).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});
