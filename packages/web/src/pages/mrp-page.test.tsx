// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { permissionsOf } from '@flowpilot/contract';
import { SessionProvider } from '../auth/session-context';
import { I18nProvider } from '../i18n/i18n-context';
import { LatestRunsProvider } from '../api/latest-runs';
import { setCsrfToken } from '../api/api-client';
import { parseHash } from '../router';
import { AsRole, stubApi } from '../testing/stub-api';
import { MrpPage } from './mrp-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const run = { id: 'run_mrp_1', runType: 'mrp', status: 'succeeded', asOfDate: '2026-11-23', inputsHash: null, parameters: {}, summary: {}, exceptionCount: 0, startedAt: null, finishedAt: null, durationMs: 10 };
const message = (sequence: number, ownerRole: 'buyer' | 'planner', status = 'open') => ({
  sequence, kind: 'release', itemCode: `ITEM-${sequence}`, ownerCode: ownerRole === 'buyer' ? 'ACH-1' : 'PLN-1', ownerRole, orderKind: 'planned', orderId: `PO-${sequence}`,
  periodDate: '2026-11-30', suggestedDate: null, quantity: '10.000000', suggestedQuantity: null, reason: 'release_period_reached', status,
});

describe('MRP page, action messages', () => {
  it('lets a buyer bulk-approve only the buyer-owned open messages, posting their sequences with the CSRF token', async () => {
    const posted: unknown[] = [];
    let messages = [message(1, 'buyer'), message(2, 'planner'), message(3, 'buyer'), message(4, 'buyer', 'approved')];
    vi.stubGlobal('fetch', vi.fn(async (path: string, init: RequestInit) => {
      const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (path.startsWith('/api/v1/planning-runs?')) return json(200, { items: [run], page: 1, pageSize: 100, total: 1 });
      if (path === '/api/v1/planning-runs/run_mrp_1/action-messages/status') {
        const body = JSON.parse(String(init.body)) as { sequences: number[] };
        posted.push({ body, csrf: (init.headers as Record<string, string>)['x-csrf-token'] });
        messages = messages.map((m) => (body.sequences.includes(m.sequence) ? { ...m, status: 'approved' } : m));
        return json(200, { items: [], updatedCount: body.sequences.length });
      }
      if (path.startsWith('/api/v1/planning-runs/run_mrp_1/action-messages')) return json(200, { items: messages, page: 1, pageSize: 500, total: messages.length });
      return json(404, { error: { code: 'not_found', message: path } });
    }));
    setCsrfToken('csrf-buyer');
    const session = { user: { id: 'b', email: 'buyer@x', displayName: 'Buyer', language: null }, organization: { id: 'org-a', name: 'A' }, role: 'buyer' as const, permissions: permissionsOf('buyer'), organizations: [], csrfToken: 'csrf-buyer' };
    render(<I18nProvider language="en"><SessionProvider initial={{ status: 'signed-in', session }}><LatestRunsProvider><MrpPage route={parseHash('#/mrp')} /></LatestRunsProvider></SessionProvider></I18nProvider>);
    const table = await screen.findByTestId('action-messages');
    // the open filter hides the approved message 4
    expect(within(table).queryByText('ITEM-4')).toBeNull();
    expect((screen.getByLabelText('Select message 2') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Select all'));
    fireEvent.click(screen.getByTestId('approve-messages'));
    expect(await screen.findByText('2 message(s) approved.')).toBeTruthy();
    expect(posted).toEqual([{ body: { sequences: [1, 3], status: 'approved' }, csrf: 'csrf-buyer' }]);
    await waitFor(() => expect(within(screen.getByTestId('action-messages')).queryByText('ITEM-1')).toBeNull());
    expect(within(screen.getByTestId('action-messages')).getByText('ITEM-2')).toBeTruthy();
  });
});

describe('MRP page, planned orders', () => {
  const order = (orderId: string, sourcing: 'make' | 'buy' | 'transfer', extra: { locationCode?: string; supplierCode?: string | null; fromLocationCode?: string | null } = {}) => ({
    orderId, itemCode: `ITEM-${orderId}`, sourcing, locationCode: extra.locationCode ?? 'WH-PAR', supplierCode: extra.supplierCode ?? null, fromLocationCode: extra.fromLocationCode ?? null,
    releaseDate: '2026-11-30', receiptDate: '2026-12-07', quantity: '10', releaseQuantity: '10', pegging: [],
  });
  const orders = [order('PL-1', 'buy', { supplierCode: 'S1' }), order('MO-1', 'make', { locationCode: 'PLANT' }), order('TR-1', 'transfer', { locationCode: 'WH-LYO', fromLocationCode: 'WH-PAR' })];

  it('shows transfers from source to destination and filters the list on the kind (asked of the server)', async () => {
    const calls = stubApi(({ path }) => {
      if (path.startsWith('/api/v1/planning-runs?')) return [200, { items: [run], page: 1, pageSize: 100, total: 1 }];
      if (path.startsWith('/api/v1/planning-runs/run_mrp_1/planned-orders')) {
        const kind = new URL(path, 'http://x').searchParams.get('kind');
        const items = orders.filter((o) => !kind || o.sourcing === kind);
        return [200, { items, page: 1, pageSize: 500, total: items.length }];
      }
      return undefined;
    });
    render(<AsRole role="planner"><LatestRunsProvider><MrpPage route={parseHash('#/mrp?tab=orders')} /></LatestRunsProvider></AsRole>);
    const table = await screen.findByTestId('planned-orders');
    expect(within(table).getByText('ITEM-PL-1')).toBeTruthy();
    const transfer = within(table).getByText('ITEM-TR-1').closest('tr')!;
    expect(transfer.textContent).toContain('transfer');
    expect(transfer.textContent).toContain('WH-PAR → WH-LYO');
    expect(within(transfer).getByTitle('Transfer from WH-PAR to WH-LYO')).toBeTruthy();
    fireEvent.change(screen.getByTestId('planned-order-kind'), { target: { value: 'transfer' } });
    await waitFor(() => expect(within(screen.getByTestId('planned-orders')).queryByText('ITEM-PL-1')).toBeNull());
    expect(within(screen.getByTestId('planned-orders')).getByText('ITEM-TR-1')).toBeTruthy();
    expect(calls.map((c) => c.path).filter((p) => p.includes('planned-orders'))).toEqual([
      '/api/v1/planning-runs/run_mrp_1/planned-orders?page=1&pageSize=500',
      '/api/v1/planning-runs/run_mrp_1/planned-orders?kind=transfer&page=1&pageSize=500',
    ]);
  });
});
