import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { ClientFrame, Message } from '../../server/protocol/index.ts';
import { allMatches, insertMention, matchMembers, mentionQueryAt, mentionsToSend, type MentionCandidate } from '../src/lib/mention-tokens.ts';
import { ingest, onSendError, onSocketLost, retry, sendMessage } from '../src/state/messages.ts';
import { applyRead } from '../src/state/rooms.ts';
import { socket } from '../src/state/socket-link.ts';
import { getState, initialState, setState } from '../src/state/store.ts';
import { aMessage, aRoom } from './fixtures.ts';

// @mentions in the composer (which @… the caret is in, what is sent) and the room's "@" badge.

const members: MentionCandidate[] = [
  { userId: 2, name: '이서연', department: '마케팅팀' },
  { userId: 3, name: '이준호', department: '개발팀' },
  { userId: 4, name: 'Alice Kim', department: 'Design' },
  { userId: 5, name: '김민', department: '영업팀' },
  { userId: 6, name: '김민수', department: '영업팀' },
];

test('the @query at the caret: after a space or at the start, not inside an address, one line', () => {
  assert.deepEqual(mentionQueryAt('@', 1), { start: 0, query: '' });
  assert.deepEqual(mentionQueryAt('안녕 @이서', 6), { start: 3, query: '이서' });
  assert.deepEqual(mentionQueryAt('(@이서', 4), { start: 1, query: '이서' });
  assert.deepEqual(mentionQueryAt('@Alice K', 8), { start: 0, query: 'Alice K' }, 'one space: a name with a space');
  assert.equal(mentionQueryAt('@Alice Kim is here', 18), null, 'a sentence is no query');
  assert.equal(mentionQueryAt('kim@corp', 8), null, 'an address');
  assert.equal(mentionQueryAt('@이서\n다음 줄', 8), null);
  assert.equal(mentionQueryAt('@ 띄움', 4), null);
  assert.deepEqual(mentionQueryAt('@이서연 확인', 3), { start: 0, query: '이서' }, 'only up to the caret');
  assert.equal(mentionQueryAt('메일 없음', 5), null);
});

test('members filtered by name or department, any case; names that start with it first; the @all entry', () => {
  assert.deepEqual(matchMembers(members, '이').map((m) => m.userId), [2, 3]);
  assert.deepEqual(matchMembers(members, '영업').map((m) => m.userId), [5, 6]);
  assert.deepEqual(matchMembers(members, 'alice').map((m) => m.userId), [4]);
  assert.deepEqual(matchMembers(members, '준').map((m) => m.userId), [3]);
  assert.equal(matchMembers(members, '').length, members.length);
  assert.deepEqual(matchMembers(members, '민').map((m) => m.userId), [5, 6]);
  assert.ok(allMatches('') && allMatches('모') && allMatches('AL') && !allMatches('이'));
});

test('picking puts @name and one space in place of the query, the caret after it', () => {
  assert.deepEqual(insertMention('안녕 @이서', { start: 3, query: '이서' }, 6, '이서연'), { text: '안녕 @이서연 ', caret: 8 });
  assert.deepEqual(insertMention('@이 확인', { start: 0, query: '이' }, 2, '이준호'), { text: '@이준호 확인', caret: 5 }, 'no second space');
});

test('what is sent: picked people whose @name is still there, unique names written out, @all only in groups', () => {
  const picked = new Map([['이서연', 2]]);
  assert.deepEqual(mentionsToSend('@이서연 확인 부탁해요', members, picked, true), { mentions: [2], mentionAll: false });
  assert.deepEqual(mentionsToSend('확인 부탁해요', members, picked, true), { mentions: [], mentionAll: false }, 'deleted from the text: not mentioned');
  assert.deepEqual(mentionsToSend('@김민수님 @김민 @Alice Kim', members, new Map(), true), { mentions: [6, 5, 4], mentionAll: false }, 'longest name first');
  assert.deepEqual(mentionsToSend('@모두 회의 @all', members, new Map(), true), { mentions: [], mentionAll: true });
  assert.deepEqual(mentionsToSend('@모두 회의', members, new Map(), false), { mentions: [], mentionAll: false }, 'no @all in a DM');
  assert.deepEqual(mentionsToSend('https://wiki/@이서연 보세요', members, picked, true).mentions, [], 'inside a link is no mention');
  assert.deepEqual(mentionsToSend('me@이서연.com', members, picked, true).mentions, []);
  // Two people with one name: only the one picked is meant.
  const twins = [...members, { userId: 9, name: '이서연', department: '인사팀' }];
  assert.deepEqual(mentionsToSend('@이서연 안녕', twins, new Map(), true).mentions, [], 'ambiguous and not picked');
  assert.deepEqual(mentionsToSend('@이서연 안녕', twins, new Map([['이서연', 9]]), true).mentions, [9]);
  assert.deepEqual(mentionsToSend('@외부인 안녕', twins, new Map([['외부인', 77]]), true).mentions, [], 'a pick of someone no longer in the room');
});

// ---- the badge, in the client's state ----

const ME = 1;
const PEER = 2;
const ROOM = 7;
let sent: ClientFrame[] = [];
socket.send = (frame: ClientFrame) => {
  sent.push(frame);
  return true;
};
const msg = (seq: number, senderId: number, extra: Partial<Message> = {}) => aMessage({ id: 100 + seq, roomId: ROOM, seq, senderId, ...extra });

beforeEach(() => {
  sent = [];
  const me = { id: ME, name: '나', department: '', position: '', statusMessage: '', avatarColor: 0, avatarFileId: null, role: 'member' as const, email: '', employeeNo: '1', status: 'active' as const, createdAt: 0 };
  const room = aRoom({ id: ROOM, kind: 'group', members: [{ userId: ME, lastReadSeq: 2 }, { userId: PEER, lastReadSeq: 2 }, { userId: 3, lastReadSeq: 2 }], lastSeq: 2, mentions: 0 });
  setState({ ...initialState, screen: 'app', me, rooms: { [ROOM]: room }, activeRoomId: null, timelines: {} });
});
afterEach(() => onSocketLost());

const badge = () => getState().rooms[ROOM]!.mentions;

test('a message mentioning me in a room I am not looking at adds to the badge; others do not', () => {
  ingest(ROOM, [msg(3, PEER, { mentions: [ME] })]);
  assert.equal(badge(), 1);
  ingest(ROOM, [msg(4, PEER, { mentions: [3] })]);
  ingest(ROOM, [msg(5, PEER)]);
  assert.equal(badge(), 1, 'mentions of others, and no mention');
  ingest(ROOM, [msg(6, 3, { mentionAll: true })]);
  assert.equal(badge(), 2, '@all');
  ingest(ROOM, [msg(6, 3, { mentionAll: true })]);
  assert.equal(badge(), 2, 'the same message again (a sync overlap) is not counted twice');
  assert.equal(getState().rooms[ROOM]!.unread, 4);
});

test('reading clears the badge: my cursor from another device, or opening the room', () => {
  ingest(ROOM, [msg(3, PEER, { mentions: [ME] }), msg(4, PEER, { mentions: [ME] })]);
  assert.equal(badge(), 2);
  applyRead(ROOM, PEER, 4);
  assert.equal(badge(), 2, 'someone else reading changes nothing');
  applyRead(ROOM, ME, 4);
  assert.equal(badge(), 0);

  // Open and visible: a new mention is read at once (and the read goes to the server).
  setState({ activeRoomId: ROOM, view: 'chats', timelines: { [ROOM]: { messages: [msg(3, PEER), msg(4, PEER)], hasMore: false, loadingOlder: false, readMarkSeq: 4 } } });
  ingest(ROOM, [msg(5, PEER, { mentions: [ME] })]);
  assert.equal(badge(), 0);
  assert.deepEqual(sent.at(-1), { type: 'read', roomId: ROOM, seq: 5 });
});

test('a read up to the middle counts the mentions left in the loaded timeline', () => {
  const tl = [msg(3, PEER, { mentions: [ME] }), msg(4, PEER), msg(5, PEER, { mentions: [ME] })];
  ingest(ROOM, tl);
  setState({ timelines: { [ROOM]: { messages: tl, hasMore: false, loadingOlder: false, readMarkSeq: 2 } } });
  assert.equal(badge(), 2);
  applyRead(ROOM, ME, 3);
  assert.equal(badge(), 1);
});

test('a send carries its mentions, and a retry sends them again', () => {
  sendMessage(ROOM, '@이서연 @모두 확인', { mentions: [PEER], mentionAll: true });
  const frame = sent.at(-1) as Extract<ClientFrame, { type: 'send' }>;
  assert.deepEqual([frame.mentions, frame.mentionAll], [[PEER], true]);
  onSendError(frame.tempId, 'MENTION_NOT_MEMBER');
  retry(frame.tempId);
  const again = sent.at(-1) as Extract<ClientFrame, { type: 'send' }>;
  assert.deepEqual([again.tempId, again.mentions, again.mentionAll], [frame.tempId, [PEER], true]);
  sendMessage(ROOM, '멘션 없음');
  assert.ok(!('mentions' in sent.at(-1)!) && !('mentionAll' in sent.at(-1)!), 'no empty fields on the wire');
});
