import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { VsmResponse } from '@flowpilot/contract';
import { apiRequest } from '../api/api-client';
import { useI18n } from '../i18n/i18n-context';
import { Kpi, PageHeader, Section } from '../components/page';
import { SvgPicture } from '../components/svg-picture';
import { ErrorMessage, Loading } from '../components/states';
import { ACME_STAMPING_VSM } from './lean-example';

/** Lean: a value stream map computed by the server (takt, lead time, process cycle efficiency) and drawn as a picture. */
export function LeanPage() {
  const { t, formatNumber, formatPercent } = useI18n();
  const [text, setText] = useState(() => JSON.stringify(ACME_STAMPING_VSM, null, 2));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VsmResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setError(null);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (cause) {
      setError(new Error(t('lean.badJson', { detail: (cause as Error).message })));
      return;
    }
    setBusy(true);
    try {
      setResult(await apiRequest<VsmResponse>('/api/v1/lean/vsm', { method: 'POST', body }));
    } catch (cause) {
      setError(cause as Error);
    } finally {
      setBusy(false);
    }
  };
  // the example map is drawn on arrival, so the page opens on a picture
  const drawn = useRef(false);
  useEffect(() => {
    if (drawn.current) return;
    drawn.current = true;
    void submit();
  });
  return (
    <>
      <PageHeader title={t('lean.title')} subtitle={t('lean.subtitle')} />
      <Section title={t('lean.map')}>
        {error && <ErrorMessage error={error} />}
        {busy && <Loading />}
        {!result && !busy && !error && <p className="muted">{t('lean.hint')}</p>}
        {result && (
          <>
            <div className="kpi-row">
              <Kpi label={t('lean.takt')} value={`${formatNumber(result.taktTimeSeconds, 1)} s`} />
              <Kpi label={t('lean.leadTime')} value={t('lean.days', { days: formatNumber(result.leadTimeDays, 1) })} />
              <Kpi label={t('lean.processingTime')} value={`${formatNumber(result.processingTimeSeconds, 0)} s`} />
              <Kpi label={t('lean.pce')} value={formatPercent(result.processCycleEfficiency, 3)} />
              <Kpi label={t('lean.bottleneck')} value={result.bottleneckStepId} tone={result.status === 'over-takt' ? 'bad' : 'good'} hint={result.status === 'over-takt' ? t('lean.overTakt') : t('lean.underTakt')} />
            </div>
            <SvgPicture svg={result.svg} label={t('lean.map')} testId="vsm-picture" />
          </>
        )}
      </Section>
      <Section title={t('lean.input')}>
        <form onSubmit={submit}>
          <label className="block-field">{t('lean.json')}
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={14} spellCheck={false} className="code" />
          </label>
          <button type="submit" className="primary" disabled={busy} data-testid="draw-vsm">{busy ? t('common.working') : t('lean.draw')}</button>
        </form>
      </Section>
    </>
  );
}
