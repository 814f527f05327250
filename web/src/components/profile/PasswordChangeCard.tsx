import { useState } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { tacc } from '../../lib/i18n-accounts.ts';
import { showToast } from '../../state/toast.ts';
import { Field, FormError } from '../auth/AuthLayout.tsx';
import { NewPasswordFields, newPasswordProblem } from '../auth/NewPasswordFields.tsx';

// 비밀번호 변경 on the profile page: the current password, the new one twice. This session stays
// logged in; the server ends every other one.

export function PasswordChangeCard() {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = newPasswordProblem(password, confirm);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await api.changePassword({ currentPassword: current, newPassword: password });
      setCurrent('');
      setPassword('');
      setConfirm('');
      showToast(tacc.passwordChanged);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="card password-card">
      <div class="card-title">{tacc.changePassword}</div>
      <form class="password-form" onSubmit={submit} data-testid="password-form">
        <p class="muted small">{tacc.changePasswordLead}</p>
        <Field label={tacc.currentPassword} name="currentPassword" type="password" value={current} onInput={setCurrent} required autoComplete="current-password" />
        <NewPasswordFields
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          renewal
        />
        <FormError text={error} />
        <div class="profile-actions">
          <button type="submit" class="btn primary" disabled={busy || !current || !password} data-testid="change-password">
            {busy ? t.saving : tacc.changePassword}
          </button>
        </div>
      </form>
    </div>
  );
}
