import { lazy, Suspense, useState, type ComponentType } from 'react';
import type { Permission } from '@flowpilot/contract';
import { useSession } from './auth/session-context';
import { useI18n } from './i18n/i18n-context';
import type { MessageKey } from './i18n/en';
import { hrefOf, useRoute, type Route } from './router';
import { LatestRunsProvider } from './api/latest-runs';
import { LanguageSwitch } from './components/language-switch';
import { Loading } from './components/states';
import { LoginPage } from './pages/login-page';

// Pages load on first visit (code splitting): the sign-in screen does not wait for the charts library.
const DashboardPage = lazy(() => import('./pages/dashboard-page').then((m) => ({ default: m.DashboardPage })));
const DataPage = lazy(() => import('./pages/data-page').then((m) => ({ default: m.DataPage })));
const MrpPage = lazy(() => import('./pages/mrp-page').then((m) => ({ default: m.MrpPage })));
const ProcurementPage = lazy(() => import('./pages/procurement-page').then((m) => ({ default: m.ProcurementPage })));
const DemandPage = lazy(() => import('./pages/demand-page').then((m) => ({ default: m.DemandPage })));
const SopPage = lazy(() => import('./pages/sop-page').then((m) => ({ default: m.SopPage })));
const MpsPage = lazy(() => import('./pages/mps-page').then((m) => ({ default: m.MpsPage })));
const CapacityPage = lazy(() => import('./pages/capacity-page').then((m) => ({ default: m.CapacityPage })));
const InventoryPage = lazy(() => import('./pages/inventory-page').then((m) => ({ default: m.InventoryPage })));
const TransportPage = lazy(() => import('./pages/transport-page').then((m) => ({ default: m.TransportPage })));
const WarehousePage = lazy(() => import('./pages/warehouse-page').then((m) => ({ default: m.WarehousePage })));
const LeanPage = lazy(() => import('./pages/lean-page').then((m) => ({ default: m.LeanPage })));
const JobsPage = lazy(() => import('./pages/jobs-page').then((m) => ({ default: m.JobsPage })));
const ReturnsPage = lazy(() => import('./pages/returns-page').then((m) => ({ default: m.ReturnsPage })));
const ActionsPage = lazy(() => import('./pages/actions-page').then((m) => ({ default: m.ActionsPage })));
const CountingPage = lazy(() => import('./pages/counting-page').then((m) => ({ default: m.CountingPage })));
const AdminPage = lazy(() => import('./pages/admin-page').then((m) => ({ default: m.AdminPage })));

export type PageProps = { route: Route };
type PageEntry = { id: string; label: MessageKey; permission: Permission; component: ComponentType<PageProps>; group: MessageKey };

/** Every page, in the order of the navigation; a page is listed only for roles that may read its area. */
export const PAGES: readonly PageEntry[] = [
  { id: 'dashboard', label: 'nav.dashboard', permission: 'kpi:read', component: DashboardPage, group: 'nav.group.overview' },
  { id: 'data', label: 'nav.data', permission: 'data_exchange:read', component: DataPage, group: 'nav.group.overview' },
  { id: 'demand', label: 'nav.demand', permission: 'forecast:read', component: DemandPage, group: 'nav.group.plan' },
  { id: 'sop', label: 'nav.sop', permission: 'planning:read', component: SopPage, group: 'nav.group.plan' },
  { id: 'mps', label: 'nav.mps', permission: 'planning:read', component: MpsPage, group: 'nav.group.plan' },
  { id: 'mrp', label: 'nav.mrp', permission: 'planning:read', component: MrpPage, group: 'nav.group.plan' },
  { id: 'capacity', label: 'nav.capacity', permission: 'planning:read', component: CapacityPage, group: 'nav.group.plan' },
  { id: 'inventory', label: 'nav.inventory', permission: 'inventory:read', component: InventoryPage, group: 'nav.group.execute' },
  { id: 'procurement', label: 'nav.procurement', permission: 'procurement:read', component: ProcurementPage, group: 'nav.group.execute' },
  { id: 'transport', label: 'nav.transport', permission: 'transport:read', component: TransportPage, group: 'nav.group.execute' },
  { id: 'warehouse', label: 'nav.warehouse', permission: 'warehouse:read', component: WarehousePage, group: 'nav.group.execute' },
  { id: 'counting', label: 'nav.counting', permission: 'counting:read', component: CountingPage, group: 'nav.group.execute' },
  { id: 'returns', label: 'nav.returns', permission: 'returns:read', component: ReturnsPage, group: 'nav.group.execute' },
  { id: 'actions', label: 'nav.actions', permission: 'improvement:read', component: ActionsPage, group: 'nav.group.improve' },
  { id: 'lean', label: 'nav.lean', permission: 'improvement:read', component: LeanPage, group: 'nav.group.improve' },
  { id: 'jobs', label: 'nav.jobs', permission: 'jobs:read', component: JobsPage, group: 'nav.group.improve' },
  { id: 'admin', label: 'nav.admin', permission: 'users:read', component: AdminPage, group: 'nav.group.improve' },
];

export function App() {
  const { state } = useSession();
  if (state.status === 'checking') return <Loading />;
  if (state.status === 'signed-out') return <LoginPage expired={state.expired} />;
  return (
    <LatestRunsProvider>
      <Shell />
    </LatestRunsProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  const session = useSession();
  const route = useRoute();
  const [switchError, setSwitchError] = useState<string | null>(null);
  const visible = PAGES.filter((p) => session.can(p.permission));
  const current = visible.find((p) => p.id === route.page) ?? visible[0];
  const signedIn = session.state.status === 'signed-in' ? session.state.session : null;
  const groups = [...new Set(visible.map((p) => p.group))];

  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('nav.skip')}</a>
      <header className="topbar">
        <span className="brand">flowpilot</span>
        {signedIn ? (
          signedIn.organizations.length > 1 ? (
            <label className="inline-field">
              <span className="visually-hidden">{t('nav.organization')}</span>
              <select aria-label={t('nav.organization')} value={signedIn.organization.id} onChange={(e) => {
                setSwitchError(null);
                session.switchOrganization(e.target.value).catch((error: Error) => setSwitchError(error.message));
              }}>
                {signedIn.organizations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            </label>
          ) : <span className="org-name">{signedIn.organization.name}</span>
        ) : <span className="muted small">{t('nav.openMode')}</span>}
        {switchError && <span className="state-error small" role="alert">{switchError}</span>}
        <span className="spacer" />
        <LanguageSwitch />
        {signedIn && (
          <>
            <span className="user" data-testid="current-user">{signedIn.user.displayName} · {t(`role.${signedIn.role}` as MessageKey)}</span>
            <button type="button" onClick={() => void session.logout()}>{t('nav.logout')}</button>
          </>
        )}
      </header>
      <nav className="sidenav" aria-label={t('nav.main')}>
        {groups.map((group) => (
          <div key={group} className="nav-group">
            <div className="nav-group-title">{t(group)}</div>
            <ul>
              {visible.filter((p) => p.group === group).map((p) => (
                <li key={p.id}>
                  <a href={hrefOf(p.id)} aria-current={p.id === current?.id ? 'page' : undefined} data-testid={`nav-${p.id}`}>{t(p.label)}</a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {current ? (
          <Suspense fallback={<Loading />}>
            <current.component key={current.id} route={route} />
          </Suspense>
        ) : <p>{t('nav.nothingAllowed')}</p>}
      </main>
    </div>
  );
}
