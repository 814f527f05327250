import type { Message, Reaction, ReplyQuote } from '../../../server/protocol/index.ts';
import { secret } from '../secret-gate.ts';
import { quoteOf } from '../../../server/protocol/excerpt.ts';
import { DELETE_WINDOW_MS } from '../../../server/protocol/limits.ts';
import { errorText } from '../lib/error-text.ts';
import { tm } from '../lib/i18n-messages.ts';
import { send } from './socket-link.ts';
import { getState, setState, withKey, withoutKey, type PendingMessage, type State } from './store.ts';
import { showToast } from './toast.ts';

// What happens to a message after it is sent, on this side: edits and reactions (mine, sent over
// the socket, and everyone's, applied from live frames), the reply being written, and the rules for
// who may do what. Frames are applied by message id, idempotently: one older than the copy we hold
// (by rev) changes nothing, and a reply's quote is refreshed whenever its original changes.

/** How a change rewrites a message we hold, and the quotes of it in replies. */
export interface HeldChange {
  message?: (m: Message) => Message;
  quote?: (q: ReplyQuote) => ReplyQuote;
  /** The message goes from the room's pin (it was deleted). */
  unpin?: boolean;
}

function mapIds(list: readonly Message[], id: number, change: HeldChange): readonly Message[] {
  let changed = false;
  const out = list.map((m) => {
    let next = m.id === id && change.message ? change.message(m) : m;
    if (next.replyTo?.id === id && change.quote) next = { ...next, replyTo: change.quote(next.replyTo) };
    if (next !== m) changed = true;
    return next;
  });
  return changed ? out : list;
}

function one(m: Message | null | undefined, id: number, change: HeldChange): Message | null {
  if (!m) return m ?? null;
  return mapIds([m], id, change)[0]!;
}

/** The state patch that applies `change` to message `id` of a room wherever this client holds it. */
export function changeHeld(s: State, roomId: number, id: number, change: HeldChange): Partial<State> {
  const patch: Partial<State> = {};
  const tl = s.timelines[roomId];
  if (tl) {
    const messages = mapIds(tl.messages, id, change);
    if (messages !== tl.messages) patch.timelines = withKey(s.timelines, roomId, { ...tl, messages });
  }
  const room = s.rooms[roomId];
  if (room) {
    const lastMessage = one(room.lastMessage, id, change);
    let pinned = room.pinned;
    if (pinned && change.unpin && pinned.message.id === id) pinned = null;
    else if (pinned) {
      const message = one(pinned.message, id, change)!;
      if (message !== pinned.message) pinned = { ...pinned, message };
    }
    if (lastMessage !== room.lastMessage || pinned !== room.pinned) patch.rooms = withKey(s.rooms, roomId, { ...room, lastMessage, pinned });
  }
  const pending = s.pending[roomId];
  if (pending?.some((p) => p.replyTo?.id === id) && change.quote) {
    const quoted = (p: PendingMessage) => (p.replyTo?.id === id ? { ...p, replyTo: change.quote!(p.replyTo) } : p);
    patch.pending = withKey(s.pending, roomId, pending.map(quoted));
  }
  const draft = s.replyingTo[roomId];
  if (draft?.id === id && change.message) patch.replyingTo = withKey(s.replyingTo, roomId, change.message(draft));
  return patch;
}

/** Whether a frame's state of a message (by its rev) is not older than the copy we hold. */
function fresh(s: State, roomId: number, id: number, rev: number): boolean {
  const held = s.timelines[roomId]?.messages.find((m) => m.id === id) ?? (s.rooms[roomId]?.lastMessage?.id === id ? s.rooms[roomId]!.lastMessage : null);
  return !held || held.rev <= rev;
}

/** An `edited` frame: the whole message as it is now; replies quoting it quote the new text. */
export function applyEdited(message: Message): void {
  setState((s) => {
    if (!fresh(s, message.roomId, message.id, message.rev)) return {};
    const patch = changeHeld(s, message.roomId, message.id, { message: () => message, quote: () => quoteOf(message) });
    if (s.editing?.id === message.id) patch.editing = null; // my edit (or one from my other device) landed
    return patch;
  });
}

/** A `reacted` frame: the message's whole reaction list now. */
export function applyReacted(roomId: number, messageId: number, rev: number, reactions: Reaction[]): void {
  setState((s) => (fresh(s, roomId, messageId, rev) ? changeHeld(s, roomId, messageId, { message: (m) => ({ ...m, reactions, rev }) }) : {}));
}

/** What a deletion does to the copies we hold: a tombstone, "deleted" quotes, no pin, no draft on it. */
export function deletedPatch(s: State, roomId: number, messageId: number): Partial<State> {
  const patch = changeHeld(s, roomId, messageId, {
    message: (m) => (m.deleted ? m : { ...m, deleted: true, body: '', file: null, replyTo: null, editedAt: null, reactions: [], mentions: [], mentionAll: false }),
    quote: (q) => ({ ...q, excerpt: '', file: null, deleted: true }),
    unpin: true,
  });
  if (s.replyingTo[roomId]?.id === messageId) patch.replyingTo = withoutKey(s.replyingTo, roomId);
  if (s.editing?.id === messageId) patch.editing = null;
  return patch;
}

// ---- who may do what ----

export function canEdit(m: Message, meId: number): boolean {
  return m.senderId === meId && !m.deleted && !m.file && !m.system;
}

/** Own messages within 24 hours; an admin, any message of a room they are in (the server decides in the end). */
export function canDeleteForEveryone(m: Message, me: { id: number; role: string } | null, now = Date.now()): boolean {
  if (!me || m.deleted || m.system) return false;
  return me.role === 'admin' || (m.senderId === me.id && now - m.createdAt <= DELETE_WINDOW_MS);
}

export function hasReacted(m: Message, emoji: string, meId: number): boolean {
  return m.reactions.some((r) => r.emoji === emoji && r.userIds.includes(meId));
}

/** The reactions with mine for `emoji` added or taken away (what the server will answer). */
export function toggledReactions(reactions: readonly Reaction[], emoji: string, meId: number, on: boolean): Reaction[] {
  const out = reactions.map((r) => (r.emoji === emoji ? { ...r, userIds: r.userIds.filter((u) => u !== meId).concat(on ? [meId] : []) } : r));
  if (on && !out.some((r) => r.emoji === emoji)) out.push({ emoji, userIds: [meId] });
  return out.filter((r) => r.userIds.length > 0);
}

// ---- my own changes, over the socket ----

let counter = 0;
/** tempIds of my edit and react frames in flight, with how to undo an optimistic change. */
const inFlight = new Map<string, () => void>();

type ChangeFrame =
  | { type: 'edit'; messageId: number; body: string; mentions?: number[]; mentionAll?: boolean }
  | { type: 'react'; messageId: number; emoji: string; on: boolean };

function sendChange(frame: ChangeFrame, undo: () => void = () => undefined): boolean {
  const tempId = `c${Date.now().toString(36)}-${++counter}`;
  if (!send({ ...frame, tempId })) {
    showToast(tm.notConnected, 'error');
    return false;
  }
  inFlight.set(tempId, undo);
  // The answer is a broadcast, not an ack: forget the id after a while (errors come fast).
  setTimeout(() => inFlight.delete(tempId), 30_000);
  return true;
}

/** An `error` frame: if it answers one of my edits or reactions, say so (and undo); false if not mine. */
export function onChangeError(tempId: string, code: string, message?: { ko: string; en: string }): boolean {
  const undo = inFlight.get(tempId);
  if (!undo) return false;
  inFlight.delete(tempId);
  undo();
  showToast(errorText(code, message), 'error');
  return true;
}

export function toggleReaction(m: Message, emoji: string): void {
  const me = getState().me?.id;
  if (me === undefined || m.deleted) return;
  const on = !hasReacted(m, emoji, me);
  const before = m.reactions;
  // Shown at once; the server's `reacted` frame (or nothing, if it was already so) confirms it.
  const set = (reactions: Reaction[]) => setState((s) => changeHeld(s, m.roomId, m.id, { message: (x) => ({ ...x, reactions }) }));
  if (sendChange({ type: 'react', messageId: m.id, emoji, on }, () => set([...before]))) set(toggledReactions(before, emoji, me, on));
}

export function startReply(m: Message): void {
  setState((s) => ({ replyingTo: withKey(s.replyingTo, m.roomId, m), editing: s.editing?.roomId === m.roomId ? null : s.editing }));
}

export function cancelReply(roomId: number): void {
  setState((s) => (s.replyingTo[roomId] ? { replyingTo: withoutKey(s.replyingTo, roomId) } : {}));
}

export function startEdit(m: Message): void {
  setState((s) => ({ editing: m, replyingTo: withoutKey(s.replyingTo, m.roomId) }));
}

export function cancelEdit(): void {
  if (getState().editing) setState({ editing: null });
}

/**
 * Sends the new text with whom it mentions now (replacing the old mentions); the composer leaves
 * edit mode when the `edited` frame comes back.
 */
export function saveEdit(m: Message, body: string, who?: { mentions: number[]; mentionAll: boolean }): boolean {
  if (body === m.body) {
    cancelEdit();
    return true;
  }
  if (m.cipher) return void secret().then((x) => x.editSealed({ type: 'edit', messageId: m.id, body, ...(who ?? {}) }, m)), true;
  return sendChange({ type: 'edit', messageId: m.id, body, ...(who ?? {}) });
}
