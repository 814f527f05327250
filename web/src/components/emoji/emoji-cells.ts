import { searchEmoji, withTone, type Emoji, type EmojiGroup } from './emoji-data.ts';

// What the picker's grid shows for a tab or a search, and how the arrow keys move in it.

export type EmojiTab = 'recent' | EmojiGroup;

export interface EmojiCell {
  emoji: string;
  label: string;
}

export interface GridView {
  tab: EmojiTab;
  query: string;
  recent: readonly string[];
  /** 0 = default, 1–5 light … dark. */
  tone: number;
  lang: 'ko' | 'en';
}

/** Every emoji string (each skin tone too) → its emoji, to name the recently used ones. */
export function byEmoji(all: readonly Emoji[]): Map<string, Emoji> {
  const map = new Map<string, Emoji>();
  for (const e of all) {
    map.set(e.emoji, e);
    for (const s of e.skins ?? []) map.set(s, e);
  }
  return map;
}

/** A search (across every tab) when there is a query, otherwise the tab's emoji in the chosen tone. */
export function cellsFor(all: readonly Emoji[], index: Map<string, Emoji>, view: GridView): EmojiCell[] {
  const name = (e: Emoji) => (view.lang === 'ko' ? e.ko : e.en);
  if (view.query.trim()) return searchEmoji(all, view.query).map((e) => ({ emoji: withTone(e, view.tone), label: name(e) }));
  if (view.tab === 'recent') {
    // Kept as picked (with the tone of the day); one the data no longer has is left out.
    return view.recent.flatMap((emoji) => {
      const e = index.get(emoji);
      return e ? [{ emoji, label: name(e) }] : [];
    });
  }
  return all.filter((e) => e.group === view.tab).map((e) => ({ emoji: withTone(e, view.tone), label: name(e) }));
}

/**
 * The cell an arrow key moves to in a grid of `count` cells, `cols` wide; 'out' when ↑ leaves the
 * first row (back to the search field); null for any other key.
 */
export function moveInGrid(index: number, key: string, count: number, cols: number): number | 'out' | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowLeft':
      return Math.max(0, index - 1);
    case 'ArrowRight':
      return Math.min(count - 1, index + 1);
    case 'ArrowUp':
      return index < cols ? 'out' : index - cols;
    case 'ArrowDown':
      return Math.min(count - 1, index + cols);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
