// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nProvider } from '../i18n/i18n-context';
import { KpiPanel } from './kpi-panel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const otif = (periodKey: string, value: number, status: string) => ({
  kpiId: 'otif', periodKey, dimensionKey: 'all', value, unit: 'fraction', direction: 'higher-is-better', target: 0.92, alertThreshold: 0.85, status,
  numerator: value * 50, denominator: 50, name: { en: 'OTIF', fr: 'Service OTIF' }, definition: { en: 'on time in full', fr: 'à l’heure, complet' },
  formula: 'OTIF = on time ∧ in full / lines', source: 'SCOR RL.2.1', datasets: ['sales_order_line'], recordCount: 50,
});

describe('KPI panel', () => {
  it('shows the last period against its target with its status, the alerts, and the records behind a value', async () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (path: string) => {
      requested.push(path);
      if (path.startsWith('/api/v1/kpis?')) return json(200, { from: '2026-09-01', to: '2026-11-23', period: 'month', by: 'all', values: [otif('2026-10', 0.96, 'ok'), otif('2026-11', 0.74, 'alert')], alerts: [otif('2026-11', 0.74, 'alert')] });
      if (path.startsWith('/api/v1/kpis/otif/drill')) return json(200, { value: otif('2026-11', 0.74, 'alert'), totalRecords: 1, records: [{ dataset: 'sales_order_line', id: 'SO-1/1', record: { quantity: 5 }, onTime: false, inFull: true }] });
      return json(404, { error: { code: 'not_found', message: path } });
    }));
    render(<I18nProvider language="fr"><KpiPanel /></I18nProvider>);
    const tiles = await screen.findByTestId('kpi-tiles');
    // the last month (2026-11) is shown, in French, with its target and status
    expect(tiles.textContent).toContain('Service OTIF74\u00a0%');
    expect(tiles.textContent).toContain('objectif 92\u00a0% · 2026-11 · alerte');
    expect(screen.getByText('Alertes (1)')).toBeTruthy();
    fireEvent.click(screen.getByTestId('kpi-drill'));
    const records = await screen.findByTestId('kpi-drill-records');
    expect(await within(records).findByText('SO-1/1')).toBeTruthy();
    expect(requested).toContain('/api/v1/kpis/otif/drill?period=month&periodKey=2026-11&limit=500');
  });

  it('stays out of the way on a server without the KPI endpoint', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(404, { error: { code: 'not_found', message: 'Not found: GET /api/v1/kpis' } })));
    const { container } = render(<I18nProvider language="en"><KpiPanel /></I18nProvider>);
    await vi.waitFor(() => expect(container.textContent).toBe(''));
  });
});
