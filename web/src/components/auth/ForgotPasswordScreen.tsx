import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { tacc } from '../../lib/i18n-accounts.ts';
import { fileReset, forgetReset, savedReset, type FiledReset } from '../../state/password-reset.ts';
import { goTo } from '../../state/session.ts';
import { useSubmit } from '../common/useSubmit.ts';
import { AuthLayout, Field, FormError } from './AuthLayout.tsx';
import { ResetProgress } from './ResetProgress.tsx';

// "Forgot your password?": the request form, then the request's progress (ResetProgress) until the
// new password is set. A request already filed in this tab is picked up again after a reload.

export function ForgotPasswordScreen() {
  const [filed, setFiled] = useState<FiledReset | null>(savedReset);
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const { busy, error, run } = useSubmit();

  const back = () => {
    forgetReset();
    goTo('login');
  };

  if (filed) {
    return (
      <AuthLayout>
        <ResetProgress
          filed={filed}
          onAgain={() => {
            forgetReset();
            setFiled(null);
          }}
          onLogin={back}
        />
      </AuthLayout>
    );
  }

  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => setFiled(await fileReset(login, name)));
  };

  return (
    <AuthLayout>
      <form class="auth-form" onSubmit={submit} data-testid="forgot-form">
        <h1>{tacc.forgotTitle}</h1>
        <p class="lead">{tacc.forgotLead}</p>
        <Field label={t.loginId} name="resetLogin" value={login} onInput={setLogin} required maxLength={254} autoComplete="username" autoFocus />
        <Field label={t.name} name="resetName" value={name} onInput={setName} required maxLength={50} autoComplete="name" />
        <FormError text={error} />
        <button class="btn primary block" type="submit" disabled={busy || !login.trim() || !name.trim()} data-testid="forgot-submit">
          {tacc.forgotSubmit}
        </button>
      </form>
      <p class="auth-switch">
        <button type="button" class="link" onClick={back} data-testid="forgot-back">
          {t.backToLogin}
        </button>
      </p>
    </AuthLayout>
  );
}
