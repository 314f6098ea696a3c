import { useMemo, useState } from 'react';
import type { PickRouteResponse, SlottingResponse } from '@flowpilot/contract';
import { apiRequest, withQuery } from '../api/api-client';
import { useApi } from '../api/use-api';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { EChart } from '../charts/echart';
import { DataTable, gridColumns } from '../components/data-table';
import { Kpi, PageHeader, Section } from '../components/page';
import { ErrorMessage, Loaded } from '../components/states';

type PickRoute = PickRouteResponse['routes'][number];
const routeCol = gridColumns<PickRoute>();
const PICK_COUNT = 15;
const ROUTE_COLOURS: Record<string, string> = { 's-shape': '#c0392b', 'largest-gap': '#d35400', optimal: '#27ae60' };

/** Warehouse: slotting heat map (picks per week per location) and the pick route of the busiest locations, three methods compared. */
export function WarehousePage() {
  const { t, language } = useI18n();
  const [method, setMethod] = useState<'cube-per-order' | 'abc'>('cube-per-order');
  const [days, setDays] = useState(90);
  const slotting = useApi<SlottingResponse>(withQuery('/api/v1/warehouse/slotting', { method, days }), language);
  return (
    <>
      <PageHeader title={t('warehouse.title')} subtitle={t('warehouse.subtitle')} />
      <div className="toolbar">
        <label className="inline-field">{t('warehouse.method')}
          <select value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
            <option value="cube-per-order">{t('warehouse.cubePerOrder')}</option>
            <option value="abc">ABC</option>
          </select>
        </label>
        <label className="inline-field">{t('warehouse.days')}<input type="number" min={7} max={730} value={days} onChange={(e) => setDays(Number(e.target.value) || 90)} className="narrow" /></label>
      </div>
      <Loaded state={slotting}>{(data) => <WarehouseBody data={data} key={`${method}-${days}`} />}</Loaded>
    </>
  );
}

function WarehouseBody({ data }: { data: SlottingResponse }) {
  const { t, formatNumber } = useI18n();
  const aisleCount = Number(data.parameters.aisleCount ?? 10);
  const bays = Number(data.parameters.baysPerAisle ?? 20);
  const bayWidthM = Number(data.parameters.bayWidthM ?? 2.7);
  const aisleSpacingM = Number(data.parameters.aisleSpacingM ?? 3.5);
  const heat = useMemo(() => {
    const sums = new Map<string, { picks: number; items: string[] }>();
    for (const cell of data.cells) {
      const key = `${cell.aisleIndex}:${cell.bay}`;
      const entry = sums.get(key) ?? { picks: 0, items: [] };
      entry.picks += cell.picksPerWeek;
      if (cell.itemCode) entry.items.push(cell.itemCode);
      sums.set(key, entry);
    }
    return [...sums.entries()].map(([key, v]) => {
      const [aisle, bay] = key.split(':').map(Number);
      return { value: [aisle, bay, Math.round(v.picks * 10) / 10], items: v.items };
    });
  }, [data.cells]);
  const maxPicks = Math.max(1, ...heat.map((h) => h.value[2] ?? 0));
  const heatOption = useMemo(() => ({
    grid: { left: 50, right: 90, top: 10, bottom: 40 },
    tooltip: { formatter: (p: { data: { value: number[]; items: string[] } }) => `${t('warehouse.aisle')} ${(p.data.value[0] ?? 0) + 1}, ${t('warehouse.bay')} ${p.data.value[1]}: ${formatNumber(p.data.value[2], 1)} ${t('warehouse.picksPerWeek')}<br/>${p.data.items.join(', ')}` },
    xAxis: { type: 'category', name: t('warehouse.aisle'), data: Array.from({ length: aisleCount }, (_, i) => String(i + 1)) },
    yAxis: { type: 'category', name: t('warehouse.bay'), data: Array.from({ length: bays }, (_, i) => String(i + 1)) },
    visualMap: { min: 0, max: maxPicks, calculable: true, orient: 'vertical', right: 0, top: 'center', inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] }, text: [t('warehouse.picksPerWeek'), '0'] },
    series: [{ type: 'heatmap', data: heat.map((h) => ({ value: [h.value[0], (h.value[1] ?? 1) - 1, h.value[2]], items: h.items })), label: { show: false } }],
  }), [heat, aisleCount, bays, maxPicks, t, formatNumber]);

  // The pick list: the busiest occupied locations (one pick each), walked from the depot at the front of aisle 1.
  const picks = useMemo(() => [...data.cells].filter((c) => c.itemCode && c.picksPerWeek > 0).sort((a, b) => b.picksPerWeek - a.picksPerWeek || a.locationId.localeCompare(b.locationId))
    .slice(0, PICK_COUNT).map((c) => ({ id: c.locationId, aisleIndex: c.aisleIndex, positionM: Math.round(((c.bay - 0.5) * bayWidthM) * 100) / 100 })), [data.cells, bayWidthM]);
  const [routes, setRoutes] = useState<PickRouteResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const computeRoute = async () => {
    setBusy(true);
    setError(null);
    try {
      setRoutes(await apiRequest<PickRouteResponse>('/api/v1/warehouse/pick-route', { method: 'POST', body: { aisleCount, aisleLengthM: bays * bayWidthM, aisleSpacingM, depotAisleIndex: 0, picks } }));
    } catch (cause) {
      setError(cause as Error);
    } finally {
      setBusy(false);
    }
  };
  const routeOption = useMemo(() => routes ? {
    grid: { left: 50, right: 20, top: 30, bottom: 40 },
    tooltip: { trigger: 'item' },
    legend: { top: 0 },
    xAxis: { type: 'value', name: 'x (m)', min: -aisleSpacingM, max: aisleCount * aisleSpacingM },
    yAxis: { type: 'value', name: 'y (m)', min: -2, max: bays * bayWidthM + 2 },
    series: [
      ...routes.routes.map((r) => ({ name: t(`warehouse.route.${r.method}` as MessageKey), type: 'line', data: r.waypoints.map((w) => [w.xM, w.yM]), symbol: 'none', lineStyle: { width: r.method === routes.shortestMethod ? 3 : 1.5, color: ROUTE_COLOURS[r.method] }, itemStyle: { color: ROUTE_COLOURS[r.method] } })),
      { name: t('warehouse.picks'), type: 'scatter', symbolSize: 9, itemStyle: { color: '#000' }, data: picks.map((p) => ({ name: p.id, value: [p.aisleIndex * aisleSpacingM, p.positionM] })) },
    ],
  } : null, [routes, picks, aisleCount, aisleSpacingM, bays, bayWidthM, t]);
  const columns = useMemo(() => routeCol.columns([
    routeCol.accessor('method', { header: t('warehouse.method'), cell: (c) => t(`warehouse.route.${c.getValue()}` as MessageKey) }),
    routeCol.accessor('distanceM', { header: t('warehouse.distanceM'), cell: (c) => formatNumber(c.getValue(), 1) }),
    routeCol.accessor('aislesEntered', { header: t('warehouse.aislesEntered') }),
    routeCol.accessor((r) => r.sequence.join(' → '), { id: 'sequence', header: t('transport.sequence'), cell: (c) => <span className="ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
  ]), [t, formatNumber]);

  return (
    <>
      <div className="kpi-row">
        <Kpi label={t('warehouse.roundTrip')} value={`${formatNumber(data.roundTripDistanceMPerWeek, 0)} m`} hint={t('warehouse.roundTripHint')} />
        <Kpi label={t('warehouse.itemsSlotted')} value={formatNumber(data.items.filter((i) => i.locationId).length, 0)} hint={t(`warehouse.source.${data.frequencySource}` as MessageKey)} />
        <Kpi label={t('warehouse.unslotted')} value={formatNumber(data.exceptions.length, 0)} tone={data.exceptions.length ? 'warn' : 'good'} />
      </div>
      <div className="two-cols">
        <Section title={t('warehouse.heatmap')}>
          <EChart option={heatOption} label={t('warehouse.heatmap')} height={420} testId="slotting-heatmap" />
        </Section>
        <Section title={t('warehouse.pickRoute', { count: picks.length })} actions={<button type="button" className="primary" disabled={busy || picks.length === 0} onClick={() => void computeRoute()} data-testid="pick-route">{busy ? t('common.working') : t('warehouse.computeRoute')}</button>}>
          {error && <ErrorMessage error={error} />}
          {!routes ? <p className="muted">{t('warehouse.routeHint')}</p> : (
            <>
              {routeOption && <EChart option={routeOption} label={t('warehouse.pickRoute', { count: picks.length })} height={320} testId="pick-route-chart" />}
              <DataTable rows={routes.routes} columns={columns} getRowId={(r) => r.method} caption={t('warehouse.pickRoute', { count: picks.length })} numeric={['distanceM', 'aislesEntered']} />
            </>
          )}
        </Section>
      </div>
    </>
  );
}
