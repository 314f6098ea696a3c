// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { LatestRunsProvider } from '../api/latest-runs';
import { AsRole, stubApi } from '../testing/stub-api';
import { DemandPage } from './demand-page';
import { overrideRowsOf } from './forecast-overrides';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const run = { id: 'run_fc_1', runType: 'forecast', status: 'succeeded', asOfDate: '2026-11-23', inputsHash: null, parameters: {}, summary: {}, exceptionCount: 0, startedAt: null, finishedAt: null, durationMs: 10 };
const week = (step: number, periodStart: string, forecast: string, extra: Record<string, string | null> = {}) => ({ step, periodStart, forecast, lower80: null, upper80: null, lower95: null, upper95: null, statisticalForecast: null, overrideId: null, ...extra });
const series = {
  itemCode: 'FG-1', locationCode: 'WH-PAR', method: 'auto:ets', demandClass: 'smooth', historyPeriods: 104, parameters: {}, notes: [],
  values: [week(1, '2026-11-30', '40', { statisticalForecast: '31.5', overrideId: '7' }), week(2, '2026-12-07', '33'), week(3, '2026-12-14', '35')],
};
const override = (id: string, weekStart: string, quantity: string, reason: string) => ({ id, itemCode: 'FG-1', locationCode: 'WH-PAR', weekStart, quantity, reason, authorEmail: 'planner@jardinor.example', createdAt: '2026-11-23T09:00:00Z', withdrawnAt: null, withdrawnBy: null, withdrawalReason: null });

describe('Demand page, forecast overrides', () => {
  it('joins each override with the statistical value it replaces and whether the run used it', () => {
    expect(overrideRowsOf(series, [override('9', '2026-12-07', '50', 'fair'), override('7', '2026-11-30', '40', 'promo')]).map((r) => [r.id, r.statisticalForecast, r.appliedInRun])).toEqual([['7', 31.5, true], ['9', 33, false]]);
  });

  it('lists overrides with author, reason, overridden vs statistical value; a planner saves one with its reason and withdraws one', async () => {
    let overrides = [override('7', '2026-11-30', '40', 'promotion at Jardiland')];
    const calls = stubApi(({ method, path, body }) => {
      if (path.startsWith('/api/v1/planning-runs?')) return [200, { items: [run], page: 1, pageSize: 100, total: 1 }];
      if (path.startsWith('/api/v1/planning-runs/run_fc_1/forecasts')) return [200, { items: [series], page: 1, pageSize: 500, total: 1 }];
      if (method === 'GET' && path.startsWith('/api/v1/forecast-overrides')) return [200, { items: overrides }];
      if (method === 'POST' && path === '/api/v1/forecast-overrides') {
        const b = body as { weekStart: string; quantity: number; reason: string };
        const created = override('8', b.weekStart, String(b.quantity), b.reason);
        overrides = [...overrides, created];
        return [201, created];
      }
      if (method === 'POST' && path === '/api/v1/forecast-overrides/7/withdraw') {
        overrides = overrides.filter((o) => o.id !== '7');
        return [200, { ...override('7', '2026-11-30', '40', 'promotion at Jardiland'), withdrawnAt: '2026-11-24T10:00:00Z' }];
      }
      return undefined;
    });
    render(<AsRole role="planner"><LatestRunsProvider><DemandPage /></LatestRunsProvider></AsRole>);
    const table = await screen.findByTestId('forecast-overrides', {}, { timeout: 5000 });
    const row = within(table).getByText('promotion at Jardiland').closest('tr')!;
    expect(within(row).getByText('31.5')).toBeTruthy();
    expect(within(row).getByText('40')).toBeTruthy();
    expect(within(row).getByText('planner@jardinor.example')).toBeTruthy();
    expect(within(row).getByText('yes')).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/v1/forecast-overrides?itemCode=FG-1')).toBe(true);

    fireEvent.change(screen.getByTestId('override-week'), { target: { value: '2026-12-07' } });
    fireEvent.change(screen.getByTestId('override-quantity'), { target: { value: '55' } });
    fireEvent.change(screen.getByTestId('override-reason'), { target: { value: 'trade fair order announced' } });
    fireEvent.click(screen.getByTestId('override-save'));
    expect((await screen.findByTestId('override-message')).textContent).toBe('Override saved: week of 7 Dec 2026, 55 units. The next planning run uses it.');
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/v1/forecast-overrides')!.body).toEqual({ itemCode: 'FG-1', locationCode: 'WH-PAR', weekStart: '2026-12-07', quantity: 55, reason: 'trade fair order announced' });
    const added = (await within(screen.getByTestId('forecast-overrides')).findByText('trade fair order announced')).closest('tr')!;
    expect(within(added).getByText('33')).toBeTruthy();
    expect(within(added).getByText('from the next run')).toBeTruthy();

    fireEvent.click(screen.getByLabelText('Withdraw the override of the week of 30 Nov 2026'));
    await waitFor(() => expect(within(screen.getByTestId('forecast-overrides')).queryByText('promotion at Jardiland')).toBeNull());
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/forecast-overrides/7/withdraw')).toBe(true);
  });

  it('shows the server\'s message when an override is refused, and no form to a viewer', async () => {
    stubApi(({ method, path }) => {
      if (path.startsWith('/api/v1/planning-runs?')) return [200, { items: [run], page: 1, pageSize: 100, total: 1 }];
      if (path.startsWith('/api/v1/planning-runs/run_fc_1/forecasts')) return [200, { items: [series], page: 1, pageSize: 500, total: 1 }];
      if (method === 'GET' && path.startsWith('/api/v1/forecast-overrides')) return [200, { items: [] }];
      if (method === 'POST') return [400, { error: { code: 'reason_required', message: 'Give a reason for the override.' } }];
      return undefined;
    });
    render(<AsRole role="planner"><LatestRunsProvider><DemandPage /></LatestRunsProvider></AsRole>);
    fireEvent.change(await screen.findByTestId('override-quantity', {}, { timeout: 5000 }), { target: { value: '1' } });
    fireEvent.change(screen.getByTestId('override-reason'), { target: { value: ' x ' } });
    fireEvent.click(screen.getByTestId('override-save'));
    expect((await screen.findByRole('alert')).textContent).toBe('Give a reason for the override.');
    cleanup();
    render(<AsRole role="viewer"><LatestRunsProvider><DemandPage /></LatestRunsProvider></AsRole>);
    expect(await screen.findByText('No active override for this series.', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByTestId('override-save')).toBeNull();
  });
});
