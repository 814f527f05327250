// What this browser remembers for the emoji picker: the emoji used last (shown first) and the
// chosen skin tone. localStorage only; a browser that refuses storage just forgets.

const RECENT_KEY = 'sotong.emoji.recent';
const TONE_KEY = 'sotong.emoji.tone';
export const RECENT_MAX = 24;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or a full quota: not worth bothering anyone about.
  }
}

/** Most recent first. */
export function recentEmoji(): string[] {
  try {
    const list: unknown = JSON.parse(read(RECENT_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

/** The list after using `emoji`: it moves to the front, the oldest falls off. */
export function withRecent(list: readonly string[], emoji: string): string[] {
  return [emoji, ...list.filter((e) => e !== emoji)].slice(0, RECENT_MAX);
}

export function noteRecentEmoji(emoji: string): void {
  write(RECENT_KEY, JSON.stringify(withRecent(recentEmoji(), emoji)));
}

/** 0 = the default (yellow) tone, 1–5 light … dark. */
export function savedSkinTone(): number {
  const n = Number(read(TONE_KEY));
  return Number.isInteger(n) && n >= 0 && n <= 5 ? n : 0;
}

export function saveSkinTone(tone: number): void {
  write(TONE_KEY, String(tone));
}
