import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { ClientFrame, Message } from '../../server/protocol/index.ts';
import { DELETE_WINDOW_MS } from '../../server/protocol/limits.ts';
import { socket } from '../src/state/socket-link.ts';
import { dispatchFrame } from '../src/state/frame-dispatch.ts';
import {
  canDeleteForEveryone,
  canEdit,
  onChangeError,
  saveEdit,
  startEdit,
  startReply,
  toggleReaction,
  toggledReactions,
} from '../src/state/message-changes.ts';
import { applyDeleted, onSocketLost, sendMessage } from '../src/state/messages.ts';
import { getState, initialState, setState } from '../src/state/store.ts';
import { aMessage, aRoom } from './fixtures.ts';
import { quoteOf } from '../../server/protocol/excerpt.ts';

// Edits, reactions, deletions and replies as the client applies them: by message id, idempotently,
// quotes refreshed, my own changes sent as frames (reactions shown at once, undone when refused).

const ME = 1;
const PEER = 2;
const ROOM = 7;
let sent: ClientFrame[] = [];
socket.send = (frame: ClientFrame) => {
  sent.push(frame);
  return true;
};

const original = aMessage({ id: 101, roomId: ROOM, seq: 1, senderId: PEER, body: '회의는 3시\n3층 회의실' });
const reply = aMessage({ id: 102, roomId: ROOM, seq: 2, senderId: ME, body: '네', replyTo: quoteOf(original) });
const held = (id: number) => getState().timelines[ROOM]!.messages.find((m) => m.id === id)!;

beforeEach(() => {
  sent = [];
  const me = { id: ME, name: '나', department: '', position: '', statusMessage: '', avatarColor: 0, avatarFileId: null, role: 'member' as const, email: '', employeeNo: '1', status: 'active' as const, createdAt: 0 };
  setState({
    ...initialState,
    screen: 'app',
    me,
    rooms: { [ROOM]: aRoom({ id: ROOM, kind: 'dm', lastSeq: 2, lastMessage: reply, pinned: { message: original, pinnedBy: PEER, pinnedAt: 1 } }) },
    timelines: { [ROOM]: { messages: [original, reply], hasMore: false, loadingOlder: false, readMarkSeq: 2 } },
  });
});

afterEach(() => onSocketLost());

test('an edited frame replaces the message and the quotes of it (timeline, last message, pin); an older one changes nothing', () => {
  const edited: Message = { ...original, body: '회의는 4시로 변경', editedAt: 5, rev: 9 };
  dispatchFrame({ type: 'edited', message: edited });
  assert.deepEqual(held(original.id), edited);
  assert.equal(held(reply.id).replyTo?.excerpt, '회의는 4시로 변경');
  assert.equal(getState().rooms[ROOM]!.lastMessage?.replyTo?.excerpt, '회의는 4시로 변경');
  assert.equal(getState().rooms[ROOM]!.pinned?.message.body, '회의는 4시로 변경');
  // A late frame from before (lower rev) does not undo it; the same frame again is harmless.
  dispatchFrame({ type: 'edited', message: { ...original, body: '옛날 글', editedAt: 4, rev: 8 } });
  dispatchFrame({ type: 'edited', message: edited });
  assert.equal(held(original.id).body, '회의는 4시로 변경');
  assert.equal(held(reply.id).replyTo?.excerpt, '회의는 4시로 변경');
});

test('a reacted frame sets the whole list; stale ones are ignored', () => {
  dispatchFrame({ type: 'reacted', roomId: ROOM, messageId: reply.id, rev: 10, reactions: [{ emoji: '👍', userIds: [PEER] }] });
  assert.deepEqual(held(reply.id).reactions, [{ emoji: '👍', userIds: [PEER] }]);
  assert.equal(held(reply.id).rev, 10);
  dispatchFrame({ type: 'reacted', roomId: ROOM, messageId: reply.id, rev: 9, reactions: [] });
  assert.equal(held(reply.id).reactions.length, 1);
  assert.deepEqual(getState().rooms[ROOM]!.lastMessage?.reactions, [{ emoji: '👍', userIds: [PEER] }]);
});

test('a deletion leaves a tombstone, quotes it as deleted, drops the pin and a reply being written to it', () => {
  startReply(original);
  assert.equal(getState().replyingTo[ROOM]?.id, original.id);
  applyDeleted(ROOM, original.id);
  const tomb = held(original.id);
  assert.deepEqual([tomb.deleted, tomb.body, tomb.reactions, tomb.replyTo, tomb.seq], [true, '', [], null, 1]);
  assert.deepEqual(held(reply.id).replyTo, { ...quoteOf(original), excerpt: '', deleted: true });
  assert.equal(getState().rooms[ROOM]!.pinned, null);
  assert.equal(getState().replyingTo[ROOM], undefined);
});

test('a reply sends replyTo and shows the quote while pending', () => {
  startReply(original);
  sendMessage(ROOM, '알겠습니다', { replyTo: quoteOf(getState().replyingTo[ROOM]!) });
  const frame = sent[0];
  assert.ok(frame?.type === 'send' && frame.replyTo === original.id);
  assert.equal(getState().pending[ROOM]![0]!.replyTo?.excerpt, '회의는 3시');
  // An edit of the original while it is pending refreshes the pending quote too.
  dispatchFrame({ type: 'edited', message: { ...original, body: '새 글', editedAt: 2, rev: 5 } });
  assert.equal(getState().pending[ROOM]![0]!.replyTo?.excerpt, '새 글');
});

test('a reaction of mine shows at once, goes as a react frame, and is undone when the server refuses it', () => {
  toggleReaction(held(reply.id), '❤️');
  assert.deepEqual(held(reply.id).reactions, [{ emoji: '❤️', userIds: [ME] }]);
  const frame = sent[0];
  assert.ok(frame?.type === 'react' && frame.on && frame.emoji === '❤️' && frame.messageId === reply.id && frame.tempId);
  assert.equal(onChangeError(frame.tempId!, 'MESSAGE_DELETED'), true);
  assert.deepEqual(held(reply.id).reactions, []);
  assert.equal(onChangeError('someone-elses-send', 'RATE_LIMITED'), false, 'not one of my changes: left to the send queue');
  // Toggling a reaction I made sends on: false.
  setState((s) => ({ timelines: { [ROOM]: { ...s.timelines[ROOM]!, messages: [original, { ...reply, reactions: [{ emoji: '👍', userIds: [PEER, ME] }] }] } } }));
  toggleReaction(held(reply.id), '👍');
  assert.ok(sent[1]?.type === 'react' && sent[1].on === false);
  assert.deepEqual(held(reply.id).reactions, [{ emoji: '👍', userIds: [PEER] }]);
});

test('edit mode: the edit frame, no frame for unchanged text, leaving when the edited frame lands', () => {
  startEdit(reply);
  assert.equal(getState().editing?.id, reply.id);
  saveEdit(reply, reply.body);
  assert.equal(sent.length, 0, 'nothing changed: nothing sent');
  assert.equal(getState().editing, null);
  startEdit(reply);
  saveEdit(reply, '네, 알겠습니다');
  assert.ok(sent[0]?.type === 'edit' && sent[0].body === '네, 알겠습니다' && sent[0].messageId === reply.id);
  assert.equal(getState().editing?.id, reply.id, 'still editing until the server confirms');
  dispatchFrame({ type: 'edited', message: { ...reply, body: '네, 알겠습니다', editedAt: 3, rev: 6 } });
  assert.equal(getState().editing, null);
});

test('who may edit and delete: own text only; own within 24 hours; admins any', () => {
  const now = original.createdAt + 1000;
  assert.equal(canEdit(reply, ME), true);
  assert.equal(canEdit(original, ME), false, "someone else's");
  assert.equal(canEdit({ ...reply, file: { id: 1, name: 'a.pdf', size: 1, mime: 'application/pdf', kind: 'file', width: null, height: null } }, ME), false);
  assert.equal(canEdit({ ...reply, deleted: true }, ME), false);
  const member = { id: ME, role: 'member' };
  assert.equal(canDeleteForEveryone(reply, member, now), true);
  assert.equal(canDeleteForEveryone(reply, member, reply.createdAt + DELETE_WINDOW_MS + 1), false, 'past the window');
  assert.equal(canDeleteForEveryone(original, member, now), false);
  assert.equal(canDeleteForEveryone(original, { id: ME, role: 'admin' }, original.createdAt + 10 * DELETE_WINDOW_MS), true);
  assert.equal(canDeleteForEveryone({ ...original, deleted: true }, { id: ME, role: 'admin' }, now), false);
});

test('toggledReactions adds to an emoji, starts a new one at the end, and drops an emptied one', () => {
  const list = [{ emoji: '👍', userIds: [PEER] }];
  assert.deepEqual(toggledReactions(list, '👍', ME, true), [{ emoji: '👍', userIds: [PEER, ME] }]);
  assert.deepEqual(toggledReactions(list, '😂', ME, true), [...list, { emoji: '😂', userIds: [ME] }]);
  assert.deepEqual(toggledReactions([{ emoji: '👍', userIds: [ME] }], '👍', ME, false), []);
  assert.deepEqual(list, [{ emoji: '👍', userIds: [PEER] }], 'the input is not changed');
});
