// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../app';
import { setApiLanguage } from '../api/api-client';
import { I18nProvider } from '../i18n/i18n-context';
import { sessionOf, stubApi } from '../testing/stub-api';
import { SessionProvider } from './session-context';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  globalThis.localStorage?.clear();
  setApiLanguage('en');
  window.location.hash = '';
});

const emptyRuns: [number, unknown] = [200, { items: [], page: 1, pageSize: 100, total: 0 }];

describe('the user\'s saved language', () => {
  it('applies at sign-in: an English screen opens in French for a user who saved French, and later calls ask for French', async () => {
    const calls = stubApi(({ path }) => {
      if (path === '/api/v1/auth/session') return [401, { error: { code: 'unauthorized', message: 'Sign in first.' } }];
      if (path === '/api/v1/auth/login') return [200, sessionOf('viewer', 'fr')];
      if (path.startsWith('/api/v1/planning-runs')) return emptyRuns;
      return undefined;
    });
    render(<I18nProvider language="en"><SessionProvider><App /></SessionProvider></I18nProvider>);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'viewer@jardinor.example' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('button', { name: 'Se déconnecter' })).toBeTruthy();
    expect((screen.getByTestId('language-switch') as HTMLSelectElement).value).toBe('fr');
    await waitFor(() => expect(calls.filter((c) => c.path.startsWith('/api/v1/planning-runs')).at(-1)?.headers['accept-language']).toBe('fr'));
    // applying the saved language does not write it back
    expect(calls.some((c) => c.path === '/api/v1/auth/language')).toBe(false);
  });

  it('is saved by the switch when signed in, and the server\'s refusal is shown', async () => {
    let refuse = false;
    const calls = stubApi(({ method, path }) => {
      if (path === '/api/v1/auth/session') return [200, sessionOf('planner', null)];
      if (path.startsWith('/api/v1/planning-runs')) return emptyRuns;
      if (method === 'PUT' && path === '/api/v1/auth/language') return refuse ? [503, { error: { code: 'unavailable', message: 'Database unavailable.' } }] : [200, { language: 'fr' }];
      return undefined;
    });
    render(<I18nProvider language="en"><SessionProvider><App /></SessionProvider></I18nProvider>);
    fireEvent.change(await screen.findByTestId('language-switch'), { target: { value: 'fr' } });
    expect(await screen.findByRole('button', { name: 'Se déconnecter' })).toBeTruthy();
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ language: 'fr' }));
    expect(calls.find((c) => c.method === 'PUT')!.headers['x-csrf-token']).toBe('csrf-x');
    refuse = true;
    fireEvent.change(screen.getByTestId('language-switch'), { target: { value: 'en' } });
    // The switch applies English at once; the refusal may first render before that language change lands: wait for both.
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Language not saved for your next sign-in: Database unavailable.'));
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });
});
