import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from '../api/api-client';
import { en, type MessageKey } from './en';
import { fr } from './fr';

export type Language = 'en' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'fr'];
const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, fr };
const STORAGE_KEY = 'flowpilot.language';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export type I18n = {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  /** A number in the locale, `digits` fraction digits at most (default 2). */
  formatNumber: (value: number | string | null | undefined, digits?: number) => string;
  /** An amount of money in the locale, EUR unless told. */
  formatMoney: (value: number | string | null | undefined, currency?: string) => string;
  /** A fraction 0–1 as a percent in the locale. */
  formatPercent: (fraction: number | null | undefined, digits?: number) => string;
  /** An ISO date (yyyy-mm-dd) or timestamp as a short date in the locale. */
  formatDate: (iso: string | null | undefined) => string;
  formatDateTime: (iso: string | null | undefined) => string;
};

/** Replaces `{name}` placeholders with the params. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function makeI18n(language: Language, setLanguage: (language: Language) => void): I18n {
  const dictionary = DICTIONARIES[language];
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let format = numberFormats.get(digits);
    if (!format) numberFormats.set(digits, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
    return format;
  };
  const dateFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const toNumber = (value: number | string | null | undefined): number | null => {
    if (value === null || value === undefined || value === '') return null;
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? n : null;
  };
  return {
    language,
    setLanguage,
    // an unknown dynamic key (a code the server added later) shows its last segment rather than nothing
    t: (key, params) => interpolate(dictionary[key] ?? en[key] ?? key.slice(key.lastIndexOf('.') + 1), params),
    formatNumber: (value, digits = 2) => {
      const n = toNumber(value);
      return n === null ? '—' : numberFormat(digits).format(n);
    },
    formatMoney: (value, currency = 'EUR') => {
      const n = toNumber(value);
      return n === null ? '—' : new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 }).format(n);
    },
    formatPercent: (fraction, digits = 1) => (fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(fraction)),
    formatDate: (iso) => {
      if (!iso) return '—';
      const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
      return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
    },
    formatDateTime: (iso) => {
      if (!iso) return '—';
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
    },
  };
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'fr') return stored;
  } catch {
    // storage can be disabled; fall back to the browser language
  }
  return globalThis.navigator?.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function I18nProvider({ children, language: fixed }: { children: ReactNode; language?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => fixed ?? initialLanguage());
  setApiLanguage(language);
  const setLanguage = useCallback((next: Language) => {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the switch still applies to this tab
    }
    setApiLanguage(next);
    if (typeof document !== 'undefined') document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo(() => makeI18n(language, setLanguage), [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
