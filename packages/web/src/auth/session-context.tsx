import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { permissionsOf, type Permission, type Role } from '@flowpilot/contract';
import { apiRequest, ApiError, onUnauthorized, setCsrfToken } from '../api/api-client';
import { useI18n, type Language } from '../i18n/i18n-context';

/** What POST /api/v1/auth/login and GET /api/v1/auth/session return. */
export type Session = {
  user: { id: string; email: string; displayName: string; language: 'en' | 'fr' | null };
  organization: { id: string; name: string };
  role: Role;
  permissions: string[];
  organizations: { id: string; name: string; role: Role }[];
  csrfToken: string | null;
};

export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; expired?: boolean }
  /** The server has no auth endpoints (an older or single-tenant server): every page is reachable, the server decides. */
  | { status: 'open' }
  | { status: 'signed-in'; session: Session };

export type SessionApi = {
  state: SessionState;
  login: (email: string, password: string) => Promise<Session>;
  logout: () => Promise<void>;
  switchOrganization: (organizationId: string) => Promise<void>;
  /** True when the signed-in role holds the permission (the server enforces it again). */
  can: (permission: Permission) => boolean;
  /** Switches the interface language and, when signed in, saves it on the user (PUT /api/v1/auth/language) for the next sign-in. */
  chooseLanguage: (language: Language) => Promise<void>;
};

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children, initial }: { children: ReactNode; initial?: SessionState }) {
  const [state, setState] = useState<SessionState>(initial ?? { status: 'checking' });
  const { setLanguage } = useI18n();
  // the language saved on the user applies as soon as a session is known (sign-in, restore, organization switch)
  const savedLanguage = state.status === 'signed-in' ? state.session.user.language : null;
  // Set when the saved language changed because the user chose it here: that choice is already applied (and a newer
  // one may have followed), so the effect must not apply it again.
  const savedByChoice = useRef(false);
  useEffect(() => {
    if (savedByChoice.current) {
      savedByChoice.current = false;
      return;
    }
    if (savedLanguage) setLanguage(savedLanguage);
  }, [savedLanguage, setLanguage]);

  useEffect(() => {
    if (initial) return;
    let cancelled = false;
    apiRequest<Session>('/api/v1/auth/session', { quiet401: true }).then(
      (session) => {
        if (cancelled) return;
        setCsrfToken(session.csrfToken);
        setState({ status: 'signed-in', session });
      },
      (error: unknown) => {
        if (cancelled) return;
        setState(error instanceof ApiError && error.status === 404 ? { status: 'open' } : { status: 'signed-out' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [initial]);

  useEffect(() => onUnauthorized(() => setState((s) => (s.status === 'signed-in' ? { status: 'signed-out', expired: true } : s))), []);

  const login = useCallback(async (email: string, password: string) => {
    const session = await apiRequest<Session>('/api/v1/auth/login', { method: 'POST', body: { email, password }, quiet401: true });
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
    return session;
  }, []);
  const logout = useCallback(async () => {
    try {
      await apiRequest('/api/v1/auth/logout', { method: 'POST', body: {}, quiet401: true });
    } finally {
      setCsrfToken(null);
      setState({ status: 'signed-out' });
    }
  }, []);
  const switchOrganization = useCallback(async (organizationId: string) => {
    const session = await apiRequest<Session>('/api/v1/auth/organization', { method: 'POST', body: { organizationId } });
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
  }, []);
  const can = useCallback(
    (permission: Permission) => {
      if (state.status === 'open') return true;
      if (state.status !== 'signed-in') return false;
      const held = state.session.permissions.length > 0 ? state.session.permissions : permissionsOf(state.session.role);
      return held.includes(permission);
    },
    [state],
  );
  const signedIn = state.status === 'signed-in';
  // The latest choice: a save that answers after a newer choice must not bring its older language back.
  const latestChoice = useRef<Language | null>(null);
  const chooseLanguage = useCallback(async (language: Language) => {
    latestChoice.current = language;
    setLanguage(language);
    if (!signedIn) return;
    await apiRequest<{ language: Language | null }>('/api/v1/auth/language', { method: 'PUT', body: { language } });
    if (latestChoice.current !== language) return;
    setState((s) => {
      if (s.status !== 'signed-in') return s;
      if (s.session.user.language !== language) savedByChoice.current = true;
      return { status: 'signed-in', session: { ...s.session, user: { ...s.session.user, language } } };
    });
  }, [signedIn, setLanguage]);
  const value = useMemo(() => ({ state, login, logout, switchOrganization, can, chooseLanguage }), [state, login, logout, switchOrganization, can, chooseLanguage]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
