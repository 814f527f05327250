import { useEffect, useRef, useState } from 'preact/hooks';
import type { ManagerState, SettingsRequest } from '../../../../server/protocol/manager.ts';
import type { ManagerApi } from '../lib/api.ts';
import { t } from '../lib/i18n.ts';
import { CopyButton } from './CopyButton.tsx';

type Settings = ManagerState['settings'];
type Form = Record<'port' | 'pingInterval' | 'pingTimeout' | 'maxConnections' | 'auditRetentionDays', string>;

// People think of the heartbeat in seconds; the API counts milliseconds. A configured port of 0
// means "any free port", so the port actually in use is the one to show.
export function toForm(s: Settings, runningPort: number): Form {
  return {
    port: String(s.port || runningPort),
    pingInterval: String(s.pingIntervalMs / 1000),
    pingTimeout: String(s.pingTimeoutMs / 1000),
    maxConnections: String(s.maxConnections),
    auditRetentionDays: String(s.auditRetentionDays),
  };
}

/** Only what the person changed, so saving one field never rewrites the others in config.json. */
export function changedSettings(f: Form, before: Form): SettingsRequest {
  const out: SettingsRequest = {};
  if (f.port !== before.port) out.port = Math.round(Number(f.port));
  if (f.pingInterval !== before.pingInterval) out.pingIntervalMs = Math.round(Number(f.pingInterval) * 1000);
  if (f.pingTimeout !== before.pingTimeout) out.pingTimeoutMs = Math.round(Number(f.pingTimeout) * 1000);
  if (f.maxConnections !== before.maxConnections) out.maxConnections = Math.round(Number(f.maxConnections));
  if (f.auditRetentionDays !== before.auditRetentionDays) out.auditRetentionDays = Math.round(Number(f.auditRetentionDays));
  return out;
}

export function SettingsCard({ state, api }: { state: ManagerState; api: ManagerApi }) {
  const serverForm = toForm(state.settings, state.port);
  const server = JSON.stringify(serverForm);
  const [form, setForm] = useState<Form>(serverForm);
  // What the form was last filled from (or saved as): the baseline for "what changed".
  const [base, setBase] = useState<Form>(serverForm);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
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

  const field = (name: keyof Form) => ({
    value: form[name],
    onInput: (e: Event) => {
      setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value });
      setDirty(true);
      setResult(null);
    },
  });

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setResult(null);
    try {
      const { restartNeeded } = await api.saveSettings(changedSettings(form, base));
      setBase(form);
      setDirty(false);
      setResult({ kind: 'ok', text: restartNeeded ? t.savedRestart : t.saved });
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
      <form class="settings-form" onSubmit={(e) => void submit(e)} data-testid="settings-form">
        <label class="field">
          <span class="field-label">{t.port}</span>
          <input type="number" min={1} max={65535} step={1} required inputMode="numeric" data-testid="setting-port" {...field('port')} />
          <span class="field-note">{t.portNote}</span>
        </label>
        <div class="field-pair">
          <label class="field">
            <span class="field-label">{t.pingInterval}</span>
            <span class="with-unit">
              <input type="number" min={1} max={600} step={1} required data-testid="setting-pingInterval" {...field('pingInterval')} />
              <span class="unit">{t.seconds}</span>
            </span>
          </label>
          <label class="field">
            <span class="field-label">{t.pingTimeout}</span>
            <span class="with-unit">
              <input type="number" min={1} max={600} step={1} required data-testid="setting-pingTimeout" {...field('pingTimeout')} />
              <span class="unit">{t.seconds}</span>
            </span>
          </label>
        </div>
        <span class="field-note">{t.pingNote}</span>
        <label class="field">
          <span class="field-label">{t.maxConnections}</span>
          <input type="number" min={1} max={1000000} step={1} required data-testid="setting-maxConnections" {...field('maxConnections')} />
        </label>
        <label class="field">
          <span class="field-label">{t.auditRetention}</span>
          <span class="with-unit">
            <input type="number" min={1} max={3650} step={1} required data-testid="setting-auditRetentionDays" {...field('auditRetentionDays')} />
            <span class="unit">{t.days}</span>
          </span>
          <span class="field-note">{t.auditRetentionNote}</span>
        </label>
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
