// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { SopScenarioRecord } from '@flowpilot/contract';
import { AsRole, stubApi } from '../testing/stub-api';
import { SopPage } from './sop-page';
import { changesOf, comparisonColumns } from './sop-scenarios';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const costs = (total: number, subcontract = 0) => ({ regularLabor: total - subcontract, overtimeLabor: 0, hiring: 0, layoff: 0, material: 0, holding: 0, backlog: 0, subcontract, total });
const period = { period: '2027-01', demandUnits: 100, workforce: 5, hiredWorkers: 0, laidOffWorkers: 0, overtimeHours: 0, productionUnits: 100, subcontractUnits: 0, endingInventoryUnits: 0, endingBacklogUnits: 0, idleRegularCapacityUnits: 0 };
const sop = {
  runId: 'run_sop_1', asOfDate: '2026-11-23', months: ['2027-01'], totalCostEur: 1000, parameters: {},
  families: [{
    familyCode: 'IRRIG', proposedStrategy: 'optimal', input: { costs: { hiringCostPerWorker: 3000, layoffCostPerWorker: 6000, overtimeCostPerHour: 50, subcontractCostPerUnit: 26 } },
    strategies: [{ strategy: 'optimal', workforceMode: 'integer', status: 'optimal', totalCostEur: 1000, costs: costs(1000), periods: [period] }],
  }],
};
const noSales = { fromDate: '2025-11-24', toDate: '2026-11-24', lineCount: 0, source: 'order lines', totalQuantityUnits: 0, totalRevenue: 0, products: [], customers: [], productByCustomer: [], productVolumeByRevenue: [], customerVolumeByRevenue: [] };
const scenario = (id: string, name: string, total: number, changes: SopScenarioRecord['changes']): SopScenarioRecord => ({
  id, name, familyCode: 'IRRIG', baseRunId: 'run_sop_1', strategy: 'optimal', workforceMode: 'integer', changes, status: 'optimal',
  totalCostEur: total, baseTotalCostEur: 1000, costChangeEur: total - 1000, costs: costs(total, 100), baseCosts: costs(1000),
  totalDemandUnits: 110, totalSubcontractUnits: 4, peakWorkforce: 6, periods: [period], exceptions: [], createdBy: 'planner@jardinor.example', createdAt: '2026-11-24T10:00:00Z',
});

describe('S&OP scenarios', () => {
  it('turns the filled fields into changes (demand in percent of the plan) and puts one base column per strategy before the scenarios', () => {
    const empty = { name: 'x', strategy: 'optimal', workforceMode: 'integer', demandPercent: '', hiringCostPerWorker: '', layoffCostPerWorker: '', overtimeCostPerHour: '', subcontractCostPerUnit: '', maxSubcontractUnitsPerPeriod: '', maxWorkforce: '', noLayoffs: false } as const;
    expect(changesOf(empty)).toEqual({});
    expect(changesOf({ ...empty, demandPercent: '110', subcontractCostPerUnit: '25,5', noLayoffs: true })).toEqual({ demandFactor: 1.1, costs: { subcontractCostPerUnit: 25.5 }, limits: { maxLayoffsPerPeriod: 0 } });
    const columns = comparisonColumns([scenario('1', 'A', 1100, {}), { ...scenario('2', 'B', 900, {}), strategy: 'chase' }, scenario('3', 'C', 950, {})], (s) => `base ${s.strategy}`);
    expect(columns.map((c) => c.label)).toEqual(['base optimal', 'base chase', 'A', 'B', 'C']);
  });

  it('runs a new scenario with changed parameters, keeps it, and shows costs side by side with the base plan', async () => {
    let items = [scenario('1', 'Demand +10 %', 1100, { demandFactor: 1.1 })];
    const calls = stubApi(({ method, path, body }) => {
      if (path === '/api/v1/sop') return [200, sop];
      if (path.startsWith('/api/v1/sop/volume-revenue-matrix')) return [200, noSales];
      if (method === 'GET' && path === '/api/v1/sop/scenarios?familyCode=IRRIG') return [200, { items }];
      if (method === 'POST' && path === '/api/v1/sop/scenarios') {
        const b = body as { name: string; changes: SopScenarioRecord['changes'] };
        const created = scenario('2', b.name, 940, b.changes);
        items = [...items, created];
        return [201, created];
      }
      if (method === 'DELETE' && path === '/api/v1/sop/scenarios/1') {
        items = items.filter((s) => s.id !== '1');
        return [204, null];
      }
      return undefined;
    });
    render(<AsRole role="planner"><SopPage /></AsRole>);
    const table = await screen.findByTestId('scenario-comparison', {}, { timeout: 5000 });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Cost line', 'Base · Optimal (MIP) · whole workers (MIP)', 'Demand +10 %']);
    expect(within(table).getByText('demand 110%', { exact: false })).toBeTruthy();

    fireEvent.change(screen.getByTestId('scenario-name'), { target: { value: 'Cheaper subcontractor' } });
    expect((screen.getByLabelText('Subcontract price / unit') as HTMLInputElement).placeholder).toBe('26');
    fireEvent.change(screen.getByLabelText('Subcontract price / unit'), { target: { value: '22' } });
    fireEvent.click(screen.getByLabelText('No layoffs'));
    fireEvent.click(screen.getByTestId('scenario-run'));
    expect((await screen.findByTestId('scenario-message')).textContent).toBe('Scenario Cheaper subcontractor kept: total €940.00 (-€60.00 against the base plan).');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Cheaper subcontractor', familyCode: 'IRRIG', strategy: 'optimal', workforceMode: 'integer', changes: { costs: { subcontractCostPerUnit: 22 }, limits: { maxLayoffsPerPeriod: 0 } } });
    await within(screen.getByTestId('scenario-comparison')).findByText('Cheaper subcontractor');
    const totals = within(screen.getByTestId('scenario-comparison')).getByText('Total').closest('tr')!;
    expect([...totals.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['€1,000.00', '€1,100.00', '€940.00']);

    fireEvent.click(screen.getByLabelText('Delete scenario Demand +10 %'));
    expect((await screen.findByText('Scenario Demand +10 % deleted.'))).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/sop/scenarios/1')).toBe(true);
  });

  it('shows the server\'s message when a scenario is refused, and no form to a viewer', async () => {
    stubApi(({ method, path }) => {
      if (path === '/api/v1/sop') return [200, sop];
      if (path.startsWith('/api/v1/sop/volume-revenue-matrix')) return [200, noSales];
      if (method === 'GET' && path.startsWith('/api/v1/sop/scenarios')) return [200, { items: [] }];
      if (method === 'POST') return [409, { error: { code: 'name_taken', message: 'A scenario named "x" already exists.' } }];
      return undefined;
    });
    render(<AsRole role="planner"><SopPage /></AsRole>);
    fireEvent.change(await screen.findByTestId('scenario-name', {}, { timeout: 5000 }), { target: { value: 'x' } });
    fireEvent.click(screen.getByTestId('scenario-run'));
    expect((await screen.findByRole('alert')).textContent).toBe('A scenario named "x" already exists.');
    cleanup();
    render(<AsRole role="viewer"><SopPage /></AsRole>);
    expect(await screen.findByText('No scenario kept for this family yet.', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByTestId('scenario-run')).toBeNull();
  });
});

describe('volume × revenue matrix', () => {
  it('shows the revenue of each product class × customer class with its share, and the products\' volume × revenue classes', async () => {
    const cellOf = (rowClass: string, columnClass: string, count: number, revenue: number) => ({ rowClass, columnClass, count, quantityUnits: count * 10, revenue });
    stubApi(({ path }) => {
      if (path === '/api/v1/sop') return [200, sop];
      if (path.startsWith('/api/v1/sop/scenarios')) return [200, { items: [] }];
      if (path === '/api/v1/sop/volume-revenue-matrix?months=12') {
        return [200, {
          fromDate: '2025-11-24', toDate: '2026-11-24', lineCount: 3, source: 'order lines', totalQuantityUnits: 60, totalRevenue: 1000,
          products: [], customers: [],
          productByCustomer: [cellOf('A', 'A', 1, 800), cellOf('B', 'C', 1, 200)],
          productVolumeByRevenue: [cellOf('A', 'A', 2, 800)], customerVolumeByRevenue: [],
        }];
      }
      return undefined;
    });
    render(<AsRole role="viewer"><SopPage /></AsRole>);
    const table = await screen.findByTestId('matrix-product-customer', {}, { timeout: 5000 });
    const rowA = within(table).getByRole('rowheader', { name: 'A' }).closest('tr')!;
    expect([...rowA.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['€800.00 (80 %)', '–', '–']);
    const rowB = within(table).getByRole('rowheader', { name: 'B' }).closest('tr')!;
    expect([...rowB.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['–', '–', '€200.00 (20 %)']);
    const products = screen.getByTestId('matrix-product-volume-revenue');
    expect(within(products).getByText('2 items · 80 %')).toBeTruthy();
  });
});
