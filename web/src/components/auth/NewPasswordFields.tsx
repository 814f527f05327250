import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../server/protocol/limits.ts';
import { t } from '../../lib/i18n.ts';
import { tacc } from '../../lib/i18n-accounts.ts';
import { Field } from './AuthLayout.tsx';

// A new password typed twice: sign-up, setup, a password change and a reset share the rule.

export function NewPasswordFields(p: {
  password: string;
  confirm: string;
  onPassword: (v: string) => void;
  onConfirm: (v: string) => void;
  /** Labelled "new password" (a change or a reset) rather than "password" (sign-up). */
  renewal?: boolean;
  autoFocus?: boolean;
}) {
  return (
    <div class="field-row">
      <Field
        label={p.renewal ? tacc.newPassword : t.password}
        name="password"
        type="password"
        value={p.password}
        onInput={p.onPassword}
        required
        autoComplete="new-password"
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={t.passwordHint(PASSWORD_MIN)}
        autoFocus={p.autoFocus}
      />
      <Field label={p.renewal ? tacc.newPasswordConfirm : t.passwordConfirm} name="confirm" type="password" value={p.confirm} onInput={p.onConfirm} required autoComplete="new-password" />
    </div>
  );
}

/** What is wrong with a new password and its confirmation, or null. */
export function newPasswordProblem(password: string, confirm: string): string | null {
  // Counted like the server counts (code points), so the hint and the refusal agree.
  if ([...password].length < PASSWORD_MIN) return t.passwordTooShort(PASSWORD_MIN);
  if (password !== confirm) return t.passwordMismatch;
  return null;
}
