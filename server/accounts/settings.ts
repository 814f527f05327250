import { Value } from '@sinclair/typebox/value';
import { DEFAULT_SETTINGS, mergeSettings, type SettingsPatch, type UserSettings } from '../protocol/settings.ts';
import { SettingsParts, type UserSettingsSchema } from '../protocol/settings-schema.ts';
import type { Static } from '@sinclair/typebox';
import type { SettingsStore } from '../storage/stores.ts';

// Reading and saving a person's settings document. The stored JSON is trusted no further than the
// schema: each top-level part that does not check (written by an older or newer Sotong, or damaged)
// falls back to its default, and the others are kept.

// The wire schema and the plain type describe the same document.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const schemaMatchesType: Same<Static<typeof UserSettingsSchema>, UserSettings> = true;
void schemaMatchesType;

export function readSettings(json: string | undefined, now = Date.now()): UserSettings {
  if (json === undefined) return DEFAULT_SETTINGS;
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    return DEFAULT_SETTINGS;
  }
  if (typeof stored !== 'object' || stored === null) return DEFAULT_SETTINGS;
  const patch: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(SettingsParts)) {
    const value = (stored as Record<string, unknown>)[key];
    if (value !== undefined && Value.Check(schema, value)) patch[key] = value;
  }
  return mergeSettings(DEFAULT_SETTINGS, patch as SettingsPatch, now);
}

export async function loadSettings(store: SettingsStore, userId: number, now = Date.now()): Promise<UserSettings> {
  return readSettings(await store.get(userId), now);
}

/** The patch over what is stored, saved whole; the result is what the person now has. */
export async function saveSettings(store: SettingsStore, userId: number, patch: SettingsPatch, now = Date.now()): Promise<UserSettings> {
  const next = mergeSettings(await loadSettings(store, userId, now), patch, now);
  await store.put(userId, JSON.stringify(next), now);
  return next;
}
