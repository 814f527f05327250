import { lang } from './i18n.ts';

const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
const intFormat = new Intl.NumberFormat(locale);

export function formatInt(n: number): string {
  return intFormat.format(Math.round(n));
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

export function formatPercent(p: number): string {
  return `${p >= 10 ? Math.round(p) : p.toFixed(1)}%`;
}

export function formatMs(ms: number): string {
  return `${ms >= 100 ? Math.round(ms) : ms.toFixed(1)} ms`;
}

/** "3일 4시간", "2시간 5분", "12분 3초" — the two largest units are enough for a glance. */
export function formatUptime(totalSec: number, l = lang): string {
  const s = Math.max(0, Math.floor(totalSec));
  const parts: [number, string, string][] = [
    [Math.floor(s / 86400), '일', 'd'],
    [Math.floor((s % 86400) / 3600), '시간', 'h'],
    [Math.floor((s % 3600) / 60), '분', 'min'],
    [s % 60, '초', 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return l === 'ko' ? '0초' : '0 s';
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, ko, en]) => (l === 'ko' ? `${n}${ko}` : `${n} ${en}`))
    .join(' ');
}

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' });
}

export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export function daysUntil(ms: number, now = Date.now()): number {
  return Math.floor((ms - now) / 86_400_000);
}

/** A fingerprint as colon-separated byte pairs, the way certificate dialogs show it. */
export function formatFingerprint(hex: string): string {
  const clean = hex.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return clean.match(/.{1,2}/g)?.join(':') ?? hex;
}

/** Log times: the clock for today's lines, with the date for older ones. */
export function formatLogTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const sameDay = d.toDateString() === new Date(now).toDateString();
  if (sameDay) return formatClock(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(ms)}`;
}
