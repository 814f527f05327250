import { useState } from 'preact/hooks';
import type { ManagerApi } from '../lib/api.ts';
import { ts } from '../lib/i18n-setup.ts';

const FIELDS = [
  ['name', 'text', 'name'],
  ['employeeNo', 'text', 'off'],
  ['department', 'text', 'organization-title'],
  ['position', 'text', 'off'],
  ['email', 'email', 'email'],
  ['password', 'password', 'new-password'],
] as const;
type Field = (typeof FIELDS)[number][0];

/**
 * The first admin, through the same POST /api/setup as the web app's setup page: from the server PC
 * no setup code is asked for. The session it opens is this browser's, so "open the web app" later
 * arrives logged in.
 */
export function WizardAdminStep({ api, onDone }: { api: ManagerApi; onDone(name: string): void }) {
  const [form, setForm] = useState<Record<Field, string>>({ name: '', employeeNo: '', department: '', position: '', email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.setup(form);
      onDone(user.name);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="wizard-form" onSubmit={(e) => void submit(e)} data-testid="wizard-admin">
      <p class="lead">{ts.adminLead}</p>
      <div class="wizard-grid">
        {FIELDS.map(([name, type, autocomplete]) => (
          <label key={name} class="field">
            <span class="field-label">{ts[name]}</span>
            <input
              type={type}
              required
              minLength={name === 'password' ? 8 : undefined}
              autoComplete={autocomplete}
              data-testid={`wizard-${name}`}
              value={form[name]}
              onInput={(ev) => setForm({ ...form, [name]: ev.currentTarget.value })}
            />
          </label>
        ))}
      </div>
      {error && (
        <p class="notice error" role="alert" data-testid="wizard-error">
          {error}
        </p>
      )}
      <div class="action-row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="wizard-create-admin">
          {busy ? ts.creating : ts.createAdmin}
        </button>
      </div>
    </form>
  );
}
