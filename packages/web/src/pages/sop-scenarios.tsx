import { useMemo, useState, type FormEvent } from 'react';
import type { SopResponse, SopScenarioChanges, SopScenarioRecord } from '@flowpilot/contract';
import { apiRequest, withQuery } from '../api/api-client';
import { useApi } from '../api/use-api';
import { useSubmit } from '../api/use-submit';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { EChart } from '../charts/echart';
import { Section } from '../components/page';
import { SubmitFeedback } from '../components/submit-feedback';
import { Loaded } from '../components/states';

type Family = SopResponse['families'][number];
type CostKey = 'regularLabor' | 'overtimeLabor' | 'hiring' | 'layoff' | 'material' | 'holding' | 'backlog' | 'subcontract';
const COST_KEYS: readonly CostKey[] = ['regularLabor', 'overtimeLabor', 'hiring', 'layoff', 'material', 'holding', 'backlog', 'subcontract'];
const COST_COLORS = ['#2f6db5', '#8fb3de', '#e67e22', '#c0392b', '#7f8c8d', '#27ae60', '#8e44ad', '#f1c40f'];
const STRATEGIES = ['optimal', 'level', 'chase'] as const;

/** One column of the side-by-side comparison: a base plan (per strategy and workforce mode) or a kept scenario. */
export type ComparisonColumn = { id: string; label: string; costs: SopScenarioRecord['costs']; changeEur: number | null; scenario: SopScenarioRecord | null };

/** The columns compared: the base plan of each strategy × workforce mode the scenarios use, then every scenario, oldest first. */
export function comparisonColumns(scenarios: readonly SopScenarioRecord[], baseLabel: (s: SopScenarioRecord) => string): ComparisonColumn[] {
  const bases = new Map<string, ComparisonColumn>();
  for (const s of scenarios) {
    const key = `base:${s.strategy}:${s.workforceMode}`;
    if (!bases.has(key)) bases.set(key, { id: key, label: baseLabel(s), costs: s.baseCosts, changeEur: null, scenario: null });
  }
  return [...bases.values(), ...scenarios.map((s) => ({ id: s.id, label: s.name, costs: s.costs, changeEur: s.costChangeEur, scenario: s }))];
}

/** A number field of the scenario form: empty = keep the base value (shown as placeholder). */
type FormFields = {
  name: string; strategy: (typeof STRATEGIES)[number]; workforceMode: 'integer' | 'continuous'; demandPercent: string;
  hiringCostPerWorker: string; layoffCostPerWorker: string; overtimeCostPerHour: string; subcontractCostPerUnit: string;
  maxSubcontractUnitsPerPeriod: string; maxWorkforce: string; noLayoffs: boolean;
};
const EMPTY_FORM: FormFields = {
  name: '', strategy: 'optimal', workforceMode: 'integer', demandPercent: '', hiringCostPerWorker: '', layoffCostPerWorker: '', overtimeCostPerHour: '',
  subcontractCostPerUnit: '', maxSubcontractUnitsPerPeriod: '', maxWorkforce: '', noLayoffs: false,
};

/** The changes a form asks for: only the fields filled in; demand in percent of the base (110 = +10 %). */
export function changesOf(form: FormFields): SopScenarioChanges {
  const number = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.replace(',', '.')));
  const costs: NonNullable<SopScenarioChanges['costs']> = {};
  const limits: NonNullable<SopScenarioChanges['limits']> = {};
  for (const key of ['hiringCostPerWorker', 'layoffCostPerWorker', 'overtimeCostPerHour', 'subcontractCostPerUnit'] as const) {
    const value = number(form[key]);
    if (value !== undefined) costs[key] = value;
  }
  const maxSubcontract = number(form.maxSubcontractUnitsPerPeriod);
  if (maxSubcontract !== undefined) limits.maxSubcontractUnitsPerPeriod = maxSubcontract;
  const maxWorkforce = number(form.maxWorkforce);
  if (maxWorkforce !== undefined) limits.maxWorkforce = maxWorkforce;
  if (form.noLayoffs) limits.maxLayoffsPerPeriod = 0;
  const demandPercent = number(form.demandPercent);
  return {
    ...(demandPercent !== undefined ? { demandFactor: demandPercent / 100 } : {}),
    ...(Object.keys(costs).length > 0 ? { costs } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
}

/**
 * S&OP what-if scenarios of one family: run a new one with changed parameters (kept by the server with its plan),
 * and compare the kept ones with their base plans cost line by cost line, in a table and a stacked bar chart.
 */
export function SopScenarios({ family, canWrite }: { family: Family; canWrite: boolean }) {
  const { t, formatMoney, formatNumber, formatPercent, language } = useI18n();
  const list = useApi<{ items: SopScenarioRecord[] }>(withQuery('/api/v1/sop/scenarios', { familyCode: family.familyCode }), language);
  const [form, setForm] = useState<FormFields>(EMPTY_FORM);
  const { busy, message, run } = useSubmit();
  const baseCosts = (family.input.costs ?? {}) as Record<string, number>;
  const strategyLabel = (s: string) => t(`sop.strategy.${s}` as MessageKey);
  const columns = useMemo(() => comparisonColumns(list.data?.items ?? [], (s) => t('sop.scenario.baseOf', {
    strategy: t(`sop.strategy.${s.strategy}` as MessageKey), mode: t(`sop.scenario.mode.${s.workforceMode}` as MessageKey),
  })), [list.data, t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name: form.name.trim(), familyCode: family.familyCode, strategy: form.strategy, workforceMode: form.workforceMode, changes: changesOf(form) };
    void run(() => apiRequest<SopScenarioRecord>('/api/v1/sop/scenarios', { method: 'POST', body }), {
      success: (created) => {
        setForm({ ...EMPTY_FORM, strategy: form.strategy, workforceMode: form.workforceMode });
        list.reload();
        return t('sop.scenario.saved', { name: created.name, total: formatMoney(created.totalCostEur), change: formatMoney(created.costChangeEur) });
      },
    });
  };
  const remove = (scenario: SopScenarioRecord) => run(() => apiRequest(`/api/v1/sop/scenarios/${encodeURIComponent(scenario.id)}`, { method: 'DELETE' }), {
    success: () => {
      list.reload();
      return t('sop.scenario.deleted', { name: scenario.name });
    },
  });

  const option = useMemo(() => columns.length === 0 ? null : {
    grid: { left: 80, right: 20, top: 40, bottom: 60 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: COST_KEYS.map((k) => t(`sop.cost.${k}` as MessageKey)) },
    xAxis: { type: 'category', data: columns.map((c) => c.label), axisLabel: { interval: 0, overflow: 'truncate', width: 110 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v, 0) } },
    series: COST_KEYS.map((key, i) => ({ name: t(`sop.cost.${key}` as MessageKey), type: 'bar', stack: 'cost', itemStyle: { color: COST_COLORS[i] }, data: columns.map((c) => c.costs[key]) })),
  }, [columns, t, formatNumber]);

  const numberField = (key: keyof FormFields, label: MessageKey, base: number | undefined, testId?: string) => (
    <label className="inline-field">{t(label)}
      <input type="number" min={0} step="any" className="narrow" value={form[key] as string} placeholder={base === undefined ? '' : formatNumber(base, 2)}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })} data-testid={testId} />
    </label>
  );

  return (
    <Section title={t('sop.scenario.title', { family: family.familyCode })} id="sop-scenarios">
      {canWrite && (
        <form onSubmit={submit} aria-label={t('sop.scenario.new')}>
          <div className="toolbar">
            <label className="inline-field">{t('sop.scenario.name')}<input required maxLength={120} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} data-testid="scenario-name" /></label>
            <label className="inline-field">{t('sop.strategy')}
              <select value={form.strategy} onChange={(e) => setForm({ ...form, strategy: e.target.value as FormFields['strategy'] })}>
                {STRATEGIES.map((s) => <option key={s} value={s}>{strategyLabel(s)}</option>)}
              </select>
            </label>
            <label className="inline-field">{t('sop.scenario.workforce')}
              <select value={form.workforceMode} onChange={(e) => setForm({ ...form, workforceMode: e.target.value as FormFields['workforceMode'] })}>
                <option value="integer">{t('sop.scenario.mode.integer')}</option>
                <option value="continuous">{t('sop.scenario.mode.continuous')}</option>
              </select>
            </label>
            {numberField('demandPercent', 'sop.scenario.demandPercent', 100, 'scenario-demand')}
          </div>
          <div className="toolbar">
            {numberField('hiringCostPerWorker', 'sop.scenario.hiringCost', baseCosts.hiringCostPerWorker)}
            {numberField('layoffCostPerWorker', 'sop.scenario.layoffCost', baseCosts.layoffCostPerWorker)}
            {numberField('overtimeCostPerHour', 'sop.scenario.overtimeCost', baseCosts.overtimeCostPerHour)}
            {numberField('subcontractCostPerUnit', 'sop.scenario.subcontractCost', baseCosts.subcontractCostPerUnit)}
            {numberField('maxSubcontractUnitsPerPeriod', 'sop.scenario.maxSubcontract', undefined)}
            {numberField('maxWorkforce', 'sop.scenario.maxWorkforce', undefined)}
            <label className="inline-field"><input type="checkbox" checked={form.noLayoffs} onChange={(e) => setForm({ ...form, noLayoffs: e.target.checked })} /> {t('sop.scenario.noLayoffs')}</label>
            <button type="submit" className="primary" disabled={busy} data-testid="scenario-run">{busy ? t('common.working') : t('sop.scenario.run')}</button>
          </div>
          <p className="muted small">{t('sop.scenario.hint')}</p>
        </form>
      )}
      <SubmitFeedback message={message} testId="scenario-message" />
      <Loaded state={list}>
        {() => columns.length === 0 ? <p className="muted small">{t('sop.scenario.none')}</p> : (
          <>
            <div className="grid-scroll" style={{ maxHeight: 520 }}>
              <table className="grid" data-testid="scenario-comparison">
                <caption className="visually-hidden">{t('sop.scenario.comparison')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sop.scenario.line')}</th>
                    {columns.map((c) => <th key={c.id} scope="col" className="num">{c.label}</th>)}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{t('sop.scenario.settings')}</th>
                    {columns.map((c) => <td key={c.id} className="small">{c.scenario ? describeScenario(c.scenario, t, formatNumber, formatPercent, strategyLabel) : t('sop.scenario.asRun')}</td>)}
                  </tr>
                  {COST_KEYS.map((key) => (
                    <tr key={key}>
                      <th scope="row">{t(`sop.cost.${key}` as MessageKey)}</th>
                      {columns.map((c) => <td key={c.id} className="num">{formatMoney(c.costs[key])}</td>)}
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t('sop.cost.total')}</th>
                    {columns.map((c) => <td key={c.id} className="num"><strong>{formatMoney(c.costs.total)}</strong></td>)}
                  </tr>
                  <tr>
                    <th scope="row">{t('sop.scenario.change')}</th>
                    {columns.map((c) => <td key={c.id} className={`num ${c.changeEur !== null && c.changeEur > 0 ? 'bad-text' : c.changeEur !== null && c.changeEur < 0 ? 'good-text' : ''}`}>{c.scenario ? formatMoney(c.changeEur) : '—'}</td>)}
                  </tr>
                  <tr>
                    <th scope="row">{t('sop.scenario.demand')}</th>
                    {columns.map((c) => <td key={c.id} className="num">{c.scenario ? formatNumber(c.scenario.totalDemandUnits, 0) : '—'}</td>)}
                  </tr>
                  <tr>
                    <th scope="row">{t('sop.col.subcontractUnits')}</th>
                    {columns.map((c) => <td key={c.id} className="num">{c.scenario ? formatNumber(c.scenario.totalSubcontractUnits, 0) : '—'}</td>)}
                  </tr>
                  <tr>
                    <th scope="row">{t('sop.scenario.peakWorkforce')}</th>
                    {columns.map((c) => <td key={c.id} className="num">{c.scenario ? formatNumber(c.scenario.peakWorkforce, 1) : '—'}</td>)}
                  </tr>
                  <tr>
                    <th scope="row">{t('common.status')}</th>
                    {columns.map((c) => <td key={c.id} className="num">{c.scenario ? c.scenario.status : '—'}</td>)}
                  </tr>
                  {canWrite && (
                    <tr>
                      <th scope="row"><span className="visually-hidden">{t('sop.scenario.delete')}</span></th>
                      {columns.map((c) => <td key={c.id} className="num">{c.scenario ? (
                        <button type="button" className="link" disabled={busy} onClick={() => void remove(c.scenario!)} aria-label={t('sop.scenario.deleteOf', { name: c.scenario.name })}>{t('sop.scenario.delete')}</button>
                      ) : null}</td>)}
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
            {option && <EChart option={option} label={t('sop.scenario.chart', { family: family.familyCode })} height={300} testId="scenario-chart" />}
          </>
        )}
      </Loaded>
    </Section>
  );
}

/** The settings of a scenario in words: strategy, workforce mode and each change made. */
function describeScenario(s: SopScenarioRecord, t: ReturnType<typeof useI18n>['t'], formatNumber: ReturnType<typeof useI18n>['formatNumber'], formatPercent: ReturnType<typeof useI18n>['formatPercent'], strategyLabel: (s: string) => string): string {
  const parts = [`${strategyLabel(s.strategy)} · ${t(`sop.scenario.mode.${s.workforceMode}` as MessageKey)}`];
  if (s.changes.demandFactor !== undefined) parts.push(t('sop.scenario.demandIs', { percent: formatPercent(s.changes.demandFactor, 0) }));
  for (const [key, value] of Object.entries(s.changes.costs ?? {})) parts.push(`${t(`sop.scenario.field.${key}` as MessageKey)} ${formatNumber(value)}`);
  for (const [key, value] of Object.entries(s.changes.limits ?? {})) parts.push(`${t(`sop.scenario.field.${key}` as MessageKey)} ${formatNumber(value)}`);
  return parts.join(' · ');
}
