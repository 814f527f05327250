import { mergeSettings, type SettingsPatch, type UserSettings } from '../../../server/protocol/settings.ts';
import { api } from '../lib/api.ts';
import { keepCopy } from '../lib/settings-cache.ts';
import { getState, setState } from './store.ts';
import { showToast } from './toast.ts';

// My settings (server/protocol/settings.ts): loaded once the session is known, changed here, and
// followed when another tab or device saves (the `settings` frame). The look and the language are
// also kept in this browser's localStorage, so the first paint (even the login page) already has
// them (lib/settings-cache.ts); the server's copy is the truth.

export { cachedSettings } from '../lib/settings-cache.ts';

const listeners = new Set<(settings: UserSettings) => void>();

/** Every change: a load, my own save (at once, before the server answers), another tab's frame. */
export function onSettings(fn: (settings: UserSettings) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export async function loadSettings(): Promise<void> {
  const { settings } = await api.settings();
  adopt(settings);
}

/** Applied at once; if the server refuses, its copy is read back and the reason shown. */
export async function changeSettings(patch: SettingsPatch): Promise<void> {
  adopt(mergeSettings(getState().settings, patch));
  try {
    const { settings } = await api.updateSettings(patch);
    adopt(settings);
  } catch (e) {
    showToast((e as Error).message, 'error');
    await loadSettings().catch(() => {});
  }
}

/** The `settings` frame: saved from this or another tab or device. */
export function applySettingsFrame(settings: UserSettings): void {
  adopt(settings);
}

function adopt(settings: UserSettings): void {
  setState({ settings });
  keepCopy(settings);
  for (const fn of listeners) fn(settings);
}
