// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { LatestRunsProvider } from '../api/latest-runs';
import { AsRole, stubApi } from '../testing/stub-api';
import { ProcurementPage } from './procurement-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const run = { id: 'run_prop_1', runType: 'proposals', status: 'succeeded', asOfDate: '2026-11-23', inputsHash: null, parameters: {}, summary: {}, exceptionCount: 0, startedAt: null, finishedAt: null, durationMs: 10 };
type Line = { supplierCode: string; plannedOrderId: string; itemCode: string; status: 'proposed' | 'approved' | 'rejected'; purchaseOrderNumber: string | null };
const line = (supplierCode: string, plannedOrderId: string, itemCode: string, status: Line['status'] = 'proposed', purchaseOrderNumber: string | null = null) => ({
  supplierCode, plannedOrderId, itemCode, locationCode: 'WH-PAR', quantity: '100', unitPrice: '2.5', priceBasis: 'list', currency: 'EUR',
  releaseDate: '2026-11-30', dueDate: '2026-12-14', status, purchaseOrderNumber,
});

/** The proposal lines of a run; the approve route turns the posted plannedOrderIds into one PO per supplier, numbered PO-<year>-<6 digits>. */
function stubProposals(lines: ReturnType<typeof line>[]) {
  let next = 124;
  return stubApi(({ method, path, body }) => {
    if (path.startsWith('/api/v1/planning-runs?')) return [200, { items: [run], page: 1, pageSize: 100, total: 1 }];
    if (path.startsWith('/api/v1/suppliers/scorecard')) return [200, { from: '2026-01-01', to: '2026-11-23', suppliers: [] }];
    if (method === 'POST' && path === '/api/v1/planning-runs/run_prop_1/purchase-proposals/approve') {
      const ids = (body as { plannedOrderIds?: string[] }).plannedOrderIds;
      const chosen = lines.filter((l) => l.status === 'proposed' && (!ids || ids.includes(l.plannedOrderId)));
      const suppliers = [...new Set(chosen.map((l) => l.supplierCode))];
      const orders = suppliers.map((s) => ({ orderNumber: `PO-2026-${String(next++).padStart(6, '0')}`, supplierCode: s, lineCount: chosen.filter((l) => l.supplierCode === s).length, plannedOrderIds: chosen.filter((l) => l.supplierCode === s).map((l) => l.plannedOrderId) }));
      for (const o of orders) for (const id of o.plannedOrderIds) Object.assign(lines.find((l) => l.plannedOrderId === id)!, { status: 'approved', purchaseOrderNumber: o.orderNumber });
      return [200, { runId: run.id, purchaseOrders: orders }];
    }
    if (path.startsWith('/api/v1/planning-runs/run_prop_1/purchase-proposals')) return [200, { items: lines, page: 1, pageSize: 500, total: lines.length }];
    return undefined;
  });
}

describe('Procurement page, partial approval by line', () => {
  it('approves only the ticked lines, shows the purchase order number, and shows the decided lines as such', async () => {
    const lines = [line('S1', 'PL-RM-10-1', 'RM-10'), line('S1', 'PL-RM-10-2', 'RM-10'), line('S1', 'PL-RM-11-1', 'RM-11'), line('S2', 'PL-RM-20-1', 'RM-20', 'approved', 'PO-2026-000100')];
    const calls = stubProposals(lines);
    render(<AsRole role="buyer"><LatestRunsProvider><ProcurementPage /></LatestRunsProvider></AsRole>);
    const table = await screen.findByTestId('proposal-lines');
    // the line already approved cannot be ticked and reads as decided, with its PO
    const decided = screen.getByLabelText('Select line PL-RM-20-1 (RM-20)') as HTMLInputElement;
    expect(decided.disabled).toBe(true);
    expect(decided.closest('tr')!.className).toContain('decided');
    expect(within(decided.closest('tr')!).getByText('PO-2026-000100')).toBeTruthy();
    expect((screen.getByTestId('approve-ticked') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Select line PL-RM-10-1 (RM-10)'));
    fireEvent.click(screen.getByLabelText('Select line PL-RM-11-1 (RM-11)'));
    expect(screen.getByTestId('approve-ticked').textContent).toBe('Approve the selected lines (2)');
    fireEvent.click(screen.getByTestId('approve-ticked'));
    expect((await screen.findByTestId('procurement-feedback')).textContent).toBe('Purchase orders created: PO-2026-000124 (S1, 2 line(s)).');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ plannedOrderIds: ['PL-RM-10-1', 'PL-RM-11-1'] }]);
    // after the reload: the two lines are approved on the new PO, the third S1 line stays open and can still be ticked
    const approvedRow = (await within(table).findAllByText('PO-2026-000124'))[0]!.closest('tr')!;
    expect(approvedRow.className).toContain('decided');
    expect((screen.getByLabelText('Select line PL-RM-10-1 (RM-10)') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('Select line PL-RM-10-2 (RM-10)') as HTMLInputElement).disabled).toBe(false);
    expect(screen.getByTestId('approve-ticked').textContent).toBe('Approve the selected lines (0)');
  });

  it('shows the server\'s message when a line was decided meanwhile, and no tick boxes to a viewer', async () => {
    stubApi(({ method, path }) => {
      if (path.startsWith('/api/v1/planning-runs?')) return [200, { items: [run], page: 1, pageSize: 100, total: 1 }];
      if (path.startsWith('/api/v1/suppliers/scorecard')) return [200, { from: '2026-01-01', to: '2026-11-23', suppliers: [] }];
      if (method === 'POST') return [409, { error: { code: 'conflict', message: 'Line PL-RM-10-1 is already approved (PO-2026-000124).' } }];
      if (path.startsWith('/api/v1/planning-runs/run_prop_1/purchase-proposals')) return [200, { items: [line('S1', 'PL-RM-10-1', 'RM-10')], page: 1, pageSize: 500, total: 1 }];
      return undefined;
    });
    render(<AsRole role="buyer"><LatestRunsProvider><ProcurementPage /></LatestRunsProvider></AsRole>);
    fireEvent.click(await screen.findByLabelText('Select line PL-RM-10-1 (RM-10)'));
    fireEvent.click(screen.getByTestId('approve-ticked'));
    expect((await screen.findByRole('alert')).textContent).toBe('Line PL-RM-10-1 is already approved (PO-2026-000124).');
    cleanup();
    render(<AsRole role="viewer"><LatestRunsProvider><ProcurementPage /></LatestRunsProvider></AsRole>);
    await screen.findByTestId('proposal-lines');
    expect(screen.queryByLabelText('Select line PL-RM-10-1 (RM-10)')).toBeNull();
    expect(screen.queryByTestId('approve-ticked')).toBeNull();
  });
});
