import { ACCENTS, BACKGROUNDS, CLOCK_TIME, DEFAULT_SETTINGS, FONT_SIZES, LANGUAGES, THEMES, mergeSettings, type SettingsPatch, type UserSettings } from '../../../server/protocol/settings.ts';
import { api } from '../lib/api.ts';
import { getState, setState } from './store.ts';
import { showToast } from './toast.ts';

// My settings (server/protocol/settings.ts): loaded once the session is known, changed here, and
// followed when another tab or device saves (the `settings` frame). The look and the language are
// also kept in this browser's localStorage, so the first paint (even the login page) already has
// them; the server's copy is the truth.

const CACHE_KEY = 'sotong.settings';
const listeners = new Set<(settings: UserSettings) => void>();

/** The copy this browser kept (mutes left out: they are not needed before login), or the defaults. */
export function cachedSettings(): UserSettings {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    if (!raw) return DEFAULT_SETTINGS;
    const stored: unknown = JSON.parse(raw);
    return typeof stored === 'object' && stored !== null ? mergeSettings(DEFAULT_SETTINGS, pickKnown(stored as Record<string, unknown>)) : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

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
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify({ ...settings, mutes: [] }));
  } catch {
    // Private mode or a full quota: the server still has them.
  }
  for (const fn of listeners) fn(settings);
}

const CHOICES: Record<string, readonly string[]> = { theme: THEMES, accent: ACCENTS, background: BACKGROUNDS, fontSize: FONT_SIZES, language: LANGUAGES };

/** Only what this browser's copy holds validly; anything else in it is ignored. */
function pickKnown(stored: Record<string, unknown>): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const [key, allowed] of Object.entries(CHOICES)) {
    const value = stored[key];
    if (typeof value === 'string' && allowed.includes(value)) patch[key] = value;
  }
  const n = stored.notifications as Record<string, unknown> | undefined;
  if (typeof n === 'object' && n !== null) {
    const notifications: Record<string, unknown> = {};
    for (const key of ['desktop', 'sound', 'mentionsWhenMuted']) if (typeof n[key] === 'boolean') notifications[key] = n[key];
    const dnd = n.dnd as Record<string, unknown> | undefined;
    if (typeof dnd === 'object' && dnd !== null && typeof dnd.enabled === 'boolean' && CLOCK_TIME.test(String(dnd.from)) && CLOCK_TIME.test(String(dnd.to))) {
      notifications.dnd = { enabled: dnd.enabled, from: dnd.from, to: dnd.to };
    }
    patch.notifications = notifications;
  }
  return patch as SettingsPatch;
}
