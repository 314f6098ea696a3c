// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { LatestRunsProvider } from '../api/latest-runs';
import { AsRole, sessionOf, stubApi } from '../testing/stub-api';
import { I18nProvider } from '../i18n/i18n-context';
import { SessionProvider } from '../auth/session-context';
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

describe('Procurement page, origin and policy basis of a line', () => {
  const policyLine = {
    ...line('S1', 'POL-C1@PL1', 'C1'), quantity: '60', unitPrice: '16', priceBasis: 'price break from 60', origin: 'policy' as const,
    policyBasis: {
      method: 'reorder_point' as const, inventoryPosition: 40, onHandQuantity: 40, onOrderQuantity: 0, backorderQuantity: 0, reorderPoint: 60, orderQuantity: 50, orderCount: 1,
      requiredQuantity: 50, adjustments: ['raised to 60 for the price break (960 < 1000 in total)'], leadTimeDays: 14, formula: 'IP 40 ≤ s 60: n = ⌊(s − IP) / Q⌋ + 1 = 1, order n × Q = 1 × 50',
      parameterSource: { runId: 'run_pol_7', reorderPoint: 'computed' as const, orderQuantity: 'manual' as const },
    },
  };
  const reviewLine = {
    ...line('S1', 'POL-C2@PL1', 'C2'), quantity: '150', origin: 'policy' as const,
    policyBasis: { method: 'periodic_review' as const, inventoryPosition: 100, onHandQuantity: 0, onOrderQuantity: 100, backorderQuantity: 0, orderUpToLevel: 250, reviewDate: '2026-11-24', reviewPeriodDays: 14, requiredQuantity: 150, adjustments: [], leadTimeDays: 7, formula: 'review 2026-11-24, IP 100 < S 250: order S − IP = 150' },
  };
  const mrpLine = { ...line('S2', 'PO-C3-1', 'C3'), origin: 'mrp' as const, policyBasis: null };

  it('shows MRP or policy per line and opens the basis of a policy line from the keyboard (s and Q, rounding; S and review date)', async () => {
    stubProposals([policyLine, reviewLine, mrpLine] as never);
    render(<AsRole role="viewer"><LatestRunsProvider><ProcurementPage /></LatestRunsProvider></AsRole>);
    const table = await screen.findByTestId('proposal-lines');
    const mrpRow = within(table).getByText('PO-C3-1').closest('tr')!;
    expect(within(mrpRow).getByText('MRP')).toBeTruthy();
    expect(within(mrpRow).queryByRole('button', { name: /Basis/ })).toBeNull();
    const button = screen.getByRole('button', { name: 'Basis of line POL-C1@PL1 (C1)' });
    expect(within(button.closest('tr')!).getByText('Policy')).toBeTruthy();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('policy-basis')).toBeNull();
    fireEvent.click(button);
    const panel = screen.getByRole('region', { name: 'Basis of POL-C1@PL1 (C1)' });
    const expanded = screen.getByRole('button', { name: 'Basis of line POL-C1@PL1 (C1)' });
    expect(expanded.getAttribute('aria-expanded')).toBe('true');
    expect(expanded.getAttribute('aria-controls')).toBe(panel.id);
    expect(document.activeElement).toBe(panel);
    const facts = Object.fromEntries([...panel.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    expect(facts).toMatchObject({
      Policy: 'Reorder point (s, Q)', 'Inventory position': '40 = 40 on hand + 0 on order − 0 backorders',
      'Reorder point s': '60 (computed by the inventory-policy run run_pol_7)', 'Order quantity Q': '50 (set by a person)',
      'Lots ordered n = ⌊(s − IP) / Q⌋ + 1': '1', 'Asked for by the policy': '50', Rounding: 'raised to 60 for the price break (960 < 1000 in total)',
      'Proposed quantity': '60 (price break from 60)', 'Supplier lead time': '14 days',
    });
    // Escape closes it and gives the focus back to the line's button.
    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(screen.queryByTestId('policy-basis')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Basis of line POL-C1@PL1 (C1)' }));
    expect(document.activeElement!.getAttribute('aria-expanded')).toBe('false');
    // The periodic review line: S, the review date and period; no rounding.
    fireEvent.click(screen.getByRole('button', { name: 'Basis of line POL-C2@PL1 (C2)' }));
    const review = Object.fromEntries([...screen.getByTestId('policy-basis').querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    expect(review).toMatchObject({ Policy: 'Periodic review (R, S)', 'Order-up-to level S': '250', 'Review period R': '14 days', Rounding: 'none', 'Asked for by the policy': '150' });
    expect(review['Review date']).toMatch(/2026/);
  });

  it('reads in French: origin, basis and the rounding step', async () => {
    stubProposals([policyLine, mrpLine] as never);
    render(<I18nProvider language="fr"><SessionProvider initial={{ status: 'signed-in', session: sessionOf('viewer', 'fr') }}><LatestRunsProvider><ProcurementPage /></LatestRunsProvider></SessionProvider></I18nProvider>);
    const table = await screen.findByTestId('proposal-lines');
    expect(within(within(table).getByText('PO-C3-1').closest('tr')!).getByText('CBN')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Calcul de la ligne POL-C1@PL1 (C1)' }));
    const panel = screen.getByRole('region', { name: 'Calcul de POL-C1@PL1 (C1)' });
    const facts = Object.fromEntries([...panel.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    expect(facts).toMatchObject({ Politique: 'Point de commande (s, Q)', 'Quantité de commande Q': '50 (saisi par une personne)', Arrondi: 'porté à 60 pour le palier de prix (960 < 1000 au total)', 'Délai fournisseur': '14 jours' });
  });
});
