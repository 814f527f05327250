import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { goTo, login } from '../../state/session.ts';
import { AuthLayout, Field, FormError } from './AuthLayout.tsx';

export function LoginScreen() {
  const [id, setId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ login: id.trim(), password });
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <AuthLayout>
      <form class="auth-form" onSubmit={submit} data-testid="login-form">
        <h1>{t.login}</h1>
        <Field label={t.loginId} name="login" value={id} onInput={setId} required autoComplete="username" autoFocus />
        <Field
          label={t.password}
          name="password"
          type="password"
          value={password}
          onInput={setPassword}
          required
          autoComplete="current-password"
        />
        <FormError text={error} />
        <button class="btn primary block" type="submit" disabled={busy} data-testid="login-submit">
          {t.login}
        </button>
        <p class="forgot-line">
          <button type="button" class="link" onClick={() => goTo('forgot')} data-testid="go-forgot">
            {t.forgotLink}
          </button>
        </p>
      </form>
      <p class="auth-switch">
        {t.noAccount}{' '}
        <button type="button" class="link" onClick={() => goTo('signup')} data-testid="go-signup">
          {t.signup}
        </button>
      </p>
    </AuthLayout>
  );
}
