import { useEffect, useRef, useState } from 'preact/hooks';
import type { ManagerState, SettingsRequest } from '../../../../server/protocol/manager.ts';
import type { ManagerApi } from '../lib/api.ts';
import { t } from '../lib/i18n.ts';
import { CopyButton } from './CopyButton.tsx';

type Settings = ManagerState['settings'];
type Form = Record<'port' | 'pingInterval' | 'pingTimeout' | 'maxConnections', string>;

// People think of the heartbeat in seconds; the API counts milliseconds.
export function toForm(s: Settings): Form {
  return {
    port: String(s.port),
    pingInterval: String(s.pingIntervalMs / 1000),
    pingTimeout: String(s.pingTimeoutMs / 1000),
    maxConnections: String(s.maxConnections),
  };
}

export function fromForm(f: Form): SettingsRequest {
  return {
    port: Math.round(Number(f.port)),
    pingIntervalMs: Math.round(Number(f.pingInterval) * 1000),
    pingTimeoutMs: Math.round(Number(f.pingTimeout) * 1000),
    maxConnections: Math.round(Number(f.maxConnections)),
  };
}

export function SettingsCard({ state, api }: { state: ManagerState; api: ManagerApi }) {
  const server = JSON.stringify(state.settings);
  const [form, setForm] = useState<Form>(() => toForm(state.settings));
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const seen = useRef(server);

  // The feed repeats the settings every second; only a real change on the server may replace
  // what the person is typing, and only when they have not started editing.
  useEffect(() => {
    if (server === seen.current) return;
    seen.current = server;
    if (!dirty) setForm(toForm(state.settings));
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
      const { restartNeeded } = await api.saveSettings(fromForm(form));
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
