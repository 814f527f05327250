import { ACCENTS, BACKGROUNDS, CLOCK_TIME, DEFAULT_SETTINGS, FONT_SIZES, LANGUAGES, THEMES, mergeSettings, type SettingsPatch, type UserSettings } from '../../../server/protocol/settings.ts';

// This browser's copy of my settings (state/settings.ts keeps it current), read before the first
// paint for the look (main.tsx) and the language (i18n.ts) — even on the login page. Here in lib,
// not state, because i18n.ts reads it and everything reads i18n.ts.

const CACHE_KEY = 'sotong.settings';

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

export function keepCopy(settings: UserSettings): void {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify({ ...settings, mutes: [] }));
  } catch {
    // Private mode or a full quota: the server still has them.
  }
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
