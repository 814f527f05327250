import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { setupAdmin } from '../../state/session.ts';
import { useStore } from '../../state/store.ts';
import { AuthLayout, Field, FormError } from './AuthLayout.tsx';
import { emptyProfile, ProfileFields, profileBody, profileError, type ProfileForm } from './ProfileFields.tsx';

export function SetupScreen() {
  const local = useStore((s) => s.setup?.local ?? false);
  const [form, setForm] = useState<ProfileForm>(emptyProfile);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const bad = profileError(form);
    if (bad) return setError(bad);
    setBusy(true);
    setError(null);
    try {
      await setupAdmin({ ...profileBody(form), ...(local ? {} : { setupCode: code.trim() }) });
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <AuthLayout wide>
      <form class="auth-form" onSubmit={submit} data-testid="setup-form">
        <h1>{t.setupTitle}</h1>
        <p class="lead">{t.setupBody}</p>
        {!local && (
          <Field label={t.setupCode} name="setupCode" value={code} onInput={setCode} required hint={t.setupCodeHint} autoFocus />
        )}
        <ProfileFields form={form} set={setForm} focusName={local} />
        <FormError text={error} />
        <button class="btn primary block" type="submit" disabled={busy} data-testid="setup-submit">
          {t.setupSubmit}
        </button>
      </form>
    </AuthLayout>
  );
}
