// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { permissionsOf, type JobSummary } from '@flowpilot/contract';
import { SessionProvider } from '../auth/session-context';
import { I18nProvider, type Language } from '../i18n/i18n-context';
import { LatestRunsProvider } from '../api/latest-runs';
import { setCsrfToken } from '../api/api-client';
import { RunCycleButton } from './run-cycle-button';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const job = (id: string, patch: Partial<JobSummary> = {}): JobSummary => ({
  id, kind: 'planning_cycle', status: 'queued', cancelRequested: false, createdBy: 'planner@x', params: {}, progress: { done: 0, total: 8 },
  partitions: { total: 1, done: 0, running: 0, pending: 1, failed: 0, cancelled: 0 }, error: null, retryCount: 0,
  createdAt: '2026-11-24T10:00:00.000Z', startedAt: null, finishedAt: null, ...patch,
});

type Call = { path: string; method: string };
/** A fetch answering by path; `jobs` gives the successive answers of GET /api/v1/jobs/:id (the last one repeats). */
function stubApi(options: { active?: JobSummary[]; jobs: Record<string, JobSummary[]>; onPost?: (path: string) => [number, unknown] }) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (path: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    calls.push({ path, method });
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (path.startsWith('/api/v1/planning-runs?')) return json(200, { items: [], page: 1, pageSize: 100, total: 0 });
    if (path.startsWith('/api/v1/jobs?kind=planning_cycle')) return json(200, { items: options.active ?? [], page: 1, pageSize: 5, total: options.active?.length ?? 0 });
    if (method === 'POST' && options.onPost) {
      const [status, body] = options.onPost(path);
      return json(status, body);
    }
    const id = /^\/api\/v1\/jobs\/([^/?]+)$/.exec(path)?.[1];
    const answers = id ? options.jobs[id] : undefined;
    if (answers && answers.length > 0) return json(200, answers.length > 1 ? answers.shift() : answers[0]);
    return json(404, { error: { code: 'not_found', message: path } });
  }));
  return calls;
}

function renderButton(language: Language = 'en') {
  setCsrfToken('csrf-planner');
  const session = { user: { id: 'p', email: 'planner@x', displayName: 'Planner', language: null }, organization: { id: 'org-a', name: 'A' }, role: 'planner' as const, permissions: permissionsOf('planner'), organizations: [], csrfToken: 'csrf-planner' };
  render(<I18nProvider language={language}><SessionProvider initial={{ status: 'signed-in', session }}><LatestRunsProvider><RunCycleButton /></LatestRunsProvider></SessionProvider></I18nProvider>);
}

describe('RunCycleButton', () => {
  it('enqueues the cycle, shows the step the job is on, then reports the end and reloads the runs', async () => {
    const calls = stubApi({
      jobs: { job_1: [job('job_1', { status: 'running', progress: { done: 3, total: 8 }, startedAt: '2026-11-24T10:00:01.000Z' }),
        job('job_1', { status: 'succeeded', progress: { done: 8, total: 8 }, startedAt: '2026-11-24T10:00:01.000Z', finishedAt: '2026-11-24T10:00:43.500Z' })] },
      onPost: (path) => (path === '/api/v1/planning-cycle' ? [202, job('job_1')] : [404, { error: { code: 'not_found', message: path } }]),
    });
    renderButton();
    fireEvent.click(await screen.findByTestId('run-cycle'));
    expect(await screen.findByText('Queued: waiting for a worker…', { exact: false })).toBeTruthy();
    expect((screen.getByTestId('run-cycle') as HTMLButtonElement).disabled).toBe(true);
    // 3 steps done: the fourth, S&OP, is running.
    expect(await screen.findByText('Step 4/8: S&OP…', { exact: false }, { timeout: 5000 })).toBeTruthy();
    expect((screen.getByTestId('cycle-progress') as HTMLProgressElement).value).toBe(3);
    expect(await screen.findByText('Planning cycle finished in 42.5 s.', {}, { timeout: 5000 })).toBeTruthy();
    expect((screen.getByTestId('run-cycle') as HTMLButtonElement).disabled).toBe(false);
    expect(calls.filter((c) => c.path === '/api/v1/planning-cycle' && c.method === 'POST')).toHaveLength(1);
    // The runs were loaded at the start and again once the cycle succeeded.
    expect(calls.filter((c) => c.path.startsWith('/api/v1/planning-runs?')).length).toBeGreaterThanOrEqual(2);
  });

  it('follows a cycle already running, and cancels it (in French)', async () => {
    const running = job('job_2', { status: 'running', progress: { done: 1, total: 8 } });
    const calls = stubApi({
      active: [running],
      jobs: { job_2: [job('job_2', { status: 'running', cancelRequested: true, progress: { done: 1, total: 8 } }), job('job_2', { status: 'cancelled', cancelRequested: true, finishedAt: '2026-11-24T10:00:05.000Z' })] },
      onPost: (path) => (path === '/api/v1/jobs/job_2/cancel' ? [200, { ...running, cancelRequested: true }] : [404, { error: { code: 'not_found', message: path } }]),
    });
    renderButton('fr');
    expect(await screen.findByText('Étape 2/8 : prévision…', { exact: false })).toBeTruthy();
    fireEvent.click(screen.getByTestId('cancel-cycle'));
    expect(await screen.findByText('le cycle s’arrête avant l’étape suivante', { exact: false })).toBeTruthy();
    expect(screen.queryByTestId('cancel-cycle')).toBeNull();
    expect(await screen.findByText('Cycle de planification annulé : rien n’en a été enregistré.', {}, { timeout: 5000 })).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/jobs/job_2/cancel']);
  });

  it('follows the cycle another planner started when the server says one is already on its way (409)', async () => {
    stubApi({
      jobs: { job_3: [job('job_3', { status: 'running', progress: { done: 5, total: 8 } })] },
      onPost: () => [409, { error: { code: 'cycle_already_active', message: 'A planning cycle is already running (job job_3).', details: { jobId: 'job_3' } } }],
    });
    renderButton();
    fireEvent.click(await screen.findByTestId('run-cycle'));
    expect(await screen.findByText('Step 6/8: MRP…', { exact: false })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'job job_3' })).toBeTruthy();
  });
});
