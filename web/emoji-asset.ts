// Builds the emoji picker's data at build time: emojibase-data's Korean and English sets joined
// into one compact JSON file, named by its content's hash (emoji.<hash>.json) so a browser may
// keep it forever. The picker fetches it on first open; it is never part of app.js.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { EMOJI_GROUPS, toned, type EmojiAsset, type EmojiGroup, type EmojiRow, type SkinTones } from './src/components/emoji/emoji-data.ts';

/**
 * The newest Emoji version offered. Windows 10's last emoji update (May 2019) renders up to
 * Emoji 12.0 with Segoe UI Emoji; Windows 11 renders more. An office mixes both, so the picker
 * offers only what every Windows PC shows (a newer emoji would be a box on Windows 10).
 */
export const EMOJI_MAX_VERSION = 12;

/** Subgroups left out: Segoe UI Emoji has no country or region flags (Windows shows two letters). */
const LEFT_OUT_SUBGROUPS = new Set(['country-flag', 'subdivision-flag']);

interface DataEmoji {
  hexcode: string;
  label: string;
  emoji: string;
  tags?: string[];
  group?: number;
  subgroup?: number;
  version: number;
  order?: number;
  tone?: number | number[];
  skins?: DataEmoji[];
}
interface DataMessages {
  groups: { key: string; order: number }[];
  subgroups: { key: string; order: number }[];
}

const require = createRequire(import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(require.resolve(`emojibase-data/${name}`), 'utf8')) as T;

// The `v` flag is newer than the TypeScript target, so the pattern is built at run time.
const RGI = new RegExp('^\\p{RGI_Emoji}$', 'v');

/**
 * The form a chat should carry: the fully-qualified (RGI) sequence. emojibase's `emoji` adds U+FE0F
 * to some that do not take it (👍️), so the plain code points are tried too.
 */
export function rgiForm(e: Pick<DataEmoji, 'emoji' | 'hexcode'>): string | null {
  const fromHex = String.fromCodePoint(...e.hexcode.split('-').map((h) => parseInt(h, 16)));
  return [e.emoji, e.emoji.replace(/\uFE0F/g, ''), fromHex].find((s) => RGI.test(s)) ?? null;
}

/** Lower-case, de-duplicated tags (Korean first), leaving out the names the row carries anyway. */
function keywordsOf(names: string[], ...lists: (string[] | undefined)[]): string {
  const seen = new Set<string>();
  for (const list of lists) for (const w of list ?? []) seen.add(w.toLowerCase().replace(/\|/g, ' ').trim());
  for (const n of names) seen.delete(n.toLowerCase());
  seen.delete('');
  return [...seen].join('|');
}

/** Tones 1–5, when every one exists within the version cut; couples (two tones) use the same tone twice. */
function skinsOf(e: DataEmoji, form: string): SkinTones | null {
  if (!e.skins?.length) return null;
  const byTone = new Map<number, string>();
  for (const s of e.skins) {
    const tones = Array.isArray(s.tone) ? s.tone : [s.tone];
    const tone = tones[0];
    if (tone === undefined || tones.some((t) => t !== tone) || s.version > EMOJI_MAX_VERSION) continue;
    const form = rgiForm(s);
    if (form) byTone.set(tone, form);
  }
  const skins = [1, 2, 3, 4, 5].map((t) => byTone.get(t));
  if (!skins.every((s): s is string => !!s)) return null;
  // Most put the modifier after the first code point; the client can work those out itself.
  return skins.every((s, i) => s === toned(form, i)) ? 1 : skins;
}

export function buildEmojiAsset(): EmojiAsset {
  const en = readJson<DataEmoji[]>('en/data.json');
  const ko = new Map(readJson<DataEmoji[]>('ko/data.json').map((e) => [e.hexcode, e]));
  const messages = readJson<DataMessages>('en/messages.json');
  const groupKey = new Map(messages.groups.map((g) => [g.order, g.key]));
  const subgroupKey = new Map(messages.subgroups.map((g) => [g.order, g.key]));
  const rows: EmojiRow[] = [];
  // The dataset lists by code point; the picker shows Unicode's order (grinning face first).
  const ordered = [...en].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  for (const e of ordered) {
    if (e.group === undefined || e.version > EMOJI_MAX_VERSION) continue;
    if (LEFT_OUT_SUBGROUPS.has(subgroupKey.get(e.subgroup ?? -1) ?? '')) continue;
    // The few flags left join the symbols tab; components (bare skin tones, hair) are not emoji to send.
    const key = groupKey.get(e.group) === 'flags' ? 'symbols' : groupKey.get(e.group);
    const group = EMOJI_GROUPS.indexOf(key as EmojiGroup);
    const form = rgiForm(e);
    if (group < 0 || !form) continue;
    const k = ko.get(e.hexcode);
    const koName = k?.label ?? e.label;
    const skins = skinsOf(e, form);
    const row: EmojiRow = [form, group, koName, e.label, keywordsOf([koName, e.label], k?.tags, e.tags)];
    rows.push(skins ? [...row, skins] : row);
  }
  // Flags come last in Unicode's order, so the stable sort only moves them behind the symbols.
  rows.sort((a, b) => a[1] - b[1]);
  return { v: 1, rows };
}

/** The asset's file name: emoji.<12 hex digits of its SHA-256>.json. */
export const EMOJI_ASSET_NAME = /^emoji\.[0-9a-f]{12}\.json$/;

/**
 * Writes emoji.<hash>.json into outDir (removing the one of an earlier build); returns its URL path
 * for the client (`/emoji.<hash>.json`).
 */
export async function writeEmojiAsset(outDir: string): Promise<{ url: string; bytes: number }> {
  const body = JSON.stringify(buildEmojiAsset());
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const name = `emoji.${hash}.json`;
  await mkdir(outDir, { recursive: true });
  for (const old of await readdir(outDir)) if (EMOJI_ASSET_NAME.test(old) && old !== name) await rm(join(outDir, old));
  await writeFile(join(outDir, name), body);
  return { url: `/${name}`, bytes: Buffer.byteLength(body) };
}
