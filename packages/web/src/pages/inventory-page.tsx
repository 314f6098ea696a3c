import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { InventorySimulateResponse, PolicyPage, SegmentationResponse } from '@flowpilot/contract';
import { apiRequest, withQuery } from '../api/api-client';
import { useApi } from '../api/use-api';
import { useI18n } from '../i18n/i18n-context';
import { DataTable, gridColumns } from '../components/data-table';
import { PageHeader, Section } from '../components/page';
import { Tabs } from '../components/tabs';
import { Empty, ErrorMessage, Loaded, Loading } from '../components/states';
import type { PageProps } from '../app';
import { navigate } from '../router';
import { fieldLabel, fieldsOf, PARAMETER_BASIS_PANEL_ID, PolicyParameterBasisPanel } from './policy-parameter-basis-panel';

type Segmented = SegmentationResponse['items'][number];
type Policy = PolicyPage['items'][number];
const segCol = gridColumns<Segmented>();
const policyCol = gridColumns<Policy>();
const pointId = (p: Policy): string => `${p.itemCode}@${p.locationCode}`;
const parametersButtonId = (p: Policy): string => `parameters-${pointId(p)}`.replace(/[^A-Za-z0-9_-]/g, '_');

/** Inventory: ABC × XYZ segmentation matrix, (R, S) and (s, Q) policies with their service target (α/β) and coverage, and one stock point's policy simulated. */
export function InventoryPage({ route }: PageProps) {
  const { t } = useI18n();
  const tab = route.params.get('tab') ?? 'segmentation';
  return (
    <>
      <PageHeader title={t('inventory.title')} subtitle={t('inventory.subtitle')} />
      <Tabs label={t('inventory.title')} current={tab} onChange={(next) => navigate('inventory', { tab: next })} tabs={[
        { id: 'segmentation', label: t('inventory.tab.segmentation'), render: () => <Segmentation /> },
        { id: 'policies', label: t('inventory.tab.policies'), render: () => <Policies /> },
        { id: 'simulate', label: t('inventory.tab.simulate'), render: () => <Simulate /> },
      ]} />
    </>
  );
}

function Segmentation() {
  const { t, formatNumber, formatPercent, formatMoney, language } = useI18n();
  const [criterion, setCriterion] = useState<'usage-value' | 'volume'>('usage-value');
  const [segment, setSegment] = useState<string | null>(null);
  const data = useApi<SegmentationResponse>(withQuery('/api/v1/inventory/segmentation', { criterion, segment, pageSize: 500 }), language);
  const columns = useMemo(() => segCol.columns([
    segCol.accessor('itemCode', { header: t('common.item') }),
    segCol.accessor('itemName', { header: t('common.name'), cell: (c) => <span className="ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
    segCol.accessor('segment', { header: t('inventory.segment') }),
    segCol.accessor('demandUnits', { header: t('inventory.demandUnits'), cell: (c) => formatNumber(c.getValue(), 0) }),
    segCol.accessor('value', { header: criterion === 'volume' ? t('inventory.volume') : t('inventory.usageValue'), cell: (c) => (criterion === 'volume' ? formatNumber(c.getValue(), 0) : formatMoney(c.getValue())) }),
    segCol.accessor('cumulativeShare', { header: t('inventory.cumulativeShare'), cell: (c) => formatPercent(c.getValue()) }),
    segCol.accessor('coefficientOfVariation', { header: t('inventory.cv'), cell: (c) => formatNumber(c.getValue(), 2) }),
    segCol.accessor((r) => r.policy.cycleServiceLevel, { id: 'csl', header: t('inventory.serviceTarget'), cell: (c) => formatPercent(c.getValue()) }),
    segCol.accessor((r) => r.policy.forecastModel, { id: 'model', header: t('demand.model') }),
  ]), [t, formatNumber, formatPercent, formatMoney, criterion]);
  return (
    <Loaded state={data}>
      {(d) => {
        const abc = [...new Set(d.cells.map((c) => c.abcClass))].sort();
        const xyz = [...new Set(d.cells.map((c) => c.xyzClass ?? '—'))].sort();
        const maxShare = Math.max(0.0001, ...d.cells.map((c) => c.valueShare));
        return (
          <>
            <div className="toolbar">
              <label className="inline-field">{t('inventory.criterion')}
                <select value={criterion} onChange={(e) => setCriterion(e.target.value as typeof criterion)}>
                  <option value="usage-value">{t('inventory.usageValue')}</option>
                  <option value="volume">{t('inventory.volume')}</option>
                </select>
              </label>
              <span className="muted small">{t('inventory.period', { from: d.parameters.fromDate, to: d.parameters.toDate })}</span>
            </div>
            <div className="two-cols wide-right">
              <Section title={t('inventory.matrix')}>
                <table className="matrix" data-testid="abc-xyz-matrix">
                  <caption className="visually-hidden">{t('inventory.matrix')}</caption>
                  <thead><tr><th scope="col">ABC \ XYZ</th>{xyz.map((x) => <th key={x} scope="col">{x}</th>)}</tr></thead>
                  <tbody>
                    {abc.map((a) => (
                      <tr key={a}>
                        <th scope="row">{a}</th>
                        {xyz.map((x) => {
                          const cell = d.cells.find((c) => c.abcClass === a && (c.xyzClass ?? '—') === x);
                          if (!cell) return <td key={x} className="matrix-empty">—</td>;
                          const active = segment === cell.segment;
                          return (
                            <td key={x} style={{ background: `rgba(47,109,181,${(0.08 + 0.7 * cell.valueShare / maxShare).toFixed(3)})` }} className={active ? 'active' : undefined}>
                              <button type="button" className="cell-button" aria-pressed={active} onClick={() => setSegment(active ? null : cell.segment)}
                                aria-label={t('inventory.cellLabel', { segment: cell.segment, count: cell.itemCount, share: formatPercent(cell.valueShare) })}>
                                <strong>{cell.segment}</strong>
                                <span>{t('inventory.items', { count: formatNumber(cell.itemCount, 0) })}</span>
                                <span>{formatPercent(cell.valueShare)}</span>
                              </button>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="muted small">{t('inventory.matrixHint')}</p>
              </Section>
              <Section title={segment ? t('inventory.itemsOf', { segment }) : t('inventory.allItems', { count: d.total })}>
                {d.items.length === 0 ? <Empty /> : <DataTable rows={d.items} columns={columns} getRowId={(r) => r.itemCode} caption={t('inventory.allItems', { count: d.total })} numeric={['demandUnits', 'value', 'cumulativeShare', 'coefficientOfVariation', 'csl']} maxHeightPx={480} testId="segmented-items" />}
              </Section>
            </div>
          </>
        );
      }}
    </Loaded>
  );
}

function Policies() {
  const { t, formatNumber, formatPercent, language } = useI18n();
  const [search, setSearch] = useState('');
  const data = useApi<PolicyPage>(withQuery('/api/v1/inventory/policies', { pageSize: 500, search }), language);
  // The stock point whose s, Q, S basis is open; focus goes back to its button when the panel closes.
  const [basisOf, setBasisOf] = useState<string | null>(null);
  const focusAfterClose = useRef<string | null>(null);
  const basisPoint = data.data?.items.find((p) => pointId(p) === basisOf && p.replenishment) ?? null;
  useEffect(() => {
    if (basisPoint) { focusAfterClose.current = parametersButtonId(basisPoint); return; }
    if (basisOf !== null || !focusAfterClose.current) return;
    document.getElementById(focusAfterClose.current)?.focus();
    focusAfterClose.current = null;
  }, [basisOf, basisPoint]);
  const columns = useMemo(() => policyCol.columns([
    policyCol.accessor('itemCode', { header: t('common.item') }),
    policyCol.accessor('locationCode', { header: t('common.location') }),
    policyCol.accessor('policy', { header: t('inventory.policy'), cell: (c) => <span className="badge" title={t(c.getValue() === 'R-S' ? 'inventory.policy.R-S' : 'inventory.policy.s-Q')}>{c.getValue() === 'R-S' ? '(R, S)' : '(s, Q)'}</span> }),
    policyCol.accessor('segment', { header: t('inventory.segment'), cell: (c) => c.getValue() ?? '—' }),
    policyCol.accessor('meanPerWeek', { header: t('inventory.meanPerWeek'), cell: (c) => formatNumber(c.getValue(), 1) }),
    policyCol.accessor('errorStandardDeviationPerWeek', { header: t('inventory.sigma'), cell: (c) => formatNumber(c.getValue(), 1) }),
    policyCol.accessor('leadTimeWeeks', { header: t('inventory.leadTimeWeeks'), cell: (c) => formatNumber(c.getValue(), 1) }),
    policyCol.accessor((p) => p.serviceTarget?.value ?? p.cycleServiceLevel, { id: 'serviceTarget', header: t('inventory.serviceTarget'), cell: (c) => {
      // α = cycle service level (probability of no stock-out per cycle), β = fill rate (share of demand served from stock); older runs carry only the α.
      const target = c.row.original.serviceTarget;
      const alpha = target === null || target.type === 'cycle-service-level';
      return (
        <span title={t(alpha ? 'inventory.alpha' : 'inventory.beta')}>
          {alpha ? 'α' : 'β'} {formatPercent(c.getValue())}{target && <span className="muted small"> · {t('inventory.targetSource', { source: target.source })}</span>}
        </span>
      );
    } }),
    policyCol.accessor('safetyStockUnits', { header: t('inventory.safetyStock'), cell: (c) => formatNumber(c.getValue(), 0) }),
    policyCol.accessor('reorderLevelUnits', { header: t('inventory.reorderLevel'), cell: (c) => formatNumber(c.getValue(), 0) }),
    policyCol.accessor('orderQuantityUnits', { header: t('inventory.orderQuantity'), cell: (c) => formatNumber(c.getValue(), 0) }),
    policyCol.accessor('orderUpToLevelUnits', { header: t('inventory.orderUpTo'), cell: (c) => formatNumber(c.getValue(), 0) }),
    policyCol.accessor('expectedFillRate', { header: t('inventory.fillRate'), cell: (c) => formatPercent(c.getValue()) }),
    policyCol.accessor('onHandUnits', { header: t('inventory.onHand'), cell: (c) => formatNumber(c.getValue(), 0) }),
    policyCol.accessor('onHandCoverageDays', { header: t('inventory.coverageDays'), cell: (c) => formatNumber(c.getValue(), 1) }),
    policyCol.accessor('safetyStockCoverageDays', { header: t('inventory.ssCoverageDays'), cell: (c) => formatNumber(c.getValue(), 1) }),
    policyCol.accessor('replenishment', { id: 'parameters', header: t('inventory.params'), cell: (c) => {
      // Policy items: the s, Q or S the proposals step orders with, each the run's (computed) or a person's (manual).
      const p = c.row.original;
      const r = c.getValue();
      if (!r) return '—';
      const open = basisOf === pointId(p);
      return (
        <span>
          {fieldsOf(r.method).map((field) => {
            const value = r[field];
            return (
              <span key={field} className="param" title={fieldLabel(field, t)}>
                {field === 'reorderPoint' ? 's' : field === 'orderQuantity' ? 'Q' : 'S'} {value.units === null ? '—' : formatNumber(value.units, 0)}
                {value.source && <span className={`badge ${value.source}`}>{t(value.source === 'computed' ? 'inventory.params.computed' : 'inventory.params.manual')}</span>}{' '}
              </span>
            );
          })}
          {!r.current && r.runId !== null && <span className="muted small">{t('inventory.params.earlier', { run: r.runId })} </span>}
          <button type="button" className="link" id={parametersButtonId(p)} aria-expanded={open} aria-controls={open ? PARAMETER_BASIS_PANEL_ID : undefined}
            aria-label={t('inventory.params.show', { item: p.itemCode, location: p.locationCode })} onClick={() => setBasisOf(open ? null : pointId(p))}>
            {t('inventory.params.button')}
          </button>
        </span>
      );
    } }),
  ]), [t, formatNumber, formatPercent, basisOf]);
  return (
    <Section title={t('inventory.tab.policies')} actions={<label className="inline-field">{t('common.filter')}<input type="search" value={search} onChange={(e) => setSearch(e.target.value)} /></label>}>
      <Loaded state={data} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <>
            {d.formula && <p className="muted small">{t('inventory.formula', { formula: d.formula })}</p>}
            <DataTable rows={d.items} columns={columns} getRowId={(p) => `${p.itemCode}@${p.locationCode}`} caption={t('inventory.tab.policies')} testId="policies"
              numeric={['meanPerWeek', 'errorStandardDeviationPerWeek', 'leadTimeWeeks', 'serviceTarget', 'safetyStockUnits', 'reorderLevelUnits', 'orderQuantityUnits', 'orderUpToLevelUnits', 'expectedFillRate', 'onHandUnits', 'onHandCoverageDays', 'safetyStockCoverageDays']} />
            {basisPoint?.replenishment && (
              <PolicyParameterBasisPanel itemCode={basisPoint.itemCode} locationCode={basisPoint.locationCode} replenishment={basisPoint.replenishment} onClose={() => setBasisOf(null)} />
            )}
          </>
        )}
      </Loaded>
    </Section>
  );
}

function Simulate() {
  const { t, formatNumber, formatPercent } = useI18n();
  const [itemCode, setItemCode] = useState('');
  const [locationCode, setLocationCode] = useState('');
  const [demand, setDemand] = useState<'history' | 'forecast'>('history');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<InventorySimulateResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await apiRequest<InventorySimulateResponse>('/api/v1/inventory/simulate', { method: 'POST', body: { itemCode: itemCode.trim(), ...(locationCode.trim() ? { locationCode: locationCode.trim() } : {}), demand } }));
    } catch (cause) {
      setError(cause as Error);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  const rows: { key: string; label: string; interval: InventorySimulateResponse['result']['fillRate']; percent: boolean }[] = result ? [
    { key: 'cycleServiceLevel', label: t('inventory.sim.csl'), interval: result.result.cycleServiceLevel, percent: true },
    { key: 'fillRate', label: t('inventory.fillRate'), interval: result.result.fillRate, percent: true },
    { key: 'readyRate', label: t('inventory.sim.readyRate'), interval: result.result.readyRate, percent: true },
    { key: 'averageOnHandUnits', label: t('inventory.sim.onHand'), interval: result.result.averageOnHandUnits, percent: false },
    { key: 'averageBackorderUnits', label: t('inventory.sim.backorders'), interval: result.result.averageBackorderUnits, percent: false },
    { key: 'ordersPerPeriod', label: t('inventory.sim.orders'), interval: result.result.ordersPerPeriod, percent: false },
    { key: 'costPerPeriod', label: t('inventory.sim.cost'), interval: result.result.costPerPeriod, percent: false },
  ] : [];
  const show = (value: number, percent: boolean) => (percent ? formatPercent(value, 2) : formatNumber(value, 2));
  return (
    <Section title={t('inventory.tab.simulate')}>
      <form className="toolbar" onSubmit={submit}>
        <label className="inline-field">{t('common.item')}<input value={itemCode} onChange={(e) => setItemCode(e.target.value)} required placeholder="FG-IRRIG-01" /></label>
        <label className="inline-field">{t('common.location')}<input value={locationCode} onChange={(e) => setLocationCode(e.target.value)} placeholder={t('inventory.sim.defaultLocation')} /></label>
        <label className="inline-field">{t('inventory.sim.demand')}
          <select value={demand} onChange={(e) => setDemand(e.target.value as typeof demand)}>
            <option value="history">{t('inventory.sim.history')}</option>
            <option value="forecast">{t('inventory.sim.forecast')}</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>{busy ? t('common.working') : t('inventory.sim.run')}</button>
      </form>
      {error && <ErrorMessage error={error} />}
      {busy && <Loading />}
      {result && (
        <>
          <p className="muted small">{t('inventory.sim.input', { item: result.itemCode, location: result.locationCode, policy: JSON.stringify(result.input.policy), lead: result.input.leadTimePeriods, periods: result.input.periods, replications: result.input.replications, seed: result.input.seed })}</p>
          <table className="grid compact" data-testid="simulation-result">
            <caption className="visually-hidden">{t('inventory.tab.simulate')}</caption>
            <thead><tr><th scope="col">{t('inventory.sim.measure')}</th><th scope="col" className="num">{t('inventory.sim.mean')}</th><th scope="col" className="num">{t('inventory.sim.interval')}</th></tr></thead>
            <tbody>{rows.map((r) => <tr key={r.key}><td>{r.label}</td><td className="num">{show(r.interval.mean, r.percent)}</td><td className="num">{show(r.interval.lower, r.percent)} – {show(r.interval.upper, r.percent)}</td></tr>)}</tbody>
          </table>
        </>
      )}
    </Section>
  );
}
