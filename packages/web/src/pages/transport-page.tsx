import { useMemo, useState, type FormEvent } from 'react';
import type { PackResponse, RouteSolveResponse, TransportCompareResponse, TransportCustomerPage, TransportDepotList } from '@flowpilot/contract';
import { apiRequest, withQuery } from '../api/api-client';
import { useApi } from '../api/use-api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';
import { EChart } from '../charts/echart';
import { DataTable, gridColumns } from '../components/data-table';
import { Kpi, PageHeader, Section } from '../components/page';
import { SvgPicture } from '../components/svg-picture';
import { Tabs } from '../components/tabs';
import { Empty, ErrorMessage, Loading } from '../components/states';
import type { PageProps } from '../app';
import { navigate } from '../router';
import { ShipmentLoad } from './shipment-load';

type Route = RouteSolveResponse['routes'][number] & { index: number };
type Quote = TransportCompareResponse['quotes'][number];
const routeCol = gridColumns<Route>();
const quoteCol = gridColumns<Quote>();
type EmissionFactor = RouteSolveResponse['co2Factor'];

/** An emission factor as the data names it: id, source and version, and whether it was verified (else an unchecked default). */
function FactorNote({ factor }: { factor: EmissionFactor | null }) {
  const { t } = useI18n();
  if (!factor) return <>—</>;
  return (
    <span className="factor" title={`${factor.id} · ${factor.source} · ${factor.version}`}>
      {factor.id} · {factor.source} {factor.version}{' '}
      <span className={`badge ${factor.verified ? 'ok' : 'warning'}`}>{factor.verified ? t('transport.factorVerified') : t('transport.factorUnverified')}</span>
    </span>
  );
}

const ROUTE_COLOURS = ['#2f6db5', '#c0392b', '#27ae60', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b', '#1abc9c', '#e84393'];

/** Transport: delivery routes drawn over the customers' coordinates, carrier comparison, and the load picture. */
export function TransportPage({ route }: PageProps) {
  const { t } = useI18n();
  const tab = route.params.get('tab') ?? 'routes';
  return (
    <>
      <PageHeader title={t('transport.title')} subtitle={t('transport.subtitle')} />
      <Tabs label={t('transport.title')} current={tab} onChange={(next) => navigate('transport', { tab: next })} tabs={[
        { id: 'routes', label: t('transport.tab.routes'), render: () => <Routes /> },
        { id: 'carriers', label: t('transport.tab.carriers'), render: () => <Carriers /> },
        { id: 'load', label: t('transport.tab.load'), render: () => <><ShipmentLoad /><Load /></> },
      ]} />
    </>
  );
}

function Routes() {
  const { t, formatNumber, formatMoney, language } = useI18n();
  const { can } = useSession();
  const depots = useApi<TransportDepotList>('/api/v1/transport/depots', language);
  const [warehouse, setWarehouse] = useState<string | null>(null);
  const depotCode = warehouse ?? depots.data?.items.find((d) => d.vehicleCount > 0)?.code ?? depots.data?.items[0]?.code ?? null;
  const customers = useApi<TransportCustomerPage>(depotCode ? withQuery('/api/v1/transport/customers', { warehouseCode: depotCode, pageSize: 500 }) : null, language);
  const [maxSeconds, setMaxSeconds] = useState(2);
  const [busy, setBusy] = useState(false);
  const [solution, setSolution] = useState<RouteSolveResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const solve = async (event: FormEvent) => {
    event.preventDefault();
    if (!depotCode) return;
    setBusy(true);
    setError(null);
    try {
      setSolution(await apiRequest<RouteSolveResponse>('/api/v1/transport/routes/solve', { method: 'POST', body: { warehouseCode: depotCode, maxSeconds } }));
    } catch (cause) {
      setError(cause as Error);
    } finally {
      setBusy(false);
    }
  };
  const depot = depots.data?.items.find((d) => d.code === depotCode);
  const option = useMemo(() => {
    const points = (customers.data?.items ?? []).filter((c) => c.latitude !== null && c.longitude !== null);
    const shown = solution && solution.warehouseCode === depotCode ? solution : null;
    return {
      grid: { left: 60, right: 20, top: 40, bottom: 50 },
      tooltip: { trigger: 'item', formatter: (p: { data: { name?: string; value?: number[] }; seriesName: string }) => `${p.seriesName}<br/>${p.data.name ?? ''}` },
      legend: { top: 0, type: 'scroll' },
      xAxis: { type: 'value', name: t('transport.longitude'), nameLocation: 'middle', nameGap: 28, scale: true },
      yAxis: { type: 'value', name: t('transport.latitude'), nameLocation: 'middle', nameGap: 42, scale: true },
      series: [
        { name: t('transport.customers'), type: 'scatter', symbolSize: (v: number[]) => 6 + Math.min(14, Math.sqrt(v[2] ?? 0) / 3), itemStyle: { color: '#95a5a6' },
          data: points.map((c) => ({ name: `${c.code} ${c.name} · ${formatNumber(c.openDemandKg, 0)} kg`, value: [c.longitude, c.latitude, c.openDemandKg] })) },
        ...(depot && depot.latitude !== null && depot.longitude !== null ? [{ name: t('transport.depot'), type: 'scatter', symbol: 'rect', symbolSize: 16, itemStyle: { color: '#000' }, data: [{ name: `${depot.code} ${depot.name}`, value: [depot.longitude, depot.latitude] }] }] : []),
        ...(shown ? shown.routes.map((r, i) => ({
          name: t('transport.routeN', { n: i + 1 }), type: 'line', symbolSize: 7, itemStyle: { color: ROUTE_COLOURS[i % ROUTE_COLOURS.length] }, lineStyle: { width: 2 },
          data: [[shown.depot.longitude, shown.depot.latitude], ...r.stops.map((s) => ({ name: `${s.sequence}. ${s.customerCode} ${s.customerName} · ${formatNumber(s.demandKg, 0)} kg`, value: [s.longitude, s.latitude] })), [shown.depot.longitude, shown.depot.latitude]],
        })) : []),
      ],
    };
  }, [customers.data, solution, depot, depotCode, t, formatNumber]);
  const routes = useMemo(() => (solution?.routes ?? []).map((r, index) => ({ ...r, index })), [solution]);
  const columns = useMemo(() => routeCol.columns([
    routeCol.accessor('index', { header: t('transport.route'), cell: (c) => <span><span className="swatch" style={{ background: ROUTE_COLOURS[c.getValue() % ROUTE_COLOURS.length] }} /> {c.getValue() + 1}</span> }),
    routeCol.accessor('vehicleType', { header: t('transport.vehicle') }),
    routeCol.accessor((r) => r.stops.length, { id: 'stops', header: t('transport.stops') }),
    routeCol.accessor('loadKg', { header: t('transport.loadKg'), cell: (c) => formatNumber(c.getValue(), 0) }),
    routeCol.accessor('distanceKm', { header: t('transport.distanceKm'), cell: (c) => formatNumber(c.getValue(), 1) }),
    routeCol.accessor('durationMinutes', { header: t('transport.durationMinutes'), cell: (c) => formatNumber(c.getValue(), 0) }),
    routeCol.accessor('costEur', { header: t('transport.cost'), cell: (c) => formatMoney(c.getValue()) }),
    routeCol.accessor('co2Kg', { header: t('transport.co2Kg'), cell: (c) => formatNumber(c.getValue(), 1) }),
    routeCol.accessor((r) => r.co2Factor.id, { id: 'co2Factor', header: t('transport.emissionFactor'), cell: (c) => <FactorNote factor={c.row.original.co2Factor} /> }),
    routeCol.accessor((r) => r.stops.map((s) => s.customerCode).join(' → '), { id: 'sequence', header: t('transport.sequence'), cell: (c) => <span className="ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
  ]), [t, formatNumber, formatMoney]);

  return (
    <>
      <form className="toolbar" onSubmit={solve}>
        <label className="inline-field">{t('transport.warehouse')}
          <select value={depotCode ?? ''} onChange={(e) => { setWarehouse(e.target.value); setSolution(null); }} data-testid="route-warehouse">
            {depots.data?.items.map((d) => <option key={d.code} value={d.code}>{d.code} · {d.name} ({t('transport.vehicles', { count: d.vehicleCount })})</option>)}
          </select>
        </label>
        <label className="inline-field">{t('transport.maxSeconds')}<input type="number" min={0.2} max={30} step={0.1} value={maxSeconds} onChange={(e) => setMaxSeconds(Number(e.target.value))} className="narrow" /></label>
        {can('transport:write') && <button type="submit" className="primary" disabled={busy || !depotCode} data-testid="solve-routes">{busy ? t('transport.solving') : t('transport.solve')}</button>}
      </form>
      {depots.status === 'error' && <ErrorMessage error={depots.error} onRetry={depots.reload} />}
      {error && <ErrorMessage error={error} />}
      {solution && solution.parameters.stoppedAtTimeLimit === true && <p className="state state-error" role="status" data-testid="route-time-limit">{t('transport.stoppedAtTimeLimit')}</p>}
      {solution && (
        <div className="kpi-row" data-testid="route-summary">
          <Kpi label={t('transport.vehiclesUsed')} value={formatNumber(solution.vehicles, 0)} hint={solution.status === 'feasible' ? t('transport.feasible') : t('transport.infeasible')} tone={solution.status === 'feasible' ? 'good' : 'bad'} />
          <Kpi label={t('transport.distanceKm')} value={formatNumber(solution.distanceKm, 1)} />
          <Kpi label={t('transport.cost')} value={formatMoney(solution.costEur)} />
          <Kpi label={t('transport.co2Kg')} value={formatNumber(solution.co2Kg, 1)} hint={`${t('transport.co2Hint')} · ${solution.co2Factor.id} (${solution.co2Factor.source} ${solution.co2Factor.version}${solution.co2Factor.verified ? '' : `, ${t('transport.factorUnverified')}`})`} />
          <Kpi label={t('transport.skipped')} value={formatNumber(solution.skipped.length, 0)} tone={solution.skipped.length ? 'warn' : undefined} hint={t('transport.elapsed', { seconds: formatNumber(solution.elapsedSeconds, 1) })} />
        </div>
      )}
      <Section title={t('transport.map')}>
        {customers.status === 'error' ? <ErrorMessage error={customers.error} onRetry={customers.reload} /> : !customers.data ? <Loading /> : customers.data.items.length === 0 ? <Empty>{t('transport.noCustomers')}</Empty> : (
          <EChart option={option} label={t('transport.mapLabel')} height={460} testId="route-map" />
        )}
      </Section>
      {solution && (
        <Section title={t('transport.routes', { count: routes.length })}>
          <DataTable rows={routes} columns={columns} getRowId={(r) => String(r.index)} caption={t('transport.routes', { count: routes.length })} numeric={['stops', 'loadKg', 'distanceKm', 'durationMinutes', 'costEur', 'co2Kg']} testId="route-table" />
          {solution.skipped.length > 0 && <ul className="small muted">{solution.skipped.map((s) => <li key={s.customerCode}>{s.customerCode}: {s.reason}</li>)}</ul>}
        </Section>
      )}
    </>
  );
}

function Carriers() {
  const { t, formatNumber, formatMoney } = useI18n();
  const [weightKg, setWeightKg] = useState(850);
  const [zone, setZone] = useState('13');
  const [distanceKm, setDistanceKm] = useState(300);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TransportCompareResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const markers = useMemo(() => ({ cheapest: result?.cheapestCarrierId ?? null, fastest: result?.fastestCarrierId ?? null, lowestCo2: result?.lowestCo2CarrierId ?? null }), [result]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await apiRequest<TransportCompareResponse>('/api/v1/transport/compare', { method: 'POST', body: { shipment: { weightKg, distanceKm, ...(zone ? { zone } : {}) } } }));
    } catch (cause) {
      setError(cause as Error);
    } finally {
      setBusy(false);
    }
  };
  const columns = useMemo(() => quoteCol.columns([
    quoteCol.accessor('rank', { header: '#' }),
    quoteCol.accessor('carrierId', { header: t('transport.carrier'), cell: (c) => (
      <span>
        {c.row.original.rank === 1 ? <strong>{c.getValue()}</strong> : c.getValue()}
        {markers.cheapest === c.getValue() && <> <span className="badge ok" data-testid="marker-cheapest">{t('transport.marker.cheapest')}</span></>}
        {markers.fastest === c.getValue() && <> <span className="badge active" data-testid="marker-fastest">{t('transport.marker.fastest')}</span></>}
        {markers.lowestCo2 === c.getValue() && <> <span className="badge peg-independent" data-testid="marker-lowest-co2">{t('transport.marker.lowestCo2')}</span></>}
      </span>
    ) }),
    quoteCol.accessor('mode', { header: t('transport.mode') }),
    quoteCol.accessor('zone', { header: t('transport.zone'), cell: (c) => c.getValue() ?? '—' }),
    quoteCol.accessor('chargeableWeightKg', { header: t('transport.chargeableKg'), cell: (c) => formatNumber(c.getValue(), 0) }),
    quoteCol.accessor('baseCharge', { header: t('transport.base'), cell: (c) => formatMoney(c.getValue(), c.row.original.currency) }),
    quoteCol.accessor('fuelSurcharge', { header: t('transport.fuel'), cell: (c) => formatMoney(c.getValue(), c.row.original.currency) }),
    quoteCol.accessor('totalCharge', { header: t('transport.total'), cell: (c) => <strong>{formatMoney(c.getValue(), c.row.original.currency)}</strong> }),
    quoteCol.accessor('transitDays', { header: t('transport.transitDays'), cell: (c) => formatNumber(c.getValue(), 1) }),
    quoteCol.accessor('co2eKg', { header: t('transport.co2eKg'), cell: (c) => formatNumber(c.getValue(), 1) }),
    quoteCol.accessor((q) => q.emissionFactor?.id ?? '', { id: 'emissionFactor', header: t('transport.emissionFactor'), cell: (c) => <FactorNote factor={c.row.original.emissionFactor} /> }),
    quoteCol.accessor((q) => [q.minimumApplied ? t('transport.minimumApplied') : '', q.deficitWeightApplied ? t('transport.deficitApplied') : ''].filter(Boolean).join(', '), { id: 'notes', header: t('transport.notes') }),
  ]), [t, formatNumber, formatMoney, markers]);
  return (
    <Section title={t('transport.tab.carriers')}>
      <form className="toolbar" onSubmit={submit}>
        <label className="inline-field">{t('transport.weightKg')}<input type="number" min={1} value={weightKg} onChange={(e) => setWeightKg(Number(e.target.value))} className="narrow" required /></label>
        <label className="inline-field">{t('transport.distanceKm')}<input type="number" min={0} value={distanceKm} onChange={(e) => setDistanceKm(Number(e.target.value))} className="narrow" /></label>
        <label className="inline-field">{t('transport.zone')}<input value={zone} onChange={(e) => setZone(e.target.value)} className="narrow" /></label>
        <button type="submit" className="primary" disabled={busy} data-testid="compare-carriers">{busy ? t('common.working') : t('transport.compare')}</button>
      </form>
      {error && <ErrorMessage error={error} />}
      {result && (
        <>
          {result.quotes.length === 0 ? <Empty>{t('transport.noQuotes')}</Empty> : <DataTable rows={result.quotes} columns={columns} getRowId={(q) => q.carrierId} caption={t('transport.tab.carriers')} numeric={['rank', 'chargeableWeightKg', 'baseCharge', 'fuelSurcharge', 'totalCharge', 'transitDays', 'co2eKg']} testId="carrier-quotes" />}
          <p className="muted small" data-testid="co2-method">{result.co2Method ? t('transport.co2Method', { method: result.co2Method }) : t('transport.co2NoDistance')}</p>
          {result.unavailable.length > 0 && <ul className="small muted">{result.unavailable.map((u) => <li key={u.carrierId}>{u.carrierId}: {u.message}</li>)}</ul>}
        </>
      )}
    </Section>
  );
}

function Load() {
  const { t, formatNumber, formatPercent } = useI18n();
  const [boxes, setBoxes] = useState([{ id: 'CARTON-A', lengthCm: 60, widthCm: 40, heightCm: 40, quantity: 40 }, { id: 'CARTON-B', lengthCm: 80, widthCm: 60, heightCm: 50, quantity: 20 }]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PackResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const container = { id: 'TRUCK-7.5T', lengthCm: 620, widthCm: 245, heightCm: 240 };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await apiRequest<PackResponse>('/api/v1/transport/pack', { method: 'POST', body: { container, boxTypes: boxes, options: { timeLimitSeconds: 1 } } }));
    } catch (cause) {
      setError(cause as Error);
    } finally {
      setBusy(false);
    }
  };
  const update = (index: number, field: 'lengthCm' | 'widthCm' | 'heightCm' | 'quantity', value: number) => setBoxes((all) => all.map((b, i) => (i === index ? { ...b, [field]: value } : b)));
  return (
    <Section title={t('transport.tab.load')}>
      <form onSubmit={submit}>
        <p className="muted small">{t('transport.container', { id: container.id, l: container.lengthCm, w: container.widthCm, h: container.heightCm })}</p>
        <table className="grid compact">
          <caption className="visually-hidden">{t('transport.boxes')}</caption>
          <thead><tr><th scope="col">{t('transport.box')}</th><th scope="col">{t('transport.lengthCm')}</th><th scope="col">{t('transport.widthCm')}</th><th scope="col">{t('transport.heightCm')}</th><th scope="col">{t('common.quantity')}</th></tr></thead>
          <tbody>
            {boxes.map((b, i) => (
              <tr key={b.id}>
                <td>{b.id}</td>
                {(['lengthCm', 'widthCm', 'heightCm', 'quantity'] as const).map((f) => (
                  <td key={f}><input type="number" min={1} className="narrow" value={b[f]} aria-label={`${b.id} ${t(f === 'quantity' ? 'common.quantity' : (`transport.${f}` as const))}`} onChange={(e) => update(i, f, Number(e.target.value))} /></td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" className="primary" disabled={busy}>{busy ? t('common.working') : t('transport.pack')}</button>
      </form>
      {error && <ErrorMessage error={error} />}
      {result && (
        <>
          <div className="kpi-row">
            <Kpi label={t('transport.packed')} value={formatNumber(result.packedCount, 0)} tone={result.status === 'all_packed' ? 'good' : 'warn'} hint={result.status === 'all_packed' ? t('transport.allPacked') : t('transport.partial')} />
            <Kpi label={t('transport.utilisation')} value={formatPercent(result.volumeUtilisation)} />
          </div>
          <SvgPicture svg={result.svg} label={t('transport.loadPicture')} testId="load-picture" />
          {result.exceptions.length > 0 && <ul className="small muted">{result.exceptions.map((e, i) => <li key={i}>{e.message}</li>)}</ul>}
        </>
      )}
    </Section>
  );
}
