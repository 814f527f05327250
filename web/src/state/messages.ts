import type { Message } from '../../../server/protocol/index.ts';
import { api } from '../lib/api.ts';
import { errorText } from '../lib/error-text.ts';
import { deletedPatch } from './message-changes.ts';
import { cursorOf, syncRoom } from './feed.ts';
import { applyMessagesToRoom, applyRead, myCursor } from './rooms.ts';
import { send } from './socket-link.ts';
import { getState, setState, withKey, type PendingMessage, type State, type Timeline } from './store.ts';
import { stoppedTyping } from './typing.ts';
import { secret } from '../secret-gate.ts';
import { providePendingSends } from './pending-sends.ts';

// Message timelines per room, the optimistic send queue, and the reader's own read cursor.

export const PAGE_SIZE = 50;
/** A sent message with no ack after this long is shown as failed (with a retry button). */
export const ACK_TIMEOUT_MS = 15_000;

/**
 * Merges messages into a timeline (oldest first, one per seq): a new seq goes in its place, a seq
 * already held is replaced when the incoming copy is a later change (higher rev). Nothing is added
 * below `floor` (the oldest seq held while older history is not loaded: it would leave a hole).
 * Returns the same array when nothing changed.
 */
export function mergeMessages(list: readonly Message[], incoming: readonly Message[], floor = 0): readonly Message[] {
  const last = list.length ? list[list.length - 1]!.seq : 0;
  // The common case, a live message after the last one: no index needed.
  if (incoming.length === 1 && incoming[0]!.seq > last) return list.concat(incoming);
  const at = new Map(list.map((m, i) => [m.seq, i]));
  let out: Message[] | undefined;
  const fresh: Message[] = [];
  for (const m of incoming) {
    if (m.seq < floor) continue;
    const i = at.get(m.seq);
    if (i === undefined) {
      at.set(m.seq, -1);
      fresh.push(m);
    } else if (i >= 0 && m.rev > (out ?? list)[i]!.rev) {
      out ??= list.slice();
      out[i] = m;
    } else if (i < 0) {
      const j = fresh.findIndex((f) => f.seq === m.seq);
      if (m.rev > fresh[j]!.rev) fresh[j] = m;
    }
  }
  if (!fresh.length) return out ?? list;
  const merged = (out ?? list).concat(fresh);
  const sorted = fresh.every((m, i) => i === 0 || m.seq > fresh[i - 1]!.seq) && fresh[0]!.seq > last;
  if (!sorted) merged.sort((a, b) => a.seq - b.seq);
  return merged;
}

/** Where a timeline's window starts: nothing older may be added while older history is not loaded. */
function floorOf(tl: Timeline): number {
  return tl.hasMore && tl.messages.length ? tl.messages[0]!.seq : 0;
}

export function lastSeqOf(tl: Timeline | undefined): number {
  return tl?.messages.length ? tl.messages[tl.messages.length - 1]!.seq : 0;
}

/**
 * What of `messages` belongs in the timeline: all of it at the live end; in a window opened at an
 * older message (hasNewer), only what falls inside it — newer ones would follow a gap.
 */
export function insideWindow(tl: Timeline, messages: readonly Message[]): readonly Message[] {
  if (!tl.hasNewer) return messages;
  const last = lastSeqOf(tl);
  return messages.filter((m) => m.seq <= last);
}

function setTimeline(roomId: number, tl: Timeline): void {
  setState((s) => ({ timelines: withKey(s.timelines, roomId, tl) }));
}

/** First open of a room: its newest page over HTTP. Later updates come over the socket. */
export async function loadLatest(roomId: number): Promise<void> {
  if (getState().timelines[roomId]) return;
  const me = getState().me?.id ?? 0;
  const room = getState().rooms[roomId];
  const readMarkSeq = room ? myCursor(room, me) : 0;
  const cursor = cursorOf(roomId);
  const { messages, hasMore } = await api.history(roomId, undefined, PAGE_SIZE);
  // Frames may have arrived while the request was in flight.
  const existing = getState().timelines[roomId];
  if (existing?.hasNewer) return; // opened at a message meanwhile (state/jump.ts): keep that window
  const merged = existing ? mergeMessages(existing.messages, messages) : messages;
  setTimeline(roomId, { messages: merged, hasMore, loadingOlder: false, readMarkSeq });
  applyMessagesToRoom(roomId, messages.slice(-1));
  catchUpAfterPage(roomId, cursor, messages);
  markRead(roomId);
}

/**
 * Changes that arrived while a page was on its way found no timeline (or no place in it) to go
 * to, and the page may be older than they are: if the room moved meanwhile, what changed since is
 * synced. From the cursor before the request, or, for a room we had no cursor for, from the
 * newest change in the page.
 */
export function catchUpAfterPage(roomId: number, before: number | undefined, page: readonly Message[]): void {
  const now = cursorOf(roomId);
  if (now === undefined) return;
  const from = before ?? page.reduce((r, m) => Math.max(r, m.rev), 0);
  if (now > from) syncRoom(roomId, from);
}

/** Re-opening a room moves the "unread from here" line to where the reader left off. */
export function refreshReadMark(roomId: number): void {
  const s = getState();
  const tl = s.timelines[roomId];
  const room = s.rooms[roomId];
  if (!tl || !room || !s.me) return;
  const readMarkSeq = myCursor(room, s.me.id);
  if (readMarkSeq !== tl.readMarkSeq) setTimeline(roomId, { ...tl, readMarkSeq });
}

export async function loadOlder(roomId: number): Promise<void> {
  const tl = getState().timelines[roomId];
  if (!tl || !tl.hasMore || tl.loadingOlder) return;
  setTimeline(roomId, { ...tl, loadingOlder: true });
  try {
    const before = tl.messages[0]?.seq;
    const cursor = cursorOf(roomId);
    const { messages, hasMore } = await api.history(roomId, before, PAGE_SIZE);
    const cur = getState().timelines[roomId] ?? tl;
    setTimeline(roomId, { ...cur, messages: mergeMessages(cur.messages, messages), hasMore, loadingOlder: false });
    if (cursor !== undefined) catchUpAfterPage(roomId, cursor, messages);
  } catch (e) {
    const cur = getState().timelines[roomId] ?? tl;
    setTimeline(roomId, { ...cur, loadingOlder: false });
    throw e;
  }
}

/** Messages from any source (ack, live frame, sync reply): merged once per seq, the latest change kept. */
export function ingest(roomId: number, messages: readonly Message[]): void {
  if (!messages.length) return;
  const tl = getState().timelines[roomId];
  if (tl) {
    const merged = mergeMessages(tl.messages, insideWindow(tl, messages), floorOf(tl));
    if (merged !== tl.messages) setTimeline(roomId, { ...tl, messages: merged });
  }
  applyMessagesToRoom(roomId, messages);
  for (const m of messages) stoppedTyping(roomId, m.senderId);
  markRead(roomId);
}

/** The messages of a sync answer: each in its current state; deleted ones also leave the lists loaded earlier. */
export function applyChanged(roomId: number, messages: readonly Message[]): void {
  ingest(roomId, messages);
  for (const m of messages) if (m.deleted) applyDeleted(roomId, m.id);
}

// ---- sending ----

let tempCounter = 0;
const ackTimers = new Map<string, ReturnType<typeof setTimeout>>();

function newTempId(): string {
  tempCounter += 1;
  const rand = Math.random().toString(36).slice(2, 10);
  return `t${Date.now().toString(36)}-${tempCounter}-${rand}`;
}

function setPending(roomId: number, list: readonly PendingMessage[]): void {
  setState((s) => ({ pending: withKey(s.pending, roomId, list) }));
}

function updatePending(tempId: string, change: (p: PendingMessage) => PendingMessage | null): void {
  const all = getState().pending;
  for (const [key, list] of Object.entries(all)) {
    const i = list.findIndex((p) => p.tempId === tempId);
    if (i < 0) continue;
    const next = change(list[i]!);
    const copy = list.slice();
    if (next) copy[i] = next;
    else copy.splice(i, 1);
    setPending(Number(key), copy);
    return;
  }
}

function transmit(p: PendingMessage): void {
  const replyTo = p.replyTo ? { replyTo: p.replyTo.id } : {};
  const mentions = p.mentions?.length ? { mentions: p.mentions } : {};
  const mentionAll = p.mentionAll ? { mentionAll: true } : {};
  const frame = { type: 'send', tempId: p.tempId, roomId: p.roomId, body: p.body, ...replyTo, ...mentions, ...mentionAll } as const;
  if (getState().rooms[p.roomId]?.secret) void secret().then((m) => m.transmitSealed(frame, p, () => sent(p)));
  else if (send(frame)) sent(p); // otherwise stays queued
}

function sent(p: PendingMessage): void {
  updatePending(p.tempId, (x) => ({ ...x, status: 'sent', error: undefined }));
  const prev = ackTimers.get(p.tempId);
  if (prev) clearTimeout(prev);
  const timer = setTimeout(() => {
    ackTimers.delete(p.tempId);
    updatePending(p.tempId, (x) => (x.status === 'sent' ? { ...x, status: 'failed' } : x));
  }, ACK_TIMEOUT_MS);
  ackTimers.set(p.tempId, timer);
}

/** `extra`: who it mentions, and the quote of the message it answers. */
export function sendMessage(roomId: number, body: string, extra: Pick<PendingMessage, 'mentions' | 'mentionAll' | 'replyTo'> = {}): void {
  const p: PendingMessage = { tempId: newTempId(), roomId, body, status: 'queued', createdAt: Date.now(), ...extra };
  setPending(roomId, [...(getState().pending[roomId] ?? []), p]);
  transmit(p);
}

/**
 * Sends again under the same tempId. The server keeps one message per (sender, tempId), so if the
 * first attempt was stored after all, this only brings its ack back; nothing is doubled.
 */
export function retry(tempId: string): void {
  let found: PendingMessage | null = null;
  updatePending(tempId, (p) => {
    found = { ...p, status: 'queued', error: undefined };
    return found;
  });
  if (found) transmit(found);
}

export function discard(tempId: string): void {
  const t = ackTimers.get(tempId);
  if (t) clearTimeout(t);
  ackTimers.delete(tempId);
  updatePending(tempId, () => null);
}

export function onAck(tempId: string, message: Message): void {
  const t = ackTimers.get(tempId);
  if (t) clearTimeout(t);
  ackTimers.delete(tempId);
  updatePending(tempId, () => null);
  ingest(message.roomId, [message]);
}

export function onSendError(tempId: string, code: string, message?: { ko: string; en: string }): void {
  const t = ackTimers.get(tempId);
  if (t) clearTimeout(t);
  ackTimers.delete(tempId);
  updatePending(tempId, (p) => ({ ...p, status: 'failed', error: errorText(code, message) }));
}

/**
 * The socket dropped: what was on the wire may or may not have been stored. Either way it goes
 * back in the outbox and is re-sent with its own tempId once we are connected again.
 */
export function onSocketLost(): void {
  for (const t of ackTimers.values()) clearTimeout(t);
  ackTimers.clear();
  const all = getState().pending;
  const next: Record<number, readonly PendingMessage[]> = {};
  for (const [key, list] of Object.entries(all)) {
    next[Number(key)] = list.map((p) => (p.status === 'sent' ? { ...p, status: 'queued' } : p));
  }
  setState({ pending: next });
}

/**
 * Once the socket is back, send what was written while offline and what was never confirmed
 * (unacked, timed out). Refused messages (with a server error) wait for the user's retry.
 */
export function flushQueue(): void {
  for (const list of Object.values(getState().pending)) {
    for (const p of list) if (p.status === 'queued' || (p.status === 'failed' && !p.error)) transmit(p);
  }
}

// ---- deleting ----

/**
 * A deleted message keeps its place (and seq) and shows as deleted; its text, file, reactions and
 * quote are gone, replies quote it as deleted, and it is no longer the room's pin.
 */
export function applyDeleted(roomId: number, messageId: number): void {
  setState((s) => {
    const deletedMessages = new Set(s.deletedMessages).add(messageId);
    const patch: Partial<State> = { deletedMessages, ...deletedPatch(s, roomId, messageId) };
    const box = s.lightbox;
    if (box && box.roomId === roomId && box.items.some((it) => it.messageId === messageId)) {
      const items = box.items.filter((it) => it.messageId !== messageId);
      patch.lightbox = items.length ? { ...box, items, index: Math.min(box.index, items.length - 1) } : null;
    }
    return patch;
  });
}

export async function deleteMessage(message: Message): Promise<void> {
  await api.deleteMessage(message.id);
  applyDeleted(message.roomId, message.id);
}

// ---- reading ----

/** The admin and profile pages cover the chat, so nothing is read behind them. */
export function chatVisible(view: State['view']): boolean {
  return view === 'chats' || view === 'people' || view === 'search';
}

const sentRead = new Map<number, number>();

/** Advances my read cursor when the room is open and the page visible. */
export function markRead(roomId: number): void {
  const s = getState();
  if (s.activeRoomId !== roomId || !chatVisible(s.view)) return;
  if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return;
  const tl = s.timelines[roomId];
  const room = s.rooms[roomId];
  if (!tl || !room || !s.me) return;
  const seq = lastSeqOf(tl);
  const sent = sentRead.get(roomId);
  if (seq === 0 || (sent !== undefined && seq <= sent)) return;
  // Once per connection we send even when our copy says "read": an optimistic cursor whose frame
  // was lost in a disconnect would otherwise never reach the server.
  if (sent !== undefined && seq <= myCursor(room, s.me.id)) return;
  if (!send({ type: 'read', roomId, seq })) return;
  sentRead.set(roomId, seq);
  applyRead(roomId, s.me.id, seq);
}

export function resetReadMarks(): void {
  sentRead.clear();
}

providePendingSends({ onSendError, retry });
