import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { goTo, signup } from '../../state/session.ts';
import { AuthLayout, FormError } from './AuthLayout.tsx';
import { emptyProfile, ProfileFields, profileBody, profileError, type ProfileForm } from './ProfileFields.tsx';

export function SignupScreen() {
  const [form, setForm] = useState<ProfileForm>(emptyProfile);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const local = profileError(form);
    if (local) return setError(local);
    setBusy(true);
    setError(null);
    try {
      await signup(profileBody(form));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <AuthLayout wide>
      <form class="auth-form" onSubmit={submit} data-testid="signup-form">
        <h1>{t.signupTitle}</h1>
        <p class="lead">{t.signupLead}</p>
        <ProfileFields form={form} set={setForm} />
        <FormError text={error} />
        <button class="btn primary block" type="submit" disabled={busy} data-testid="signup-submit">
          {t.signupSubmit}
        </button>
      </form>
      <p class="auth-switch">
        {t.haveAccount}{' '}
        <button type="button" class="link" onClick={() => goTo('login')} data-testid="go-login">
          {t.login}
        </button>
      </p>
    </AuthLayout>
  );
}
