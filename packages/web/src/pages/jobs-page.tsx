import { useEffect, useMemo, useState } from 'react';
import type { JobSummary } from '@flowpilot/contract';
import { apiRequest } from '../api/api-client';
import { useApi } from '../api/use-api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { DataTable, gridColumns } from '../components/data-table';
import { PageHeader, Section } from '../components/page';
import { Loaded } from '../components/states';

type Job = JobSummary;
const jobCol = gridColumns<Job>();
const ACTIVE = new Set<string>(['queued', 'running']);
const REFRESH_MS = 3000;

/** done ÷ total work units (series, steps or items); null before the job knows its total. */
function fractionOf(progress: Job['progress']): number | null {
  return progress.total > 0 ? progress.done / progress.total : null;
}

/** Background jobs (planning cycles started by the Run planning cycle button among them) with their progress, refreshed every 3 s while one runs; cancel a running one. */
export function JobsPage() {
  const { t, formatDateTime, formatPercent, language } = useI18n();
  const { can } = useSession();
  const jobs = useApi<{ items: Job[]; total?: number }>('/api/v1/jobs?pageSize=100', language);
  const [error, setError] = useState<string | null>(null);
  const running = (jobs.data?.items ?? []).some((j) => ACTIVE.has(j.status));
  const reload = jobs.reload;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, reload]);
  const columns = useMemo(() => jobCol.columns([
    jobCol.accessor('id', { header: t('jobs.id'), cell: (c) => <code>{c.getValue()}</code> }),
    jobCol.accessor('kind', { header: t('jobs.kind'), cell: (c) => t(`jobs.kind.${c.getValue()}` as MessageKey) }),
    jobCol.accessor('status', { header: t('common.status'), cell: (c) => <span className={`badge ${c.getValue()}`}>{t(`run.status.${c.getValue()}` as MessageKey)}</span> }),
    jobCol.accessor((j) => fractionOf(j.progress), { id: 'progress', header: t('jobs.progress'), cell: (c) => {
      const f = c.getValue();
      const { done, total } = c.row.original.progress;
      return f === null ? '—' : <span className="progress"><progress max={1} value={f} aria-label={t('jobs.progress')} /> {formatPercent(f, 0)} ({done}/{total})</span>;
    } }),
    jobCol.accessor((j) => j.error ?? '', { id: 'error', header: t('data.message'), cell: (c) => <span className="ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
    jobCol.accessor('createdAt', { header: t('jobs.created'), cell: (c) => formatDateTime(c.getValue()) }),
    jobCol.accessor('finishedAt', { header: t('run.finished'), cell: (c) => formatDateTime(c.getValue()) }),
    jobCol.display({ id: 'cancel', header: () => <span className="visually-hidden">{t('jobs.cancel')}</span>, cell: (c) => can('jobs:write') && ACTIVE.has(c.row.original.status) ? (
      <button type="button" className="small-button" onClick={() => apiRequest(`/api/v1/jobs/${encodeURIComponent(c.row.original.id)}/cancel`, { method: 'POST', body: {} }).then(reload, (e: Error) => setError(e.message))}>{t('jobs.cancel')}</button>
    ) : null }),
  ]), [t, formatDateTime, formatPercent, can, reload]);
  return (
    <>
      <PageHeader title={t('jobs.title')} subtitle={t('jobs.subtitle')} actions={<button type="button" onClick={reload}>{t('common.refresh')}</button>} />
      {error && <p className="state state-error" role="alert">{error}</p>}
      <Section title={t('jobs.title')}>
        <Loaded state={jobs} isEmpty={(d) => d.items.length === 0} empty={t('jobs.none')}>
          {(d) => <DataTable rows={d.items} columns={columns} getRowId={(j) => j.id} caption={t('jobs.title')} numeric={['progress']} testId="jobs" />}
        </Loaded>
      </Section>
    </>
  );
}
