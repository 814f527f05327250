import type { Message } from '../../../../server/protocol/index.ts';
import { dayKey } from '../../lib/format.ts';

// Turns a list of messages into what the chat shows: date lines, the "unread from here" line,
// system lines (joins, leaves, renames), and which bubbles start a run (avatar + name) or end one
// (time stamp). A system line ends the run before it and the next bubble starts a new one.

export type TimelineItem =
  | { kind: 'day'; key: string; at: number }
  | { kind: 'unread'; key: string }
  | { kind: 'system'; key: string; message: Message }
  | { kind: 'msg'; key: string; message: Message; first: boolean; last: boolean };

/** Consecutive messages by one sender within this gap are drawn as one run. */
const RUN_GAP_MS = 5 * 60_000;

function sameMinute(a: number, b: number): boolean {
  return Math.floor(a / 60_000) === Math.floor(b / 60_000);
}

export function buildItems(messages: readonly Message[], readMarkSeq: number, meId: number): TimelineItem[] {
  const items: TimelineItem[] = [];
  let unreadPlaced = false;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    const prev = messages[i - 1];
    const next = messages[i + 1];
    const newDay = !prev || dayKey(prev.createdAt) !== dayKey(m.createdAt);
    if (newDay) items.push({ kind: 'day', key: `d${m.seq}`, at: m.createdAt });
    let unreadHere = false;
    if (!unreadPlaced && readMarkSeq > 0 && m.seq > readMarkSeq && m.senderId !== meId) {
      unreadPlaced = true;
      // The line only makes sense between read and unread messages, so not above the first one shown.
      if (prev) {
        items.push({ kind: 'unread', key: 'unread' });
        unreadHere = true;
      }
    }
    if (m.system) {
      items.push({ kind: 'system', key: `m${m.seq}`, message: m });
      continue;
    }
    const first =
      newDay || unreadHere || !prev || prev.system !== null || prev.senderId !== m.senderId || m.createdAt - prev.createdAt > RUN_GAP_MS;
    const last =
      !next ||
      next.system !== null ||
      next.senderId !== m.senderId ||
      !sameMinute(next.createdAt, m.createdAt) ||
      dayKey(next.createdAt) !== dayKey(m.createdAt);
    items.push({ kind: 'msg', key: `m${m.seq}`, message: m, first, last });
  }
  return items;
}
