// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { permissionsOf, type Role } from '@flowpilot/contract';
import { App } from './app';
import { SessionProvider, type Session } from './auth/session-context';
import { I18nProvider } from './i18n/i18n-context';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
});

function sessionOf(role: Role): Session {
  return {
    user: { id: 'u1', email: `${role}@jardinor.example`, displayName: `Demo ${role}`, language: null },
    organization: { id: 'org-a', name: 'Jardinor' }, role, permissions: permissionsOf(role),
    organizations: [{ id: 'org-a', name: 'Jardinor', role }], csrfToken: 'csrf-x',
  };
}

/** A fetch that answers the given paths (prefix match) and 404s the rest, recording every call. */
function stubApi(routes: Record<string, [number, unknown]>) {
  const calls: { path: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (path: string, init: RequestInit) => {
    calls.push({ path, init });
    const match = Object.keys(routes).find((prefix) => path.startsWith(prefix));
    const [status, body] = match ? routes[match]! : [404, { error: { code: 'not_found', message: `Not found: ${path}` } }];
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }));
  return calls;
}

const emptyRuns: [number, unknown] = [200, { items: [], page: 1, pageSize: 100, total: 0 }];

describe('App', () => {
  it('shows the sign-in form when there is no session, and the server\'s message when sign-in fails', async () => {
    const calls = stubApi({
      '/api/v1/auth/session': [401, { error: { code: 'unauthorized', message: 'Sign in first.' } }],
      '/api/v1/auth/login': [401, { error: { code: 'invalid_credentials', message: 'Wrong email or password.' } }],
    });
    render(<I18nProvider language="en"><SessionProvider><App /></SessionProvider></I18nProvider>);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'planner@jardinor.example' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
    const login = calls.find((c) => c.path === '/api/v1/auth/login')!;
    expect(login.init.method).toBe('POST');
    expect(JSON.parse(String(login.init.body))).toEqual({ email: 'planner@jardinor.example', password: 'nope' });
  });

  it('signs in and lands on the dashboard with the role\'s pages only', async () => {
    stubApi({
      '/api/v1/auth/session': [401, { error: { code: 'unauthorized', message: 'Sign in first.' } }],
      '/api/v1/auth/login': [200, sessionOf('viewer')],
      '/api/v1/planning-runs': emptyRuns,
    });
    render(<I18nProvider language="en"><SessionProvider><App /></SessionProvider></I18nProvider>);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'viewer@jardinor.example' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'flowpilot-demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Demo viewer · viewer')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(nav.textContent).toContain('MRP');
    // users and audit are admin-only: a viewer does not see Administration
    expect(nav.textContent).not.toContain('Administration');
    expect(await screen.findByText('No planning run yet. Import data, then run the planning cycle.', {}, { timeout: 15_000 })).toBeTruthy();
    // a viewer cannot write planning: no run button
    expect(screen.queryByTestId('run-cycle')).toBeNull();
  });

  it('gives an administrator the administration page and switches the language of the whole UI', async () => {
    stubApi({ '/api/v1/auth/session': [200, sessionOf('admin')], '/api/v1/planning-runs': emptyRuns });
    render(<I18nProvider language="en"><SessionProvider><App /></SessionProvider></I18nProvider>);
    expect(await screen.findByRole('link', { name: 'Administration' })).toBeTruthy();
    expect(await screen.findByTestId('run-cycle', {}, { timeout: 15_000 })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'fr' } });
    await waitFor(() => expect(screen.getByRole('link', { name: 'Tableau de bord' })).toBeTruthy());
    expect(screen.getByRole('link', { name: 'CBN' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Se déconnecter' })).toBeTruthy();
  });
});
