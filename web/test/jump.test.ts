import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { ClientFrame, Message, Room } from '../../server/protocol/index.ts';
import { socket } from '../src/state/socket-link.ts';
import { ingest } from '../src/state/messages.ts';
import { backToLatest, jumpToMessage, loadNewer } from '../src/state/jump.ts';
import { getState, initialState, setState } from '../src/state/store.ts';
import { aMessage, aRoom } from './fixtures.ts';

// Opening a room at a message without a browser: fetch answers from a fake room of 300 messages,
// the socket is a recorder, and the URL hash a plain object.

const ME = 1;
const PEER = 2;
const ROOM = 7;
const LAST = 300;
let sent: ClientFrame[] = [];
let asked: string[] = [];
socket.send = (frame: ClientFrame) => {
  sent.push(frame);
  return true;
};
const g = globalThis as unknown as Record<string, unknown>;
g.location = { hash: '', pathname: '/', search: '' };
g.history = { replaceState() {}, back() {} };

const msg = (seq: number): Message => aMessage({ id: 1000 + seq, roomId: ROOM, seq, senderId: PEER });
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => msg(from + i));

/** The history route over seqs 1…LAST, as the server answers it. */
function history(url: URL) {
  const q = url.searchParams;
  const limit = Number(q.get('limit') ?? 50);
  let from: number;
  if (q.has('around')) from = Math.max(1, Math.min(Number(q.get('around')), LAST) - Math.floor(limit / 2));
  else if (q.has('after')) from = Number(q.get('after')) + 1;
  else if (q.has('before')) from = Math.max(1, Number(q.get('before')) - limit);
  else from = Math.max(1, LAST - limit + 1);
  const to = Math.min(LAST, from + limit - 1, q.has('before') ? Number(q.get('before')) - 1 : LAST);
  return { messages: range(from, to), hasMore: from > 1, hasNewer: to < LAST };
}

const realFetch = globalThis.fetch;
const room = (lastSeq: number): Room =>
  aRoom({
    id: ROOM,
    kind: 'dm',
    members: [
      { userId: ME, lastReadSeq: 250 },
      { userId: PEER, lastReadSeq: lastSeq },
    ],
    lastSeq,
    unread: lastSeq - 250,
  });

beforeEach(() => {
  sent = [];
  asked = [];
  const me = { id: ME, name: '나', department: '', position: '', statusMessage: '', avatarColor: 0, avatarFileId: null, role: 'member' as const, email: '', employeeNo: '1', status: 'active' as const, createdAt: 0 };
  setState({ ...initialState, screen: 'app', me, rooms: { [ROOM]: room(LAST) } });
  globalThis.fetch = (async (input: string) => {
    const url = new URL(input, 'http://sotong.test');
    asked.push(url.pathname + url.search);
    return new Response(JSON.stringify(history(url)), { status: 200 });
  }) as typeof fetch;
});

afterEach(() => {
  globalThis.fetch = realFetch;
});

const tl = () => getState().timelines[ROOM]!;
const seqs = () => tl().messages.map((m) => m.seq);

test('a message far back opens as a window around it, flashed, in its room; a seq the room lacks is not found', async () => {
  assert.equal(await jumpToMessage(ROOM, 40), true);
  assert.deepEqual(asked, [`/api/rooms/${ROOM}/messages?around=40&limit=50`]);
  assert.deepEqual([seqs()[0], seqs().at(-1), tl().hasMore, tl().hasNewer], [15, 64, true, true]);
  assert.deepEqual([getState().highlight?.roomId, getState().highlight?.seq], [ROOM, 40]);
  assert.equal(getState().activeRoomId, ROOM);
  assert.equal(tl().readMarkSeq, 250, 'the unread line stays where I left off');
  assert.equal(await jumpToMessage(ROOM, LAST + 50), false);
});

test('a live message is not appended after the gap, but the room list learns of it', async () => {
  await jumpToMessage(ROOM, 40);
  ingest(ROOM, [msg(LAST + 1)]);
  assert.equal(seqs().at(-1), 64);
  assert.equal(getState().rooms[ROOM]!.lastSeq, LAST + 1);
  // What falls inside the window is still merged into it.
  setState({ timelines: { [ROOM]: { ...tl(), messages: tl().messages.filter((m) => m.seq !== 50) } } });
  ingest(ROOM, [msg(50), msg(LAST + 2)]);
  assert.ok(seqs().includes(50));
  assert.equal(seqs().at(-1), 64);
});

test('newer pages join the window to the live end, then a sync catches up', async () => {
  await jumpToMessage(ROOM, 40);
  for (let i = 0; i < 10 && tl().hasNewer; i++) await loadNewer(ROOM);
  assert.equal(tl().hasNewer, false);
  assert.deepEqual(seqs(), range(15, LAST).map((m) => m.seq), 'one run without gaps');
  assert.ok(asked.includes(`/api/rooms/${ROOM}/messages?after=64&limit=50`));
  ingest(ROOM, [msg(LAST + 1)]);
  assert.equal(seqs().at(-1), LAST + 1, 'joined: live messages append again');
});

test('a message already held is only flashed, and a page that touches the held run joins it', async () => {
  setState({ timelines: { [ROOM]: { messages: range(251, LAST), hasMore: true, loadingOlder: false, readMarkSeq: 250 } } });
  await jumpToMessage(ROOM, 280);
  assert.deepEqual(asked, [], 'nothing fetched');
  assert.equal(getState().highlight?.seq, 280);
  await jumpToMessage(ROOM, 230);
  assert.deepEqual([seqs()[0], seqs().at(-1), tl().hasNewer ?? false], [205, LAST, false]);
});

test('back to the latest replaces the window with the newest page', async () => {
  await jumpToMessage(ROOM, 40);
  await backToLatest(ROOM);
  assert.deepEqual([seqs()[0], seqs().at(-1), tl().hasNewer ?? false, tl().hasMore], [251, LAST, false, true]);
  ingest(ROOM, [msg(LAST + 1)]);
  assert.equal(seqs().at(-1), LAST + 1);
});
