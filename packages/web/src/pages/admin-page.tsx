import { useMemo, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { ROLES, type AuditPage, type Role, type UserList } from '@flowpilot/contract';
import { apiRequest, withQuery } from '../api/api-client';
import { useApi } from '../api/use-api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { DataTable, gridColumns } from '../components/data-table';
import { PageHeader, Section } from '../components/page';
import { Tabs } from '../components/tabs';
import { Loaded } from '../components/states';
import type { PageProps } from '../app';
import { navigate } from '../router';

type User = z.infer<typeof UserList>['items'][number];
type Audit = z.infer<typeof AuditPage>['items'][number];
const userCol = gridColumns<User>();
const auditCol = gridColumns<Audit>();

/** Administration: users and their roles in this organization, and the audit trail of every change. */
export function AdminPage({ route }: PageProps) {
  const { t } = useI18n();
  const tab = route.params.get('tab') ?? 'users';
  const { state } = useSession();
  return (
    <>
      <PageHeader title={t('admin.title')} subtitle={state.status === 'signed-in' ? t('admin.subtitle', { organization: state.session.organization.name }) : undefined} />
      <Tabs label={t('admin.title')} current={tab} onChange={(next) => navigate('admin', { tab: next })} tabs={[
        { id: 'users', label: t('admin.tab.users'), render: () => <Users /> },
        { id: 'audit', label: t('admin.tab.audit'), render: () => <AuditTrail /> },
      ]} />
    </>
  );
}

function Users() {
  const { t, formatDateTime, language } = useI18n();
  const { can } = useSession();
  const users = useApi<{ items: User[] }>('/api/v1/users', language);
  const [feedback, setFeedback] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const mayWrite = can('users:write');
  const run = async (action: () => Promise<unknown>, ok: string) => {
    setFeedback(null);
    try {
      await action();
      setFeedback({ tone: 'ok', text: ok });
      users.reload();
    } catch (error) {
      setFeedback({ tone: 'error', text: (error as Error).message });
    }
  };
  const columns = useMemo(() => userCol.columns([
    userCol.accessor('displayName', { header: t('admin.name') }),
    userCol.accessor('email', { header: t('admin.email') }),
    userCol.accessor('role', { header: t('admin.role'), cell: (c) => mayWrite ? (
      <select value={c.getValue()} aria-label={t('admin.roleOf', { email: c.row.original.email })}
        onChange={(e) => void run(() => apiRequest(`/api/v1/users/${encodeURIComponent(c.row.original.userId)}`, { method: 'PATCH', body: { role: e.target.value } }), t('admin.saved'))}>
        {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}` as MessageKey)}</option>)}
      </select>
    ) : t(`role.${c.getValue()}` as MessageKey) }),
    userCol.accessor('language', { header: t('nav.language'), cell: (c) => c.getValue() ?? '—' }),
    userCol.accessor('active', { header: t('admin.active'), cell: (c) => mayWrite ? (
      <input type="checkbox" checked={c.getValue()} aria-label={t('admin.activeOf', { email: c.row.original.email })}
        onChange={(e) => void run(() => apiRequest(`/api/v1/users/${encodeURIComponent(c.row.original.userId)}`, { method: 'PATCH', body: { active: e.target.checked } }), t('admin.saved'))} />
    ) : (c.getValue() ? t('common.yes') : t('common.no')) }),
    userCol.accessor('createdAt', { header: t('admin.created'), cell: (c) => formatDateTime(c.getValue()) }),
    userCol.display({ id: 'password', header: t('admin.password'), cell: (c) => mayWrite ? (
      <button type="button" className="small-button" onClick={() => {
        const password = globalThis.prompt(t('admin.newPasswordFor', { email: c.row.original.email }));
        if (password) void run(() => apiRequest(`/api/v1/users/${encodeURIComponent(c.row.original.userId)}/password`, { method: 'POST', body: { password } }), t('admin.passwordReset'));
      }}>{t('admin.resetPassword')}</button>
    ) : null }),
  // run is recreated every render but only closes over stable setters and users.reload
  ]), [t, formatDateTime, mayWrite]);
  return (
    <>
      {feedback && <p className={feedback.tone === 'error' ? 'state state-error' : 'state state-ok'} role={feedback.tone === 'error' ? 'alert' : 'status'}>{feedback.text}</p>}
      <Section title={t('admin.tab.users')}>
        <Loaded state={users} isEmpty={(d) => d.items.length === 0}>
          {(d) => <DataTable rows={d.items} columns={columns} getRowId={(u) => u.userId} caption={t('admin.tab.users')} testId="users" rowHeightPx={34} />}
        </Loaded>
      </Section>
      {mayWrite && <CreateUser onCreated={(email) => { setFeedback({ tone: 'ok', text: t('admin.created.ok', { email }) }); users.reload(); }} />}
    </>
  );
}

function CreateUser({ onCreated }: { onCreated: (email: string) => void }) {
  const { t, language } = useI18n();
  const [form, setForm] = useState({ email: '', displayName: '', password: '', role: 'viewer' as Role });
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await apiRequest('/api/v1/users', { method: 'POST', body: { ...form, language } });
      onCreated(form.email);
      setForm({ email: '', displayName: '', password: '', role: 'viewer' });
    } catch (cause) {
      setError((cause as Error).message);
    }
  };
  return (
    <Section title={t('admin.newUser')}>
      <form className="toolbar" onSubmit={submit}>
        <label className="inline-field">{t('admin.email')}<input type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} /></label>
        <label className="inline-field">{t('admin.name')}<input required value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} /></label>
        <label className="inline-field">{t('login.password')}<input type="password" required autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} /></label>
        <label className="inline-field">{t('admin.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>{ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}` as MessageKey)}</option>)}</select>
        </label>
        <button type="submit" className="primary">{t('admin.create')}</button>
      </form>
      {error && <p className="state state-error" role="alert">{error}</p>}
    </Section>
  );
}

function AuditTrail() {
  const { t, formatDateTime, formatNumber, language } = useI18n();
  const [entity, setEntity] = useState('');
  const [page, setPage] = useState(1);
  const audit = useApi<{ items: Audit[]; page: number; pageSize: number; total: number }>(withQuery('/api/v1/audit', { entity, page, pageSize: 100 }), language);
  const columns = useMemo(() => auditCol.columns([
    auditCol.accessor('createdAt', { header: t('admin.when'), cell: (c) => formatDateTime(c.getValue()) }),
    auditCol.accessor('userEmail', { header: t('admin.who'), cell: (c) => c.getValue() ?? '—' }),
    auditCol.accessor('action', { header: t('admin.action') }),
    auditCol.accessor('entity', { header: t('data.entity') }),
    auditCol.accessor('entityKey', { header: t('data.key') }),
    auditCol.accessor('reason', { header: t('mrp.reason'), cell: (c) => c.getValue() ?? '—' }),
    auditCol.accessor((a) => JSON.stringify(a.after ?? null), { id: 'after', header: t('admin.after'), cell: (c) => <code className="ellipsis" title={c.getValue()}>{c.getValue()}</code> }),
  ]), [t, formatDateTime]);
  return (
    <Section title={t('admin.tab.audit')} actions={
      <label className="inline-field">{t('data.entity')}<input value={entity} onChange={(e) => { setEntity(e.target.value); setPage(1); }} placeholder="user, purchase_order…" /></label>}>
      <Loaded state={audit} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <>
            <DataTable rows={d.items} columns={columns} getRowId={(a) => a.id} caption={t('admin.tab.audit')} testId="audit" />
            <div className="pager">
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('common.previous')}</button>
              <span>{t('common.pageOf', { page: d.page, pages: Math.max(1, Math.ceil(d.total / d.pageSize)), total: formatNumber(d.total, 0) })}</span>
              <button type="button" disabled={page * d.pageSize >= d.total} onClick={() => setPage(page + 1)}>{t('common.next')}</button>
            </div>
          </>
        )}
      </Loaded>
    </Section>
  );
}
