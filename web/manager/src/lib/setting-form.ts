import { CONFIG_META, type ConfigKey, type SettingMeta } from '../../../../server/config/config-meta.ts';
import type { SettingsRequest, SettingView } from '../../../../server/protocol/manager.ts';

// A setting as text in a form, in the unit a person thinks in (seconds, megabytes), and back. The
// ranges come with each setting from the config schema, so a number out of range is named here
// before the server refuses it with the same rule.

const MB = 1024 * 1024;
const SCALE: Record<NonNullable<SettingMeta['unit']>, number> = { seconds: 1000, megabytes: MB, days: 1 };

export const metaOf = (key: string): SettingMeta => CONFIG_META[key as ConfigKey];

/** The settings the settings card edits, in the table's order. */
export function editable(views: readonly SettingView[]): SettingView[] {
  return views.filter((v) => (metaOf(v.key)?.editor ?? 'settings') === 'settings');
}

const scaleOf = (key: string) => SCALE[metaOf(key)?.unit ?? 'days'];
const round = (n: number) => Math.round(n * 100) / 100;

/** What the form shows: the saved value when there is one (that is what the person changes), else what runs. */
export function toText(view: SettingView): string {
  const value = view.saved ?? view.value;
  if (view.kind === 'list') return (value as string[]).join(' ');
  if (view.kind === 'integer') return String(round((value as number) / scaleOf(view.key)));
  return String(value);
}

export type Parsed = { ok: true; value: unknown } | { ok: false; problem: 'number' | 'range'; min?: number; max?: number };

export function fromText(view: SettingView, text: string): Parsed {
  if (view.kind === 'list') return { ok: true, value: [...new Set(text.toLowerCase().split(/[\s,]+/).map((w) => w.replace(/^\./, '')).filter(Boolean))] };
  if (view.kind === 'boolean') return { ok: true, value: text === 'true' };
  if (view.kind !== 'integer') return { ok: true, value: text.trim() };
  const scale = scaleOf(view.key);
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(n)) return { ok: false, problem: 'number' };
  const value = Math.round(n * scale);
  const min = view.min === undefined ? undefined : round(view.min / scale);
  const max = view.max === undefined ? undefined : round(view.max / scale);
  if ((view.min !== undefined && value < view.min) || (view.max !== undefined && value > view.max)) return { ok: false, problem: 'range', min, max };
  return { ok: true, value };
}

export type Form = Record<string, string>;

export function toForm(views: readonly SettingView[]): Form {
  return Object.fromEntries(editable(views).map((v) => [v.key, toText(v)]));
}

/** Only what the person changed, so saving one field never rewrites the others in config.json. */
export function changedSettings(views: readonly SettingView[], form: Form, base: Form): { values: SettingsRequest; problems: Record<string, Parsed> } {
  const values: Record<string, unknown> = {};
  const problems: Record<string, Parsed> = {};
  for (const view of editable(views)) {
    const text = form[view.key];
    if (text === undefined || text === base[view.key]) continue;
    const parsed = fromText(view, text);
    if (parsed.ok) values[view.key] = parsed.value;
    else problems[view.key] = parsed;
  }
  return { values: values as SettingsRequest, problems };
}
