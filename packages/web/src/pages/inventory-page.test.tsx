// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { PolicyPage } from '@flowpilot/contract';
import { parseHash } from '../router';
import { AsRole, stubApi } from '../testing/stub-api';
import { InventoryPage } from './inventory-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

type Policy = PolicyPage['items'][number];
const base: Policy = {
  itemCode: 'FG-1', locationCode: 'WH-PAR', policy: 'R-S', segment: 'AX', serviceTarget: { type: 'cycle-service-level', value: 0.98, source: 'segment AX' },
  reorderLevelUnits: 120, orderQuantityUnits: null, meanPerWeek: 50, errorStandardDeviationPerWeek: 10, errorSource: 'forecast', leadTimeWeeks: 2, reviewWeeks: 1,
  cycleServiceLevel: 0.98, safetyStockUnits: 35.6, orderUpToLevelUnits: 185.6, protectionWeeks: 3, safetyFactor: 2.054, expectedFillRate: 0.995,
  safetyStockCoverageDays: 5, onHandUnits: 140, onHandCoverageDays: 19.6, note: null, replenishment: null,
};

describe('Inventory page, policies', () => {
  it('shows the policy, the segment, the service target labelled α or β with its source, the reorder level and the lot', async () => {
    const items: Policy[] = [
      base,
      { ...base, itemCode: 'FG-2', policy: 's-Q', segment: 'BY', serviceTarget: { type: 'fill-rate', value: 0.95, source: 'stock point' }, reorderLevelUnits: 80, orderQuantityUnits: 250 },
      { ...base, itemCode: 'FG-3', segment: null, serviceTarget: null, reorderLevelUnits: null, cycleServiceLevel: 0.9 },
    ];
    stubApi(({ path }) => (path.startsWith('/api/v1/inventory/policies') ? [200, { items, page: 1, pageSize: 500, total: items.length, runId: 'run_inv_1', asOfDate: '2026-11-23', formula: null, parameters: {} }] : undefined));
    render(<AsRole role="planner"><InventoryPage route={parseHash('#/inventory?tab=policies')} /></AsRole>);
    const table = await screen.findByTestId('policies');
    const row = (item: string) => within(table).getByText(item).closest('tr')!;
    const cells = (item: string) => [...row(item).querySelectorAll('td')].map((td) => td.textContent);
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    const at = (item: string, header: string) => cells(item)[headers.indexOf(header)];
    expect(at('FG-1', 'Policy')).toBe('(R, S)');
    expect(at('FG-1', 'Segment')).toBe('AX');
    expect(at('FG-1', 'Service target')).toBe('α 98% · from segment AX');
    expect(within(row('FG-1')).getByTitle('α: cycle service level (probability of no stock-out in a cycle)')).toBeTruthy();
    expect(at('FG-1', 'Reorder level s')).toBe('120');
    expect(at('FG-1', 'Lot Q')).toBe('—');
    expect(at('FG-2', 'Policy')).toBe('(s, Q)');
    expect(at('FG-2', 'Service target')).toBe('β 95% · from stock point');
    expect(within(row('FG-2')).getByTitle('β: fill rate (share of demand served from stock)')).toBeTruthy();
    expect(at('FG-2', 'Lot Q')).toBe('250');
    // a run stored before segmentation: the α of cycleServiceLevel, no source
    expect(at('FG-3', 'Segment')).toBe('—');
    expect(at('FG-3', 'Service target')).toBe('α 90%');
    expect(at('FG-3', 'Reorder level s')).toBe('—');
  });

  it('shows s, Q, S of policy items as computed or manual, flags an earlier run, and opens the basis (Escape closes, focus returns)', async () => {
    type Replenishment = NonNullable<Policy['replenishment']>;
    const fa: Replenishment = {
      method: 'reorder_point', runId: 'run_inv_1', current: true,
      reorderPoint: { units: 190, source: 'computed', computedUnits: 190 }, orderQuantity: { units: 200, source: 'manual', computedUnits: 130 }, orderUpToLevel: { units: null, source: null, computedUnits: null },
      basis: {
        status: 'computed', demand: { distribution: 'gamma', meanPerWeek: 100, standardDeviationPerWeek: 20, source: 'forecast of FA@W1' }, leadTimeWeeks: 1, leadTimeStdWeeks: 0, leadTimeSource: 'supplier S1',
        cycleWeeks: 1, serviceTarget: { type: 'fill-rate', value: 0.99, source: 'segment' }, orderQuantityBasis: { units: 130, basis: 'EOQ sqrt(2 × 40 × 100 / 0.4808) = 129', adjustments: ['rounded up to the multiple of 10'] },
        sizedForOrderQuantity: 200, computed: { reorderPoint: 190, orderQuantity: 130 }, written: ['reorderPoint'], manual: ['orderQuantity'],
        protectionWeeks: 2, protectionMeanUnits: 200, safetyStockUnits: -10, expectedCycleServiceLevel: 0.31, expectedFillRate: 0.9903, formula: '(s, Q) seen every cycle c, β: …',
      },
    };
    const empty = { units: null, source: null, computedUnits: null };
    const items: Policy[] = [
      { ...base, itemCode: 'FA', locationCode: 'W1', policy: 's-Q', replenishment: fa },
      { ...base, itemCode: 'C1', locationCode: 'PL', segment: null, replenishment: { method: 'periodic_review', runId: 'run_inv_0', current: false, reorderPoint: empty, orderQuantity: empty, orderUpToLevel: { units: 872, source: 'computed', computedUnits: 872 }, basis: { status: 'no-demand', written: [], manual: [], note: 'no forecast demand' } } },
      { ...base, itemCode: 'C1', locationCode: 'W1', segment: null, replenishment: { method: 'periodic_review', runId: 'run_inv_1', current: true, reorderPoint: empty, orderQuantity: empty, orderUpToLevel: empty, basis: { status: 'no-demand-here', written: [], manual: [], cleared: ['orderUpToLevel'], plannedAtLocationCode: 'PL' } } },
    ];
    stubApi(({ path }) => (path.startsWith('/api/v1/inventory/policies') ? [200, { items, page: 1, pageSize: 500, total: items.length, runId: 'run_inv_1', asOfDate: '2026-11-23', formula: null, parameters: {} }] : undefined));
    render(<AsRole role="planner"><InventoryPage route={parseHash('#/inventory?tab=policies')} /></AsRole>);
    const table = await screen.findByTestId('policies');
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    const cell = (label: string) => screen.getByLabelText(`Basis of the policy parameters of ${label}`).closest('td')!;
    expect(headers).toContain('Policy s / Q / S');
    expect(cell('FA at W1').textContent).toBe('s 190computed Q 200manual Basis');
    expect(cell('C1 at PL').textContent).toBe('S 872computed from an earlier run (run_inv_0), not the latest Basis');
    expect(cell('C1 at W1').textContent).toBe('S — Basis');
    expect(within(table).getAllByText('—').length).toBeGreaterThan(0);

    const button = screen.getByLabelText('Basis of the policy parameters of FA at W1');
    fireEvent.click(button);
    const panel = await screen.findByTestId('policy-parameter-basis');
    const expanded = screen.getByLabelText('Basis of the policy parameters of FA at W1');
    expect(expanded.getAttribute('aria-expanded')).toBe('true');
    expect(expanded.getAttribute('aria-controls')).toBe(panel.id);
    const facts = Object.fromEntries([...panel.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    expect(facts).toMatchObject({
      Policy: 'Reorder point (s, Q)', Status: 'computed by the inventory-policy run run_inv_1', 'Reorder level s': '190 (computed)', 'Lot Q': '200 (set by a person; the run computed 130)',
      'Demand per week': '100 ± 20 (forecast of FA@W1)', 'Lot Q from': '130 = EOQ sqrt(2 × 40 × 100 / 0.4808) = 129 ; rounded up to the multiple of 10', 's sized for the person’s Q': '200',
      'Service target': 'β 99% · from segment', 'Expected service': 'α 31% · β 99%',
    });
    expect(document.activeElement).toBe(panel);
    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(screen.queryByTestId('policy-parameter-basis')).toBeNull();
    expect(document.activeElement!.id).toBe(button.id);
    expect(document.activeElement!.getAttribute('aria-expanded')).toBe('false');

    // The other stock point of a component: nothing computed there, and why.
    fireEvent.click(screen.getByLabelText('Basis of the policy parameters of C1 at W1'));
    const other = await screen.findByTestId('policy-parameter-basis');
    const otherFacts = Object.fromEntries([...other.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    expect(otherFacts).toMatchObject({ Status: 'not computed here: the dependent demand is planned at PL', 'Order-up-to S': 'empty', 'Earlier run figures cleared': 'Order-up-to S' });
  });
});
