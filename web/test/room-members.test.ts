import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { ClientFrame, Message, PublicUser, SystemEvent } from '../../server/protocol/index.ts';
import { buildItems } from '../src/components/chat/timelineItems.ts';
import { previewOf } from '../src/components/common/roomInfo.ts';
import { systemText } from '../src/components/common/systemLine.ts';
import { dispatchFrame } from '../src/state/frame-dispatch.ts';
import { onPinError, pinMessage } from '../src/state/room-members.ts';
import { socket } from '../src/state/socket-link.ts';
import { getState, initialState, setState } from '../src/state/store.ts';
import { aMessage, aRoom } from './fixtures.ts';

// System lines, the notice and leaving a room, on the client side, without a browser.

// closeRoom() touches the URL; node has none.
Object.assign(globalThis, { history: { replaceState() {}, back() {} }, location: { hash: '', pathname: '/', search: '' } });

const ME = 1;
const ROOM = 5;
const person = (id: number, name: string): PublicUser => ({ id, name, department: '', position: '', statusMessage: '', avatarColor: 0, avatarFileId: null, role: 'member' });
const users = { 1: person(1, '나민수'), 2: person(2, '홍길동'), 3: person(3, '이영희'), 4: person(4, '김철수') };
const line = (seq: number, system: SystemEvent): Message => aMessage({ id: 500 + seq, roomId: ROOM, seq, senderId: system.actorId, body: '', system });
const text = (seq: number, senderId: number): Message => aMessage({ id: 500 + seq, roomId: ROOM, seq, senderId });
const ev = (event: SystemEvent['event'], actorId: number, userIds: number[] = [], name = ''): SystemEvent => ({ event, actorId, userIds, name });

let sent: ClientFrame[] = [];
socket.send = (frame: ClientFrame) => sent.push(frame) > 0;

beforeEach(() => {
  sent = [];
  const pinned = { message: text(2, 2), pinnedBy: 2, pinnedAt: 1 };
  setState({
    ...initialState,
    screen: 'app',
    me: { ...person(ME, '나민수'), email: '', employeeNo: '1', status: 'active', createdAt: 0 },
    users,
    rooms: { [ROOM]: aRoom({ id: ROOM, kind: 'group', name: '개발팀', members: [{ userId: ME, lastReadSeq: 3 }, { userId: 2, lastReadSeq: 3 }], lastSeq: 3, pinned }) },
    timelines: { [ROOM]: { messages: [text(1, 2), text(2, 2), text(3, 2)], hasMore: false, loadingOlder: false, readMarkSeq: 3 } },
    activeRoomId: ROOM,
  });
});

test('what each system line says, in Korean, with the names of the people it is about', () => {
  assert.equal(systemText(ev('left', 2), users), '홍길동님이 나갔습니다.');
  assert.equal(systemText(ev('joined', 4, [3]), users), '김철수님이 이영희님을 초대했습니다.');
  assert.equal(systemText(ev('joined', 4, [3, 2]), users), '김철수님이 이영희님, 홍길동님을 초대했습니다.');
  assert.equal(systemText(ev('removed', 4, [3]), users), '김철수님이 이영희님을 내보냈습니다.');
  assert.equal(systemText(ev('renamed', 2, [], '점심 모임'), users), '홍길동님이 방 이름을 ‘점심 모임’(으)로 바꿨습니다.');
  assert.equal(systemText(ev('created', 2, [], '개발팀'), users), '홍길동님이 ‘개발팀’ 대화방을 만들었습니다.');
  assert.equal(systemText(ev('left', 99), users), '알 수 없는 사용자님이 나갔습니다.', 'someone no longer in the directory');
  assert.equal(previewOf(line(4, ev('left', 2)), users), '홍길동님이 나갔습니다.', 'the room list shows the line, not an empty text');
});

test('a system line is its own timeline item and ends the run around it', () => {
  const at = 1_700_000_000_000;
  const items = buildItems(
    [aMessage({ id: 1, roomId: ROOM, seq: 1, senderId: 2, createdAt: at }), line(2, ev('joined', 2, [3])), aMessage({ id: 3, roomId: ROOM, seq: 3, senderId: 2, createdAt: at + 1000 })],
    0,
    ME,
  );
  assert.deepEqual(
    items.map((i) => (i.kind === 'msg' ? `${i.message.seq}${i.first ? 'F' : ''}${i.last ? 'L' : ''}` : i.kind)),
    ['day', '1FL', 'system', '3FL'],
  );
});

test('`removed`: the room, its timeline and its outbox go, and the open room closes', () => {
  setState((s) => ({ pending: { [ROOM]: [{ tempId: 'x', roomId: ROOM, body: '안녕', status: 'queued', createdAt: 0 }] } }));
  dispatchFrame({ type: 'removed', roomId: ROOM });
  const s = getState();
  assert.equal(s.rooms[ROOM], undefined);
  assert.equal(s.timelines[ROOM], undefined);
  assert.equal(s.pending[ROOM], undefined);
  assert.equal(s.activeRoomId, null);
  assert.match(s.toast?.text ?? '', /개발팀/);
  dispatchFrame({ type: 'removed', roomId: ROOM }); // again, or for a room never known: nothing
  assert.equal(getState().rooms[ROOM], undefined);
});

test('`pinned` sets and clears the notice; deleting the pinned message clears it too', () => {
  const next = { message: text(3, 2), pinnedBy: ME, pinnedAt: 2 };
  dispatchFrame({ type: 'pinned', roomId: ROOM, rev: 9, pin: next });
  assert.deepEqual(getState().rooms[ROOM]!.pinned, next);
  dispatchFrame({ type: 'deleted', roomId: ROOM, messageId: text(1, 2).id, rev: 10 });
  assert.deepEqual(getState().rooms[ROOM]!.pinned, next, 'another message deleted: the notice stays');
  dispatchFrame({ type: 'deleted', roomId: ROOM, messageId: next.message.id, rev: 11 });
  assert.equal(getState().rooms[ROOM]!.pinned, null);
  dispatchFrame({ type: 'pinned', roomId: ROOM, rev: 12, pin: next });
  dispatchFrame({ type: 'pinned', roomId: ROOM, rev: 13, pin: null });
  assert.equal(getState().rooms[ROOM]!.pinned, null);
});

test("pinning sends a `pin` frame; only our pins' refusals are taken as ours", () => {
  pinMessage(ROOM, 503);
  pinMessage(ROOM, null);
  assert.deepEqual(sent.map((f) => f.type === 'pin' && [f.roomId, f.messageId]), [[ROOM, 503], [ROOM, null]]);
  const tempId = (sent[0] as Extract<ClientFrame, { type: 'pin' }>).tempId!;
  assert.equal(onPinError('someone-elses-send', 'NOT_A_MEMBER'), false);
  assert.equal(onPinError(tempId, 'PIN_NOT_ALLOWED'), true);
  assert.equal(getState().toast?.text, '안내 문구는 공지로 올릴 수 없습니다.');
  assert.equal(onPinError(tempId, 'PIN_NOT_ALLOWED'), false, 'answered once');
});

test('a read or typing refused because we were just removed raises no error toast', () => {
  dispatchFrame({ type: 'error', code: 'NOT_A_MEMBER', message: { ko: '이 대화방의 멤버가 아닙니다.', en: 'You are not a member of this room.' } });
  assert.equal(getState().toast, null);
  dispatchFrame({ type: 'error', code: 'RATE_LIMITED', message: { ko: '요청이 너무 많습니다.', en: 'Too many requests.' } });
  assert.equal(getState().toast?.kind, 'error', 'other errors still show');
});

test('an edit of the pinned message refreshes the notice; an edit of another message does not touch it', () => {
  const before = getState().rooms[ROOM]!.pinned!;
  const rev = getState().rooms[ROOM]!.rev;
  dispatchFrame({ type: 'edited', message: { ...text(3, 2), body: '다른 메시지', editedAt: 5, rev: rev + 1 } });
  assert.equal(getState().rooms[ROOM]!.pinned, before);
  const edited = { ...before.message, body: '고친 공지', editedAt: 6, rev: rev + 2 };
  dispatchFrame({ type: 'edited', message: edited });
  assert.deepEqual(getState().rooms[ROOM]!.pinned, { ...before, message: edited });
});
