// Message text → segments: plain text, web links, e-mail addresses and @mentions. Nothing else is
// interpreted, and only http:, https: and mailto: ever become a link (never javascript:, data:,
// file: …). The segments' texts, put together, are always exactly the message text.

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'email'; text: string; href: string }
  | { kind: 'mention'; text: string; userId: number | null };

/** Who a message mentions, by the names its text spells (`@이름`); `all` is @모두 / @all. */
export interface MentionNames {
  users: readonly { userId: number; name: string }[];
  all: boolean;
}

export const MENTION_ALL_WORDS = ['모두', 'all'] as const;

interface Match {
  start: number;
  end: number;
  segment: Segment;
}

// A web address: http(s):// or www., a host of letters, digits, dots and dashes (an optional port),
// then anything up to a space or a character that never belongs to a link in chat (<>"`, quotes of
// East Asian punctuation). Hangul stops the host ("a.com에서") but may follow in the path.
const URL_RE = /(?:\b(https?):\/\/|\bwww\.)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?(?:[/?#][^\s<>"`“”‘’「」『』【】《》〈〉]*)?/giu;
// An address: a local part that does not run on from a letter, @, a domain with at least one dot.
const EMAIL_RE = /(?<![\w.%+-])(?:mailto:)?[\w.%+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}\b/giu;

const TRAILING = /[.,:;!?'…。、]/;
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/**
 * Trims what a sentence puts after a link, the way Slack does: trailing punctuation ("see
 * https://a.com." / "…/x,") and a closing bracket that has no opening one inside the link
 * ("(https://a.com/x)"), while keeping a balanced one ("…/wiki/Seoul_(city)").
 */
export function trimUrlEnd(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last === undefined) break;
    if (TRAILING.test(last)) {
      end--;
      continue;
    }
    const opener = CLOSERS[last];
    if (opener) {
      const inside = url.slice(0, end);
      const opens = inside.split(opener).length - 1;
      const closes = inside.split(last).length - 1;
      if (closes > opens) {
        end--;
        continue;
      }
    }
    break;
  }
  return url.slice(0, end);
}

function linkMatches(text: string): Match[] {
  const out: Match[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const raw = trimUrlEnd(m[0]);
    const start = m.index;
    // "www." alone, or a scheme with nothing after the host's first letter trimmed away.
    if (!/[a-z0-9]\.[a-z0-9]|:\/\/[a-z0-9]/i.test(raw)) continue;
    const href = m[1] ? raw : `http://${raw}`;
    out.push({ start, end: start + raw.length, segment: { kind: 'link', text: raw, href } });
  }
  for (const m of text.matchAll(EMAIL_RE)) {
    const address = m[0].replace(/^mailto:/i, '');
    out.push({ start: m.index, end: m.index + m[0].length, segment: { kind: 'email', text: m[0], href: `mailto:${address}` } });
  }
  return out;
}

/** `@` that does not continue a word (so "kim@corp.kr" is no mention). */
const MENTION_START = /(?<![\p{L}\p{N}_.+-])@/gu;

function mentionMatches(text: string, names: MentionNames): Match[] {
  const targets: { word: string; userId: number | null }[] = names.users
    .filter((u) => u.name.length > 0)
    .map((u) => ({ word: u.name, userId: u.userId }));
  if (names.all) for (const w of MENTION_ALL_WORDS) targets.push({ word: w, userId: null });
  if (!targets.length) return [];
  // The longest name first, so "@김민수" is not taken for a "@김민" who is also mentioned.
  targets.sort((a, b) => b.word.length - a.word.length);
  const out: Match[] = [];
  for (const m of text.matchAll(MENTION_START)) {
    const at = m.index;
    const rest = text.slice(at + 1);
    // A name may run into a particle (@김민수님); @모두 / @all must end there (@allison is not @all).
    const hit = targets.find((t) => rest.startsWith(t.word) && (t.userId !== null || !/^[\p{L}\p{N}_]/u.test(rest.slice(t.word.length))));
    if (hit) out.push({ start: at, end: at + 1 + hit.word.length, segment: { kind: 'mention', text: `@${hit.word}`, userId: hit.userId } });
  }
  return out;
}

/** Whether an `@` may start a mention at `index` (it does not continue a word, as in an address). */
export function mayStartMention(text: string, index: number): boolean {
  return text[index] === '@' && !/[\p{L}\p{N}_.+-]/u.test(text[index - 1] ?? ' ');
}

/** The message text as segments, left to right; where matches overlap, the earlier (then longer) wins. */
export function linkify(text: string, mentions: MentionNames = { users: [], all: false }): Segment[] {
  const matches = [...linkMatches(text), ...mentionMatches(text, mentions)].sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let at = 0;
  for (const m of matches) {
    if (m.start < at) continue;
    if (m.start > at) segments.push({ kind: 'text', text: text.slice(at, m.start) });
    segments.push(m.segment);
    at = m.end;
  }
  if (at < text.length) segments.push({ kind: 'text', text: text.slice(at) });
  return segments;
}
