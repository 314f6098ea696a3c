import { useCallback, useEffect, useState } from 'react';
import { PlanningCycleStepName, type JobSummary } from '@flowpilot/contract';
import { apiRequest, ApiError } from '../api/api-client';
import { useLatestRuns } from '../api/latest-runs';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';

const ACTIVE = new Set<string>(['queued', 'running']);
const STEPS = PlanningCycleStepName.options;
/** Time between two looks at the job (GET /api/v1/jobs/:id). */
export const CYCLE_POLL_MS = 1000;

type Message = { tone: 'ok' | 'error'; text: string };

/**
 * Runs the planning cycle as a job: POST /api/v1/planning-cycle enqueues it (202), then the button follows the job
 * (GET /api/v1/jobs/:id every second) with the step it is on, offers to cancel it, and reloads every page's runs
 * when it succeeds. A cycle already queued or running (started in another tab, or before a reload) is followed too.
 */
export function RunCycleButton() {
  const { t } = useI18n();
  const { can } = useSession();
  const runs = useLatestRuns();
  const reloadRuns = runs.reload;
  const [job, setJob] = useState<JobSummary | null>(null);
  const [starting, setStarting] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const allowed = can('planning:write');
  const canFollow = can('jobs:read');

  const finish = useCallback((ended: JobSummary) => {
    if (ended.status === 'succeeded') {
      const seconds = ended.startedAt && ended.finishedAt ? (Date.parse(ended.finishedAt) - Date.parse(ended.startedAt)) / 1000 : 0;
      setMessage({ tone: 'ok', text: t('cycle.done', { seconds: seconds.toFixed(1) }) });
      reloadRuns();
    } else if (ended.status === 'cancelled') {
      setMessage({ tone: 'ok', text: t('cycle.cancelled') });
    } else {
      setMessage({ tone: 'error', text: t('cycle.failed', { error: ended.error ?? ended.status }) });
    }
  }, [t, reloadRuns]);

  // A cycle already on its way is followed from the start.
  useEffect(() => {
    if (!allowed || !canFollow) return;
    const controller = new AbortController();
    apiRequest<{ items: JobSummary[] }>('/api/v1/jobs?kind=planning_cycle&pageSize=5', { signal: controller.signal }).then(
      (page) => { const active = page.items.find((j) => ACTIVE.has(j.status)); if (active) setJob((current) => current ?? active); },
      () => { /* the button still works without it */ },
    );
    return () => controller.abort();
  }, [allowed, canFollow]);

  // While the job is queued or running: look again every second until it ends.
  useEffect(() => {
    if (!job || !ACTIVE.has(job.status) || !canFollow) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      apiRequest<JobSummary>(`/api/v1/jobs/${encodeURIComponent(job.id)}`, { signal: controller.signal }).then(
        (next) => {
          setJob(next);
          if (!ACTIVE.has(next.status)) finish(next);
        },
        (error: Error) => {
          if (error.name === 'AbortError') return;
          setMessage({ tone: 'error', text: error.message });
          setJob(null);
        },
      );
    }, CYCLE_POLL_MS);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [job, canFollow, finish]);

  if (!allowed) return null;
  const active = job !== null && ACTIVE.has(job.status);

  const run = async () => {
    setStarting(true);
    setMessage(null);
    try {
      setJob(await apiRequest<JobSummary>('/api/v1/planning-cycle', { method: 'POST', body: {} }));
    } catch (error) {
      const details = error instanceof ApiError ? (error.details as { jobId?: string } | undefined) : undefined;
      // Another cycle is on its way: follow that one.
      if (error instanceof ApiError && error.code === 'cycle_already_active' && details?.jobId) {
        setMessage({ tone: 'ok', text: error.message });
        setJob(await apiRequest<JobSummary>(`/api/v1/jobs/${encodeURIComponent(details.jobId)}`).catch(() => null));
      } else {
        setMessage({ tone: 'error', text: (error as Error).message });
      }
    } finally {
      setStarting(false);
    }
  };

  const cancel = async () => {
    if (!job) return;
    try {
      setJob(await apiRequest<JobSummary>(`/api/v1/jobs/${encodeURIComponent(job.id)}/cancel`, { method: 'POST', body: {} }));
    } catch (error) {
      setMessage({ tone: 'error', text: (error as Error).message });
    }
  };

  let status: string | undefined = message?.text;
  if (starting) status = t('cycle.starting');
  else if (active && job) {
    const step = STEPS[job.progress.done];
    status = job.cancelRequested ? t('cycle.cancelling')
      : job.status === 'queued' ? t('cycle.queued')
        : t('cycle.progress', { done: Math.min(job.progress.done + 1, job.progress.total), total: job.progress.total, step: step ? t(`runType.${step}` as MessageKey) : '' });
  }
  return (
    <span className="cycle">
      <button type="button" className="primary" onClick={() => void run()} disabled={starting || active} data-testid="run-cycle">
        {starting || active ? t('cycle.running') : t('cycle.run')}
      </button>
      {active && job && (
        <>
          <progress max={Math.max(1, job.progress.total)} value={job.progress.done} aria-label={t('jobs.progress')} data-testid="cycle-progress" />
          {can('jobs:write') && !job.cancelRequested && (
            <button type="button" className="small-button" onClick={() => void cancel()} data-testid="cancel-cycle">{t('jobs.cancel')}</button>
          )}
        </>
      )}
      <span role="status" aria-live="polite" className={!active && message?.tone === 'error' ? 'state-error small' : 'muted small'} data-testid="cycle-status">
        {status}
        {active && job && <> · <a href="#/jobs">{t('cycle.job', { id: job.id })}</a></>}
      </span>
    </span>
  );
}
