// The emoji picker's data: the shape of the asset web/emoji-asset.ts builds from emojibase-data,
// fetching it (once, on the picker's first open) and searching it. Pure functions except loadEmoji.

/** The picker's tabs after "recent", in order; the asset's rows point into this list. */
export const EMOJI_GROUPS = [
  'smileys-emotion',
  'people-body',
  'animals-nature',
  'food-drink',
  'travel-places',
  'activities',
  'objects',
  'symbols',
] as const;
export type EmojiGroup = (typeof EMOJI_GROUPS)[number];

/**
 * One emoji in the asset: [emoji, group index, Korean name, English name, more keywords (lower-case,
 * '|'-separated, Korean and English), skin tones]. Skin tones are absent (none), 1 (the tone
 * modifier goes after the first code point: 👍 → 👍🏻) or the five sequences (tones 1–5).
 */
export type EmojiRow =
  | [string, number, string, string, string]
  | [string, number, string, string, string, SkinTones];
export type SkinTones = 1 | string[];

/** The Fitzpatrick modifiers, tones 1–5 (light … dark). */
const TONE_MODIFIERS = ['\u{1F3FB}', '\u{1F3FC}', '\u{1F3FD}', '\u{1F3FE}', '\u{1F3FF}'];

/** `emoji` with tone modifier `tone` (0–4) after its first code point, replacing a U+FE0F there. */
export function toned(emoji: string, tone: number): string {
  const [first = '', ...rest] = [...emoji];
  if (rest[0] === '\uFE0F') rest.shift();
  return first + TONE_MODIFIERS[tone] + rest.join('');
}

export interface EmojiAsset {
  /** Version of this shape; a new shape gets a new number (and, by its content, a new file name). */
  v: 1;
  rows: EmojiRow[];
}

export interface Emoji {
  emoji: string;
  group: EmojiGroup;
  ko: string;
  en: string;
  keywords: string;
  /** Tones 1–5 (light … dark), when the emoji takes a skin tone. */
  skins: readonly string[] | null;
}

export function emojiFromRow(row: EmojiRow): Emoji {
  const [emoji, group, ko, en, tags, skins] = row;
  return {
    emoji,
    group: EMOJI_GROUPS[group] ?? 'symbols',
    ko,
    en,
    keywords: [ko.toLowerCase(), en.toLowerCase(), tags].filter(Boolean).join('|'),
    skins: skins === 1 ? [0, 1, 2, 3, 4].map((t) => toned(emoji, t)) : (skins ?? null),
  };
}

/** The variant to show for a skin tone (0 = the default yellow/neutral one). */
export function withTone(e: Emoji, tone: number): string {
  return (tone > 0 && e.skins?.[tone - 1]) || e.emoji;
}

/**
 * Emoji whose keywords contain every word of the query (Korean or English, any case), best first:
 * a name starting with the query, then an exact keyword, then a keyword starting with it, then the rest.
 */
export function searchEmoji(all: readonly Emoji[], query: string): Emoji[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const q = words.join(' ');
  const rank = (e: Emoji): number => {
    if (e.ko.toLowerCase().startsWith(q) || e.en.toLowerCase().startsWith(q)) return 0;
    const keys = e.keywords.split('|');
    return keys.includes(q) ? 1 : keys.some((k) => k.startsWith(q)) ? 2 : 3;
  };
  const scored: { e: Emoji; score: number; i: number }[] = [];
  all.forEach((e, i) => {
    if (words.every((w) => e.keywords.includes(w))) scored.push({ e, score: rank(e), i });
  });
  return scored.sort((a, b) => a.score - b.score || a.i - b.i).map((s) => s.e);
}

/** Set by web/build.ts (esbuild `define`): the path of the content-hashed asset in dist/web. */
declare const __EMOJI_DATA_URL__: string;

let loading: Promise<Emoji[]> | null = null;

/** The whole set, fetched on first use and kept; a failed fetch can be tried again. */
export function loadEmoji(): Promise<Emoji[]> {
  loading ??= fetch(__EMOJI_DATA_URL__, { credentials: 'same-origin' })
    .then((res) => {
      if (!res.ok) throw new Error(`emoji data: HTTP ${res.status}`);
      return res.json() as Promise<EmojiAsset>;
    })
    .then((asset) => asset.rows.map(emojiFromRow))
    .catch((err: unknown) => {
      loading = null;
      throw err;
    });
  return loading;
}
