import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../server/protocol/limits.ts';
import { t } from '../../lib/i18n.ts';
import { Field } from './AuthLayout.tsx';

// The fields sign-up and first-run setup share.

export interface ProfileForm {
  name: string;
  employeeNo: string;
  department: string;
  position: string;
  email: string;
  password: string;
  confirm: string;
}

export const emptyProfile: ProfileForm = {
  name: '',
  employeeNo: '',
  department: '',
  position: '',
  email: '',
  password: '',
  confirm: '',
};

export function ProfileFields({ form, set, focusName = true }: { form: ProfileForm; set: (f: ProfileForm) => void; focusName?: boolean }) {
  const on = (key: keyof ProfileForm) => (v: string) => set({ ...form, [key]: v });
  return (
    <>
      <div class="field-row">
        <Field label={t.name} name="name" value={form.name} onInput={on('name')} required maxLength={50} autoComplete="name" autoFocus={focusName} />
        <Field label={t.employeeNo} name="employeeNo" value={form.employeeNo} onInput={on('employeeNo')} required maxLength={30} />
      </div>
      <div class="field-row">
        <Field label={t.department} name="department" value={form.department} onInput={on('department')} maxLength={50} />
        <Field label={t.position} name="position" value={form.position} onInput={on('position')} maxLength={50} />
      </div>
      <Field label={t.email} name="email" type="email" value={form.email} onInput={on('email')} required autoComplete="email" />
      <div class="field-row">
        <Field
          label={t.password}
          name="password"
          type="password"
          value={form.password}
          onInput={on('password')}
          required
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          hint={t.passwordHint(PASSWORD_MIN)}
        />
        <Field
          label={t.passwordConfirm}
          name="confirm"
          type="password"
          value={form.confirm}
          onInput={on('confirm')}
          required
          autoComplete="new-password"
        />
      </div>
    </>
  );
}

export function profileError(form: ProfileForm): string | null {
  // Counted like the server counts (UTF-16 units), so the hint and the refusal agree.
  if (form.password.length < PASSWORD_MIN) return t.passwordTooShort(PASSWORD_MIN);
  if (form.password !== form.confirm) return t.passwordMismatch;
  return null;
}

export function profileBody(form: ProfileForm) {
  return {
    name: form.name.trim(),
    employeeNo: form.employeeNo.trim(),
    department: form.department.trim(),
    position: form.position.trim(),
    email: form.email.trim(),
    password: form.password,
  };
}
