import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitch } from '../components/language-switch';

export function LoginPage({ expired }: { expired?: boolean }) {
  const { t } = useI18n();
  const { login } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-head">
          <h1 id="login-title">flowpilot</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('login.subtitle')}</p>
        {expired && <p className="state state-warning">{t('login.expired')}</p>}
        <label>
          {t('login.email')}
          <input type="email" name="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t('login.password')}
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p className="state state-error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? t('login.signingIn') : t('login.submit')}</button>
        <p className="muted small">{t('login.demoHint')}</p>
      </form>
    </main>
  );
}
