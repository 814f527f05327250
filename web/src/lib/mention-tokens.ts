import { linkify, MENTION_ALL_WORDS, mayStartMention } from './linkify.ts';

// The composer's @mentions as text: which `@…` the caret is in (to open the member list), putting
// a picked name in its place, and which people the finished text mentions when it is sent.

/** A member the list can offer. */
export interface MentionCandidate {
  userId: number;
  name: string;
  department: string;
}

/** The `@…` being typed: where its `@` is and what follows it up to the caret. */
export interface MentionQuery {
  start: number;
  query: string;
}

/** Longest a query may grow before the list gives up (names are short; this is a sentence). */
const QUERY_MAX = 24;

/** The `@query` that ends at the caret, if any: no line break in it, at most one space run. */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf('@');
  if (start < 0 || !mayStartMention(text, start)) return null;
  const query = before.slice(start + 1);
  if (query.length > QUERY_MAX || /[\n\r@]/.test(query) || /^\s/.test(query) || /\s\S*\s/.test(query)) return null;
  return { start, query };
}

/** Members whose name or department contains the query (any case), names that start with it first. */
export function matchMembers<T extends MentionCandidate>(members: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...members];
  const starts = (s: string) => s.toLowerCase().startsWith(q);
  const found = members.filter((m) => m.name.toLowerCase().includes(q) || m.department.toLowerCase().includes(q));
  return found.sort((a, b) => Number(starts(b.name)) - Number(starts(a.name)));
}

/** Whether the @all entry fits the query (모두, all, or nothing typed yet). */
export function allMatches(query: string): boolean {
  const q = query.trim().toLowerCase();
  return MENTION_ALL_WORDS.some((w) => w.startsWith(q));
}

/** The text with `@word ` in place of the `@query` (up to the caret), and the caret after it. */
export function insertMention(text: string, q: MentionQuery, caret: number, word: string): { text: string; caret: number } {
  const inserted = `@${word} `;
  // A space already there is not doubled.
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, q.start) + inserted + after, caret: q.start + inserted.length };
}

/**
 * Who the finished text mentions: the people picked from the list (name → id, so two people with
 * one name stay apart) and any member whose unique name is written as `@name`; @모두 / @all in a
 * group. Read the same way the message will be shown (lib/linkify.ts), so a name inside a link
 * is no mention.
 */
export function mentionsToSend(
  text: string,
  members: readonly MentionCandidate[],
  picked: ReadonlyMap<string, number>,
  isGroup: boolean,
): { mentions: number[]; mentionAll: boolean } {
  const count = new Map<string, number>();
  for (const m of members) count.set(m.name, (count.get(m.name) ?? 0) + 1);
  const memberIds = new Set(members.map((m) => m.userId));
  const users = members.filter((m) => count.get(m.name) === 1).map((m) => ({ userId: m.userId, name: m.name }));
  // A pick wins over a namesake (and names someone whose name is not unique).
  for (const [name, userId] of picked) {
    if (!memberIds.has(userId)) continue;
    const i = users.findIndex((u) => u.name === name);
    if (i >= 0) users.splice(i, 1);
    users.push({ userId, name });
  }
  const mentions: number[] = [];
  let mentionAll = false;
  for (const s of linkify(text, { users, all: isGroup })) {
    if (s.kind !== 'mention') continue;
    if (s.userId === null) mentionAll = true;
    else if (!mentions.includes(s.userId)) mentions.push(s.userId);
  }
  return { mentions, mentionAll };
}
