import { useEffect, useRef, useState } from 'preact/hooks';
import type { ManagerState } from '../../../../server/protocol/manager.ts';
import type { ManagerApi } from '../lib/api.ts';
import { lang, t } from '../lib/i18n.ts';
import { ts } from '../lib/i18n-setup.ts';
import { changedSettings, editable, metaOf, toForm, type Form, type Parsed } from '../lib/setting-form.ts';
import { CopyButton } from './CopyButton.tsx';
import { SettingField } from './SettingField.tsx';

/** Every setting of config.json the console may change, from the one table (config-meta.ts). */
export function SettingsCard({ state, api }: { state: ManagerState; api: ManagerApi }) {
  const serverForm = toForm(state.settings);
  const server = JSON.stringify(serverForm);
  const [form, setForm] = useState<Form>(serverForm);
  // What the form was last filled from (or saved as): the baseline for "what changed".
  const [base, setBase] = useState<Form>(serverForm);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<Record<string, Parsed>>({});
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const seen = useRef(server);

  // The feed repeats the settings every second; only a real change on the server may replace
  // what the person is typing, and only when they have not started editing.
  useEffect(() => {
    if (server === seen.current) return;
    seen.current = server;
    if (dirty) return;
    setForm(serverForm);
    setBase(serverForm);
  }, [server, dirty]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const { values, problems: found } = changedSettings(state.settings, form, base);
    setProblems(found);
    setResult(null);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const { restartNeeded, overridden } = await api.saveSettings(values);
      setBase(form);
      setDirty(false);
      const names = overridden.map((key) => metaOf(key).label[lang]).join(', ');
      setResult({ kind: 'ok', text: overridden.length ? ts.savedOverridden(names) : restartNeeded ? t.savedRestart : t.saved });
    } catch (err) {
      setResult({ kind: 'error', text: (err as Error).message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="card settings-card" aria-labelledby="settings-title" data-testid="settings-card">
      <h2 id="settings-title" class="card-title">
        {t.settingsTitle}
      </h2>
      <form class="settings-form" onSubmit={(e) => void submit(e)} data-testid="settings-form" noValidate>
        {editable(state.settings).map((view) => (
          <SettingField
            key={view.key}
            view={view}
            text={form[view.key] ?? ''}
            problem={problems[view.key]}
            onInput={(text) => {
              setForm({ ...form, [view.key]: text });
              setDirty(true);
              setResult(null);
            }}
          />
        ))}
        <div class="action-row">
          <button type="submit" class="btn btn-primary" disabled={saving || !dirty} data-testid="settings-save">
            {saving ? t.saving : t.save}
          </button>
          {result && (
            <span class={result.kind === 'ok' ? 'notice ok' : 'notice error'} role="status" data-testid="settings-result">
              {result.text}
            </span>
          )}
        </div>
      </form>
      <div class="data-dir">
        <span class="label">{t.dataDir}</span>
        <code data-testid="data-dir">{state.dataDir}</code>
        <CopyButton text={state.dataDir} quiet />
      </div>
    </section>
  );
}
