// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
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
  safetyStockCoverageDays: 5, onHandUnits: 140, onHandCoverageDays: 19.6, note: null,
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
});
