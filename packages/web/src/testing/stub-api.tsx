import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { permissionsOf, type Role } from '@flowpilot/contract';
import { SessionProvider, type Session } from '../auth/session-context';
import { I18nProvider, type Language } from '../i18n/i18n-context';

export type StubCall = { method: string; path: string; body: unknown; headers: Record<string, string> };
/** Answers one request: [status, body]; `undefined` falls through to the next handler. */
export type StubHandler = (call: StubCall) => [number, unknown] | undefined;

/** Replaces fetch with the handlers (first answer wins, else 404) and records every call with its parsed JSON body. */
export function stubApi(handler: StubHandler): StubCall[] {
  const calls: StubCall[] = [];
  vi.stubGlobal('fetch', vi.fn(async (path: string, init: RequestInit = {}) => {
    const call: StubCall = { method: init.method ?? 'GET', path, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined, headers: (init.headers ?? {}) as Record<string, string> };
    calls.push(call);
    const [status, body] = handler(call) ?? [404, { error: { code: 'not_found', message: `Not found: ${path}` } }];
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }));
  return calls;
}

export function sessionOf(role: Role, language: Language | null = null): Session {
  return {
    user: { id: 'u1', email: `${role}@jardinor.example`, displayName: `Demo ${role}`, language },
    organization: { id: 'org-a', name: 'Jardinor' }, role, permissions: permissionsOf(role), organizations: [{ id: 'org-a', name: 'Jardinor', role }], csrfToken: 'csrf-x',
  };
}

/** A page rendered in English for a signed-in role. */
export function AsRole({ role, children }: { role: Role; children: ReactNode }) {
  return <I18nProvider language="en"><SessionProvider initial={{ status: 'signed-in', session: sessionOf(role) }}>{children}</SessionProvider></I18nProvider>;
}
