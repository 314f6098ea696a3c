import type { ReactNode } from 'react';
import type { PlanningRunSummary } from '@flowpilot/contract';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}

export function Section({ title, children, actions, id }: { title: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section className="panel" aria-labelledby={headingId} id={id}>
      <div className="panel-head">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Which run a page shows (id, as-of date, when it finished): every number on screen can be traced to it. */
export function RunNote({ run }: { run: PlanningRunSummary | undefined }) {
  const { t, formatDate, formatDateTime } = useI18n();
  if (!run) return null;
  return <span className="run-note">{t('run.note', { id: run.id, asOf: formatDate(run.asOfDate), finished: formatDateTime(run.finishedAt) })}</span>;
}

export function Kpi({ label, value, hint, tone, testId }: { label: string; value: string; hint?: string; tone?: 'good' | 'warn' | 'bad'; testId?: string }) {
  return (
    <div className={`kpi ${tone ?? ''}`} data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {hint && <div className="kpi-hint">{hint}</div>}
    </div>
  );
}

/** The message for a missing run: run the planning cycle first. */
export function NoRun({ runType }: { runType: string }) {
  const { t } = useI18n();
  return <div className="state state-empty">{t('run.missing', { type: t(`runType.${runType}` as MessageKey) })}</div>;
}
