import { LANGUAGES, useI18n, type Language } from '../i18n/i18n-context';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <label className="inline-field">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)} data-testid="language-switch" aria-label={t('nav.language')}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>{l === 'en' ? 'English' : 'Français'}</option>
        ))}
      </select>
    </label>
  );
}
