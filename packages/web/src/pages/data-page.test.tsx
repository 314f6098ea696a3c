// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { permissionsOf } from '@flowpilot/contract';
import { SessionProvider } from '../auth/session-context';
import { I18nProvider } from '../i18n/i18n-context';
import { DataPage, fileToBase64 } from './data-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('Data page', () => {
  it('encodes files as base64 for the import API', async () => {
    expect(await fileToBase64(new Blob(['code,name\nA,Été\n']))).toBe(Buffer.from('code,name\nA,Été\n').toString('base64'));
  });

  it('sends the chosen file and shows every issue row by row, saying nothing was written', async () => {
    const sent: unknown[] = [];
    vi.stubGlobal('fetch', vi.fn(async (path: string, init: RequestInit) => {
      if (path === '/api/v1/imports') {
        sent.push(JSON.parse(String(init.body)));
        return json(200, {
          dryRun: false, applied: false, entities: [{ entity: 'item', rows: 2, sources: ['items.csv'] }], errorCount: 1, warningCount: 0,
          issues: [{ severity: 'error', file: 'items.csv', row: 3, column: 'standard_cost', field: 'standard_cost', value: 'abc', code: 'not_a_number', message: 'Nombre attendu : écrivez 1234,5.' }],
        });
      }
      if (path === '/api/v1/data-quality') return json(200, { organizationId: 'org-a', today: '2026-11-23', errorCount: 0, warningCount: 1, checks: [{ check: 'past_due_purchase', title: 'Past-due purchase order lines', severity: 'warning', findingCount: 1 }], findings: [{ check: 'past_due_purchase', severity: 'warning', entity: 'purchase_order_line', key: 'PO-1/1', message: 'PO-1/1 is late' }] });
      if (path === '/api/v1/exports') return json(200, { items: [{ entity: 'item', fileName: 'items.csv', fileNameFr: 'articles.csv', rows: 204 }] });
      return json(404, { error: { code: 'not_found', message: path } });
    }));
    const session = { user: { id: 'p', email: 'planner@x', displayName: 'Planner', language: null }, organization: { id: 'org-a', name: 'A' }, role: 'planner' as const, permissions: permissionsOf('planner'), organizations: [], csrfToken: 'c' };
    render(<I18nProvider language="en"><SessionProvider initial={{ status: 'signed-in', session }}><DataPage /></SessionProvider></I18nProvider>);
    const file = new File(['code,standard_cost\nA,1\nB,abc\n'], 'items.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByTestId('import-files'), { target: { files: [file] } });
    fireEvent.click(screen.getByTestId('import-submit'));
    const issues = await screen.findByTestId('import-issues');
    const row = within(issues).getByText('Nombre attendu : écrivez 1234,5.').closest('tr')!;
    expect(within(row).getByText('3')).toBeTruthy();
    expect(within(row).getByText('standard_cost')).toBeTruthy();
    expect(within(row).getByText('abc')).toBeTruthy();
    expect(screen.getByTestId('import-report').textContent).toContain('Nothing written: 1 error(s), 0 warning(s)');
    expect(sent).toEqual([{ files: [{ fileName: 'items.csv', contentBase64: Buffer.from('code,standard_cost\nA,1\nB,abc\n').toString('base64') }], dryRun: false }]);
    expect(await screen.findByText('PO-1/1 is late')).toBeTruthy();
  });
});
