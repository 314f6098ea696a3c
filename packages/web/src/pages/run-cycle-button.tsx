import { useState } from 'react';
import { apiRequest } from '../api/api-client';
import { useLatestRuns } from '../api/latest-runs';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';

/** Runs the full planning cycle on the server (POST /api/v1/planning-cycle), then reloads every page's runs. */
export function RunCycleButton() {
  const { t } = useI18n();
  const { can } = useSession();
  const runs = useLatestRuns();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  if (!can('planning:write')) return null;
  const run = async () => {
    setBusy(true);
    setMessage(null);
    const started = performance.now();
    try {
      await apiRequest('/api/v1/planning-cycle', { method: 'POST', body: {} });
      setMessage({ tone: 'ok', text: t('cycle.done', { seconds: ((performance.now() - started) / 1000).toFixed(1) }) });
      runs.reload();
    } catch (error) {
      setMessage({ tone: 'error', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="cycle">
      <button type="button" className="primary" onClick={() => void run()} disabled={busy} data-testid="run-cycle">
        {busy ? t('cycle.running') : t('cycle.run')}
      </button>
      <span role="status" aria-live="polite" className={message?.tone === 'error' ? 'state-error small' : 'muted small'}>
        {busy ? t('cycle.wait') : message?.text}
      </span>
    </span>
  );
}
