import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { ClientFrame, Message, Room, ServerFrame } from '../../server/protocol/index.ts';
import { cursorOf, feedLinkLost, knowRoom, noteRev, resetFeed, startCatchUp } from '../src/state/feed.ts';
import { dispatchFrame } from '../src/state/frame-dispatch.ts';
import { loadLatest, onSocketLost } from '../src/state/messages.ts';
import { getState, initialState, setState } from '../src/state/store.ts';
import { aMessage, aRoom, recordSends } from './fixtures.ts';

// The change feed in the client, without a browser: the rev kept per room, gaps, the catch-up
// after a reconnect and how its answers are applied. The socket is replaced by a recorder.

const ME = 1;
const PEER = 2;
const ROOM = 7;
const OTHER = 9;
const wire = recordSends();

// What leaving an open room touches of the page.
const page = { hash: '', pathname: '/', search: '' };
Object.assign(globalThis, { location: page, history: { replaceState: () => (page.hash = '') } });

/** Message `seq` of ROOM, whose last change took rev `rev`. */
const msg = (seq: number, rev = seq, fields: Partial<Message> = {}): Message => aMessage({ id: 100 + seq, roomId: ROOM, seq, senderId: PEER, rev, ...fields });

function room(id: number, rev: number, fields: Partial<Room> = {}): Room {
  return aRoom({ id, kind: 'group', name: `방 ${id}`, members: [{ userId: ME, lastReadSeq: 0 }, { userId: PEER, lastReadSeq: 0 }], lastSeq: 3, rev, ...fields });
}

const synced = (roomId: number, r: Room, messages: Message[], more = false, continues?: boolean): ServerFrame => ({
  type: 'synced',
  roomId,
  room: r,
  messages,
  more,
  ...(continues ? { continues } : {}),
});

const syncs = () => wire.sent.filter((f): f is Extract<ClientFrame, { type: 'sync' }> => f.type === 'sync');
const held = () => getState().timelines[ROOM]!.messages;

beforeEach(() => {
  wire.sent = [];
  wire.open = true;
  page.hash = '';
  resetFeed();
  const me = { id: ME, name: '나', department: '', position: '', statusMessage: '', avatarColor: 0, avatarFileId: null, role: 'member' as const, email: '', employeeNo: '1', status: 'active' as const, createdAt: 0 };
  setState({
    ...initialState,
    screen: 'app',
    me,
    rooms: { [ROOM]: room(ROOM, 10), [OTHER]: room(OTHER, 4) },
    // ROOM's newest three messages are held; older history exists.
    timelines: { [ROOM]: { messages: [msg(1), msg(2), msg(3)], hasMore: true, loadingOlder: false, readMarkSeq: 3 } },
  });
  knowRoom(ROOM, 10);
  knowRoom(OTHER, 4);
  startCatchUp(() => {});
  dispatchFrame({ type: 'sync-done' });
  wire.sent = [];
});

afterEach(() => {
  onSocketLost();
  resetFeed();
});

test('a live rev one past the cursor advances it; an old one is applied but moves nothing', () => {
  dispatchFrame({ type: 'message', message: msg(4, 11) });
  assert.equal(cursorOf(ROOM), 11);
  dispatchFrame({ type: 'read', roomId: ROOM, userId: PEER, seq: 4, rev: 12 });
  assert.equal(cursorOf(ROOM), 12);
  assert.equal(getState().rooms[ROOM]!.members.find((m) => m.userId === PEER)?.lastReadSeq, 4);
  dispatchFrame({ type: 'message', message: msg(4, 11) });
  assert.equal(cursorOf(ROOM), 12, 'an old frame again');
  assert.deepEqual(held().map((m) => m.seq), [1, 2, 3, 4], 'applied once');
  assert.deepEqual(syncs(), []);
});

test('a gap asks for that room from its cursor, once, and the answer closes it', () => {
  assert.equal(noteRev(ROOM, 13), true, 'rev 13 after 10: 11 and 12 were missed');
  assert.deepEqual(syncs(), [{ type: 'sync', cursors: { [ROOM]: 10 }, only: true }]);
  dispatchFrame({ type: 'deleted', roomId: ROOM, messageId: 102, rev: 14 });
  assert.equal(syncs().length, 1, 'a second gap while the sync is on its way asks nothing more');
  assert.equal(held()[1]!.deleted, true, 'but the frame is applied');
  dispatchFrame(synced(ROOM, room(ROOM, 14), [msg(4, 11), msg(5, 12), msg(2, 14, { deleted: true, body: '' })]));
  dispatchFrame({ type: 'sync-done' });
  assert.equal(cursorOf(ROOM), 14);
  assert.equal(syncs().length, 1, 'nothing seen beyond the answer: no further sync');
  assert.deepEqual(held().map((m) => [m.seq, m.rev]), [[1, 1], [2, 14], [3, 3], [4, 11], [5, 12]]);
  assert.equal(noteRev(OTHER, 5), false, 'another room, its next rev');
});

test('after a reconnect one sync carries every room and its rev; answers replace messages whole, in place, and the room', () => {
  feedLinkLost();
  assert.equal(noteRev(ROOM, 20), true);
  assert.deepEqual(syncs(), [], 'while the link is down nothing is asked: the catch-up will cover it');
  let caughtUp = 0;
  startCatchUp(() => caughtUp++);
  assert.deepEqual(syncs(), [{ type: 'sync', cursors: { [ROOM]: 10, [OTHER]: 4 } }]);

  const edited = msg(1, 15, { body: '고친 글', editedAt: 1 });
  const reacted = msg(3, 16, { reactions: [{ emoji: '👍', userIds: [PEER] }] });
  const renamed = room(ROOM, 18, { name: '새 이름', lastSeq: 4 });
  dispatchFrame(synced(ROOM, renamed, [edited, reacted, msg(0, 17), msg(4, 18)]));
  assert.deepEqual(held(), [edited, msg(2), reacted, msg(4, 18)], 'each held message replaced by its current state; seq 0 is below the window and waits for scrolling up');
  assert.equal(getState().rooms[ROOM]!.name, '새 이름');
  assert.equal(cursorOf(ROOM), 18);
  assert.equal(caughtUp, 0, 'not caught up before sync-done');
  dispatchFrame({ type: 'sync-done' });
  assert.equal(caughtUp, 1);
  assert.equal(cursorOf(OTHER), 4, 'a room with nothing new keeps its rev');
  assert.equal(syncs().length, 1);
});

test('more: the next sync of that room from the last rev; continues: nothing asked until the rev is complete', () => {
  feedLinkLost();
  startCatchUp(() => {});
  wire.sent = [];
  dispatchFrame(synced(ROOM, room(ROOM, 40), [msg(4, 11), msg(5, 12)], true));
  assert.equal(cursorOf(ROOM), 12);
  assert.deepEqual(syncs(), [{ type: 'sync', cursors: { [ROOM]: 12 }, only: true }]);
  // One operation too big for a frame (an edit quoted by many replies): its frames come by themselves.
  dispatchFrame(synced(ROOM, room(ROOM, 40), [msg(6, 30), msg(7, 30)], true, true));
  assert.equal(cursorOf(ROOM), 12, 'rev 30 is not complete yet');
  assert.equal(syncs().length, 1);
  dispatchFrame(synced(ROOM, room(ROOM, 40), [msg(8, 30), msg(9, 35)], true));
  assert.deepEqual(syncs().at(-1), { type: 'sync', cursors: { [ROOM]: 35 }, only: true });
  dispatchFrame({ type: 'sync-done' });
  dispatchFrame(synced(ROOM, room(ROOM, 40), [msg(10, 40)]));
  assert.equal(cursorOf(ROOM), 40);
  assert.deepEqual(held().map((m) => m.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

test('live revs beyond the answer while catching up: the room is synced once more from where the answer left it', () => {
  feedLinkLost();
  startCatchUp(() => {});
  wire.sent = [];
  // The server read the room at rev 12; rev 13 happened after and reached us before the answer.
  dispatchFrame({ type: 'message', message: msg(6, 13) });
  assert.equal(syncs().length, 0, 'no second sync while the first is on its way');
  dispatchFrame(synced(ROOM, room(ROOM, 12), [msg(4, 11), msg(5, 12)]));
  assert.equal(cursorOf(ROOM), 12);
  assert.deepEqual(syncs().at(-1), { type: 'sync', cursors: { [ROOM]: 12 }, only: true });
});

test('rooms joined meanwhile arrive with their view; removed ones leave, and an open one goes back to the list with a notice', () => {
  setState({ activeRoomId: ROOM });
  page.hash = `#/room/${ROOM}`;
  feedLinkLost();
  startCatchUp(() => {});
  dispatchFrame(synced(12, room(12, 3, { name: '새로 초대된 방' }), []));
  dispatchFrame({ type: 'removed', roomId: ROOM });
  dispatchFrame({ type: 'sync-done' });
  const s = getState();
  assert.deepEqual(Object.keys(s.rooms).map(Number).sort((a, b) => a - b), [OTHER, 12]);
  assert.equal(cursorOf(12), 3);
  assert.equal(s.timelines[12], undefined, 'its history is loaded when it is opened');
  assert.equal(s.timelines[ROOM], undefined);
  assert.equal(cursorOf(ROOM), undefined);
  assert.equal(s.activeRoomId, null);
  assert.equal(page.hash, '');
  assert.match(s.toast?.text ?? '', /멤버가 아니|no longer a member/);
  startCatchUp(() => {});
  assert.deepEqual(syncs().at(-1), { type: 'sync', cursors: { [OTHER]: 4, 12: 3 } }, 'the next catch-up knows the new room and not the old one');
});

test('opening a room whose page raced live changes syncs what changed since the request', async () => {
  setState({ timelines: {} });
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async () => {
    // While the page is on its way, a reaction (rev 11) arrives for a message the page has in its old state.
    dispatchFrame({ type: 'reacted', roomId: ROOM, messageId: 102, rev: 11, reactions: [{ emoji: '😀', userIds: [PEER] }] });
    return new Response(JSON.stringify({ messages: [msg(1), msg(2), msg(3)], hasMore: false }), { status: 200 });
  }) as typeof fetch;
  try {
    await loadLatest(ROOM);
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.equal(cursorOf(ROOM), 11);
  assert.deepEqual(syncs().at(-1), { type: 'sync', cursors: { [ROOM]: 10 }, only: true });
});

test('a catch-up that gets no answer at all (its sync refused) is sent again', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.now() });
  feedLinkLost();
  startCatchUp(() => {});
  assert.equal(syncs().length, 1);
  t.mock.timers.tick(10_000);
  dispatchFrame(synced(OTHER, room(OTHER, 5), []));
  t.mock.timers.tick(15_000);
  assert.equal(syncs().length, 1, 'answers are coming: wait');
  t.mock.timers.tick(20_000);
  assert.equal(syncs().length, 2, 'silent for 20 s: asked again');
  assert.equal(syncs()[1]!.only, undefined);
  dispatchFrame({ type: 'sync-done' });
  t.mock.timers.tick(60_000);
  assert.equal(syncs().length, 2);
});
