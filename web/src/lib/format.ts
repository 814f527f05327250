import { lang, t } from './i18n.ts';

const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
const timeFmt = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
const dayFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
const shortDayFmt = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' });
const fullDayFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric' });

export function formatTime(ms: number): string {
  return timeFmt.format(ms);
}

/** "2025년 11월 22일 토요일" — the date separator in a chat. */
export function formatDay(ms: number): string {
  return dayFmt.format(ms);
}

export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** The room list's compact stamp: time today, "yesterday", a date this year, else a full date. */
export function formatListTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  if (dayKey(ms) === dayKey(now)) return formatTime(ms);
  const y = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (dayKey(ms) === dayKey(y.getTime())) return t.yesterday;
  if (d.getFullYear() === today.getFullYear()) return shortDayFmt.format(ms);
  return fullDayFmt.format(ms);
}

/** A plain date ("2026. 12. 2."), e.g. when an account was created. */
export function formatDate(ms: number): string {
  return fullDayFmt.format(ms);
}

const HANGUL = /[\u3131-\u318e\uac00-\ud7a3]/;

/**
 * Avatar letters. Korean names show the given name (the last two syllables of a 3-syllable name,
 * as colleagues address each other); other names show up to two initials.
 */
export function initials(name: string): string {
  const clean = name.trim();
  if (!clean) return '?';
  if (HANGUL.test(clean) && !/\s/.test(clean)) {
    const chars = Array.from(clean);
    return chars.length >= 3 ? chars.slice(-2).join('') : chars.join('');
  }
  const words = clean.split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0] ?? '');
  return letters.join('').toUpperCase();
}

/** The 12-colour avatar palette, indexed by user.avatarColor. Chosen for white text: >= 4.5:1 (web/test/contrast.test.ts), as two initials are small. */
export const AVATAR_COLORS = [
  '#C54B50', // red
  '#B35E2E', // orange
  '#936D1F', // amber
  '#4D8234', // green
  '#27836E', // teal
  '#257DA4', // cyan
  '#3F6FD8', // blue
  '#5B5FC7', // indigo
  '#8A57C9', // violet
  '#B84C98', // magenta
  '#8C6E58', // brown
  '#5F7080', // slate
] as const;

export function avatarColor(index: number): string {
  return AVATAR_COLORS[((index % 12) + 12) % 12]!;
}

const stampFmt = new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** "11월 22일 오후 3:04" — when a message was edited, in the edit marker and the history. */
export function formatStamp(ms: number): string {
  return stampFmt.format(ms);
}
