import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { ClientFrame, Message, Room } from '../../server/protocol/index.ts';
import { socket } from '../src/state/connection.ts';
import {
  discard,
  ingest,
  mergeMessages,
  onAck,
  onSendError,
  onSocketLost,
  onSynced,
  requestSync,
  retry,
  sendMessage,
  flushQueue,
} from '../src/state/messages.ts';
import { unreadCount } from '../src/state/rooms.ts';
import { getState, initialState, setState } from '../src/state/store.ts';

// The client's bookkeeping without a browser: the socket is replaced by a recorder.

const ME = 1;
const PEER = 2;
const ROOM = 7;
let sent: ClientFrame[] = [];
let open = true;
socket.send = (frame: ClientFrame) => {
  if (!open) return false;
  sent.push(frame);
  return true;
};

const msg = (seq: number, senderId: number, body = `m${seq}`): Message => ({
  id: 100 + seq,
  roomId: ROOM,
  seq,
  senderId,
  body,
  createdAt: 1_700_000_000_000 + seq,
});

function room(lastSeq: number, myRead: number, peerRead: number): Room {
  return {
    id: ROOM,
    kind: 'dm',
    name: '',
    members: [
      { userId: ME, lastReadSeq: myRead },
      { userId: PEER, lastReadSeq: peerRead },
    ],
    lastSeq,
    lastMessage: null,
    unread: lastSeq - myRead,
    createdAt: 0,
  };
}

beforeEach(() => {
  sent = [];
  open = true;
  const me = { id: ME, name: '나', department: '', position: '', statusMessage: '', avatarColor: 0, role: 'member' as const, email: '', employeeNo: '1', status: 'active' as const, createdAt: 0 };
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

test('a sent message is pending until its ack, then sits in the timeline once', () => {
  sendMessage(ROOM, '안녕');
  const frame = sent[0];
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
  open = false;
  sendMessage(ROOM, '오프라인');
  assert.equal(pending()[0]?.status, 'queued');
  assert.equal(sent.length, 0);
  open = true;
  flushQueue();
  assert.equal(sent.length, 1);
  assert.equal(pending()[0]?.status, 'sent');
});

test('lost with the socket, then found in the resync: settled, not duplicated', () => {
  sendMessage(ROOM, '보냈을까?');
  onSocketLost();
  assert.equal(pending()[0]?.status, 'failed');
  assert.equal(pending()[0]?.uncertain, true);
  onSynced(ROOM, [msg(3, ME, '보냈을까?')], false);
  assert.deepEqual(pending(), []);
  assert.deepEqual(timelineSeqs(), [1, 2, 3]);
});

test('lost with the socket and not stored: stays failed; retry sends it under a new tempId', () => {
  sendMessage(ROOM, '다시');
  const firstId = (sent[0] as { tempId: string }).tempId;
  onSocketLost();
  onSynced(ROOM, [], false);
  assert.equal(pending()[0]?.status, 'failed');
  retry(pending()[0]!.tempId);
  const again = sent[1] as { tempId: string; body: string };
  assert.equal(again.body, '다시');
  assert.notEqual(again.tempId, firstId);
  onAck(firstId, msg(3, ME, '다시')); // a late ack for the first attempt settles nothing else
  assert.equal(pending().length, 1);
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

test('a gap in live messages asks the server for what is missing', () => {
  ingest(ROOM, [msg(5, PEER)]);
  const sync = sent.find((f) => f.type === 'sync');
  assert.deepEqual(sync, { type: 'sync', cursors: { [ROOM]: 2 } });
});

test('sync cursors: the newest seq held for open rooms, the known last seq for others', () => {
  setState({ rooms: { ...getState().rooms, 9: { ...room(40, 40, 40), id: 9 } } });
  requestSync();
  assert.deepEqual(sent.at(-1), { type: 'sync', cursors: { [ROOM]: 2, 9: 40 } });
});

test('a sync page marked more asks for the next page from its last seq', () => {
  onSynced(ROOM, [msg(3, PEER), msg(4, PEER)], true);
  assert.deepEqual(sent.at(-1), { type: 'sync', cursors: { [ROOM]: 4 } });
  assert.deepEqual(timelineSeqs(), [1, 2, 3, 4]);
  // Someone else's messages in a room I am not looking at count as unread.
  assert.equal(getState().rooms[ROOM]!.unread, 2);
});
