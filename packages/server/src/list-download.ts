import type { FastifyInstance } from 'fastify';
import { recordsToTable, tableToCsvText, tableToXlsxBuffer } from '@flowpilot/services';

/** Most rows one download gathers (page by page, 500 at a time). */
export const MAX_DOWNLOAD_ROWS = 200_000;
const INNER_PAGE = 'x-flowpilot-download-page';

/**
 * CSV or XLSX download of any list: add `format=csv` (or `csv&delimiter=semicolon`, or `xlsx`) to a
 * GET that answers `{ items, ... }`. Every page is gathered (same caller, same filters), so the
 * file holds the whole list, not the page shown; nested values are kept as JSON text.
 */
export function installListDownloads(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || !request.url.startsWith('/api/v1/') || request.headers[INNER_PAGE] || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const url = new URL(request.url, 'http://flowpilot.local');
    const format = url.searchParams.get('format');
    if (format !== 'csv' && format !== 'xlsx') return payload;
    const body = JSON.parse(payload) as { items?: unknown; total?: unknown };
    if (!Array.isArray(body.items)) return payload;
    const items = [...(body.items as Record<string, unknown>[])];
    if (typeof body.total === 'number' && items.length < body.total && url.searchParams.has('page') !== undefined) {
      const pageSize = 500;
      url.searchParams.delete('format');
      url.searchParams.set('pageSize', String(pageSize));
      items.length = 0;
      for (let page = 1; items.length < Math.min(body.total, MAX_DOWNLOAD_ROWS); page++) {
        url.searchParams.set('page', String(page));
        const headers: Record<string, string> = { [INNER_PAGE]: '1' };
        for (const name of ['cookie', 'authorization', 'accept-language']) if (typeof request.headers[name] === 'string') headers[name] = request.headers[name] as string;
        const inner = await app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers });
        const chunk = (inner.json() as { items?: Record<string, unknown>[] }).items ?? [];
        if (inner.statusCode !== 200 || chunk.length === 0) break;
        items.push(...chunk);
      }
    }
    const table = recordsToTable(items);
    const name = url.pathname.split('/').filter(Boolean).slice(2).join('-') || 'list';
    if (format === 'csv') {
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${name}.csv"`);
      return tableToCsvText(table, url.searchParams.get('delimiter') === 'semicolon' ? ';' : ',');
    }
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="${name}.xlsx"`);
    return tableToXlsxBuffer(table, name);
  });
}
