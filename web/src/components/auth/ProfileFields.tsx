import { t } from '../../lib/i18n.ts';
import { Field } from './AuthLayout.tsx';
import { NewPasswordFields, newPasswordProblem } from './NewPasswordFields.tsx';

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
      <NewPasswordFields password={form.password} confirm={form.confirm} onPassword={on('password')} onConfirm={on('confirm')} />
    </>
  );
}

export function profileError(form: ProfileForm): string | null {
  return newPasswordProblem(form.password, form.confirm);
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
