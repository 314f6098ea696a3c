import { useState } from 'react';
import { useSession } from '../auth/session-context';
import { LANGUAGES, useI18n, type Language } from '../i18n/i18n-context';

/** The language switch: applies at once and, when signed in, is saved on the user so the next sign-in opens in it. */
export function LanguageSwitch() {
  const { language, t } = useI18n();
  const { chooseLanguage } = useSession();
  const [error, setError] = useState<string | null>(null);
  return (
    <label className="inline-field">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={language} data-testid="language-switch" aria-label={t('nav.language')} onChange={(e) => {
        setError(null);
        chooseLanguage(e.target.value as Language).catch((cause: Error) => setError(cause.message));
      }}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>{l === 'en' ? 'English' : 'Français'}</option>
        ))}
      </select>
      {error && <span className="state-error small" role="alert">{t('nav.languageNotSaved', { message: error })}</span>}
    </label>
  );
}
