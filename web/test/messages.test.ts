import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { Message, Room } from '../../server/protocol/index.ts';
import {
  applyChanged,
  applyDeleted,
  discard,
  ingest,
  mergeMessages,
  onAck,
  onSendError,
  onSocketLost,
  retry,
  sendMessage,
  flushQueue,
} from '../src/state/messages.ts';
import { unreadCount } from '../src/state/rooms.ts';
import { getState, initialState, setState } from '../src/state/store.ts';
import { aMessage, aRoom, recordSends } from './fixtures.ts';

// The client's bookkeeping without a browser: the socket is replaced by a recorder.

const ME = 1;
const PEER = 2;
const ROOM = 7;
const wire = recordSends();

const msg = (seq: number, senderId: number, body = `m${seq}`): Message => aMessage({ id: 100 + seq, roomId: ROOM, seq, senderId, body });

function room(lastSeq: number, myRead: number, peerRead: number): Room {
  return aRoom({
    id: ROOM,
    kind: 'dm',
    members: [
      { userId: ME, lastReadSeq: myRead },
      { userId: PEER, lastReadSeq: peerRead },
    ],
    lastSeq,
    unread: lastSeq - myRead,
    createdAt: 0,
  });
}

beforeEach(() => {
  wire.sent = [];
  wire.open = true;
  const me = { id: ME, name: '나', department: '', position: '', statusMessage: '', avatarColor: 0, avatarFileId: null, role: 'member' as const, email: '', employeeNo: '1', status: 'active' as const, createdAt: 0 };
  setState({
    ...initialState,
    screen: 'app',
    me,
    rooms: { [ROOM]: room(2, 2, 2) },
    timelines: { [ROOM]: { messages: [msg(1, PEER), msg(2, ME)], hasMore: false, loadingOlder: false, readMarkSeq: 2 } },
  });
});

// Drops the ack timers so the process can exit at once.
afterEach(() => onSocketLost());

const timelineSeqs = () => getState().timelines[ROOM]!.messages.map((m) => m.seq);
const pending = () => getState().pending[ROOM] ?? [];

test('mergeMessages keeps one copy per seq, in order, and reuses the array when nothing is new', () => {
  const list = [msg(1, 1), msg(3, 1)];
  assert.equal(mergeMessages(list, [msg(3, 1)]), list);
  assert.deepEqual(
    mergeMessages(list, [msg(2, 1), msg(4, 1), msg(3, 1)]).map((m) => m.seq),
    [1, 2, 3, 4],
  );
});

test('mergeMessages replaces a message by a later change of it, never by an older copy, and adds nothing below the floor', () => {
  const list = [msg(1, 1), msg(3, 1)];
  const edited = { ...msg(3, 1, '고침'), rev: 9, editedAt: 5 };
  const merged = mergeMessages(list, [edited]);
  assert.deepEqual(merged.map((m) => [m.seq, m.body, m.rev]), [[1, 'm1', 1], [3, '고침', 9]]);
  assert.equal(mergeMessages(merged, [msg(3, 1)]), merged, 'a stale copy (an HTTP page older than the frame) changes nothing');
  assert.deepEqual(mergeMessages(list, [msg(0, 1), msg(2, 1)], 1).map((m) => m.seq), [1, 2, 3], 'seq 0 is below the window');
});

test('a sent message is pending until its ack, then sits in the timeline once', () => {
  sendMessage(ROOM, '안녕');
  const frame = wire.sent[0];
  assert.ok(frame?.type === 'send' && frame.body === '안녕');
  assert.equal(pending()[0]?.status, 'sent');
  onAck(frame.tempId, msg(3, ME, '안녕'));
  assert.deepEqual(pending(), []);
  ingest(ROOM, [msg(3, ME, '안녕')]); // the same message again, e.g. from a sync
  assert.deepEqual(timelineSeqs(), [1, 2, 3]);
  // My cursor moved with my own message; the peer has not read it.
  const r = getState().rooms[ROOM]!;
  assert.equal(unreadCount(r, 3), 1);
  assert.equal(r.unread, 0);
});

test('written while offline: queued, then sent by flushQueue after reconnecting', () => {
  wire.open = false;
  sendMessage(ROOM, '오프라인');
  assert.equal(pending()[0]?.status, 'queued');
  assert.equal(wire.sent.length, 0);
  wire.open = true;
  flushQueue();
  assert.equal(wire.sent.length, 1);
  assert.equal(pending()[0]?.status, 'sent');
});

test('lost with the socket: back in the outbox, re-sent under the same tempId, settled once by its ack', () => {
  sendMessage(ROOM, '보냈을까?');
  const firstId = (wire.sent[0] as { tempId: string }).tempId;
  onSocketLost();
  // Not "failed": it may well have been stored, and the reconnect sends it again by itself.
  assert.equal(pending()[0]?.status, 'queued');
  flushQueue();
  const again = wire.sent[1] as { type: string; tempId: string; body: string };
  assert.equal(again.type, 'send');
  assert.equal(again.tempId, firstId, 'the server deduplicates on (sender, tempId)');
  // The server had stored the first attempt: it answers with the original message.
  onAck(firstId, msg(3, ME, '보냈을까?'));
  applyChanged(ROOM, [msg(3, ME, '보냈을까?')]);
  assert.deepEqual(pending(), []);
  assert.deepEqual(timelineSeqs(), [1, 2, 3]);
});

test('a message with the same text as mine from the sync does not settle my unsent one', () => {
  sendMessage(ROOM, 'ㅇㅋ');
  onSocketLost();
  // Another device of mine sent the same two letters; only the tempId's ack may settle this one.
  applyChanged(ROOM, [msg(3, ME, 'ㅇㅋ')]);
  assert.equal(pending().length, 1);
  assert.deepEqual(timelineSeqs(), [1, 2, 3]);
});

test('retry re-sends under the same tempId, so a late ack of the first attempt settles it', () => {
  sendMessage(ROOM, '다시');
  const firstId = (wire.sent[0] as { tempId: string }).tempId;
  onSendError(firstId, 'RATE_LIMITED');
  assert.equal(pending()[0]?.status, 'failed');
  retry(firstId);
  const again = wire.sent[1] as { tempId: string; body: string };
  assert.equal(again.body, '다시');
  assert.equal(again.tempId, firstId);
  assert.equal(pending()[0]?.status, 'sent');
  onAck(firstId, msg(3, ME, '다시'));
  assert.deepEqual(pending(), []);
});

test('flushQueue re-sends unconfirmed messages but leaves refused ones to the user', () => {
  sendMessage(ROOM, '거절됨');
  onSendError(pending()[0]!.tempId, 'MESSAGE_TOO_LONG');
  wire.open = false;
  sendMessage(ROOM, '대기 중');
  wire.open = true;
  wire.sent = [];
  flushQueue();
  assert.deepEqual(
    wire.sent.map((f) => (f as { body: string }).body),
    ['대기 중'],
  );
});

test('a deleted message keeps its place, loses its text and file, and updates the preview', () => {
  const withFile: Message = {
    ...msg(3, ME, '설명'),
    file: { id: 9, name: '보고서.pdf', size: 1234, mime: 'application/pdf', kind: 'file', width: null, height: null },
  };
  ingest(ROOM, [withFile]);
  applyDeleted(ROOM, withFile.id);
  const shown = getState().timelines[ROOM]!.messages.find((m) => m.seq === 3)!;
  assert.equal(shown.deleted, true);
  assert.equal(shown.body, '');
  assert.equal(shown.file, null);
  assert.deepEqual(timelineSeqs(), [1, 2, 3]);
  assert.equal(getState().rooms[ROOM]!.lastMessage?.deleted, true);
  assert.ok(getState().deletedMessages.has(withFile.id));
});

test('a refused send shows the catalogue message and can be discarded', () => {
  sendMessage(ROOM, 'x');
  const id = pending()[0]!.tempId;
  onSendError(id, 'MESSAGE_TOO_LONG');
  assert.equal(pending()[0]?.status, 'failed');
  assert.match(pending()[0]?.error ?? '', /너무 깁니다|too long/);
  discard(id);
  assert.deepEqual(pending(), []);
});

test('a send refused for a full disk shows what the catalogue says, not a generic error, and can be retried', async () => {
  const { ERRORS } = await import('../../server/protocol/errors.ts');
  const { lang } = await import('../src/lib/i18n.ts');
  sendMessage(ROOM, '공간');
  const id = pending()[0]!.tempId;
  // Even without the text in the frame (an older server), the code alone finds it.
  onSendError(id, 'DISK_FULL');
  assert.equal(pending()[0]?.status, 'failed');
  assert.equal(pending()[0]?.error, ERRORS.DISK_FULL[lang]);
  assert.notEqual(pending()[0]?.error, ERRORS.INTERNAL[lang]);
  retry(id);
  assert.equal(pending()[0]?.status, 'sent');
});
