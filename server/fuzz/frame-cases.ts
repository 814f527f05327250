import fc from 'fast-check';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ClientFrame, CLIENT_FRAME_TYPES, CLOSE_CODES, type ServerFrame } from '../protocol/frames.ts';
import { MESSAGE_MAX } from '../protocol/limits.ts';
import type { Message } from '../protocol/models.ts';
import { WS_MAX_PAYLOAD } from '../app.ts';
import { catalogueProblem, preview } from '../testing/catalogue.ts';
import { ID_SPELLINGS, hostileJson, hostileNumber, hostileString, notJson } from './hostile.ts';
import { changeFrameObjects, editProblem, messageIdOf, reactProblem, replyVerdict, type KnownMessage } from './change-frames.ts';
import { wellFormed } from '../util/well-formed.ts';

// Hostile WebSocket frames and the oracle for what the server may answer to each, from the
// protocol (docs/protocol.md §7): a catalogue `error` frame with the documented code, the reply the
// frame asks for, or a close with a documented code — and nothing, ever, about a room the sender is
// not in.

export type FrameCase = { kind: 'text'; text: string } | { kind: 'binary'; bytes: Uint8Array };

export interface Rooms {
  /** Rooms the sender is in. */
  member: readonly number[];
  /** Rooms that exist and the sender is not in. */
  foreign: readonly number[];
  /** Messages of the world, for `edit`, `react` and `replyTo`. */
  messages: readonly KnownMessage[];
}

/** Close codes a server may use (CLOSE_CODES, plus 1009 for a frame over maxPayload). */
export const DOCUMENTED_CLOSES: ReadonlySet<number> = new Set<number>([...Object.values(CLOSE_CODES), 1009]);

const roomId = (rooms: Rooms) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...rooms.member) },
    { weight: 3, arbitrary: fc.constantFrom(...rooms.foreign) },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom<unknown>(...ID_SPELLINGS), hostileJson) },
  );

const tempId = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 64 }) },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: hostileJson },
);

const messageBody = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 3, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(MESSAGE_MAX - 1, MESSAGE_MAX, MESSAGE_MAX + 1).chain((n) =>
      fc.constantFrom('x', ' ', '\u0000', '가', '\n', '\u200b').map((c) => c.repeat(n)),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('😀'.repeat(MESSAGE_MAX / 2), '😀'.repeat(MESSAGE_MAX / 2 + 1), '\uD800'.repeat(MESSAGE_MAX)) },
  { weight: 1, arbitrary: hostileJson },
);

/** Cursors: a few rooms (canonical keys), or thousands (5,000 is the limit), or anything at all. */
function cursors(rooms: Rooms): fc.Arbitrary<unknown> {
  const all = [...rooms.member, ...rooms.foreign];
  const key = fc.oneof(fc.constantFrom(...all.map(String)), fc.nat({ max: 100_000 }).map(String), fc.constantFrom('0', '9007199254740993', '1'.repeat(400)));
  const seq = fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 50 }) }, { weight: 1, arbitrary: hostileNumber }, { weight: 1, arbitrary: hostileJson });
  const many = fc.constantFrom(100, 4999, 5000, 5001).map((n) => {
    const out: Record<string, number> = {};
    for (const r of all) out[String(r)] = 0;
    for (let i = 0; Object.keys(out).length < n; i++) out[String(1000 + i)] = 0;
    return out;
  });
  return fc.oneof(
    { weight: 5, arbitrary: fc.dictionary(key, seq, { maxKeys: 6 }) },
    { weight: 1, arbitrary: many },
    { weight: 1, arbitrary: fc.dictionary(hostileString, seq, { maxKeys: 3 }) },
    { weight: 1, arbitrary: hostileJson },
  );
}

function withExtras(frame: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(frame) },
    { weight: 1, arbitrary: fc.subarray(Object.keys(frame)).map((keep) => Object.fromEntries(Object.entries(frame).filter(([k]) => keep.includes(k)))) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('extra', 'userId', 'senderId', 'seq', 'admin', 'type'), hostileJson).map(([k, v]) => ({ ...frame, [k]: v })) },
  );
}

/** A frame as an object (before serialization): one of the client's types, or some other `type`. */
export function frameObject(rooms: Rooms): fc.Arbitrary<Record<string, unknown>> {
  const send = fc.oneof(
    { weight: 3, arbitrary: fc.record({ type: fc.constant('send'), tempId, roomId: roomId(rooms), body: messageBody }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('send'), tempId, roomId: roomId(rooms), body: messageBody, replyTo: messageIdOf(rooms.messages) }) },
  );
  const { edit, react } = changeFrameObjects(rooms.messages, tempId, messageBody);
  const sync = fc.record({ type: fc.constant('sync'), cursors: cursors(rooms), only: fc.oneof(fc.constant(undefined), fc.boolean(), hostileJson) }, { requiredKeys: ['type', 'cursors'] });
  const read = fc.record({ type: fc.constant('read'), roomId: roomId(rooms), seq: fc.oneof(fc.nat({ max: 60 }), hostileNumber, hostileJson) });
  const typing = fc.record({ type: fc.constant('typing'), roomId: roomId(rooms) });
  const pin = fc.record({ type: fc.constant('pin'), roomId: roomId(rooms), messageId: fc.oneof(fc.constant(null), fc.nat({ max: 60 }), hostileNumber, hostileJson), tempId });
  const trust = fc.record({ type: fc.constant('trust'), trusted: fc.oneof(fc.boolean(), hostileJson) });
  const other = fc.record({ type: fc.oneof(fc.constantFrom<unknown>('Send', 'SEND', 'send ', 'ack', 'message', 'ready', 'error', '', null, 1, ['send']), hostileString), roomId: roomId(rooms) });
  return fc
    .oneof(
      { weight: 4, arbitrary: send },
      { weight: 3, arbitrary: sync },
      { weight: 2, arbitrary: read },
      { weight: 2, arbitrary: typing },
      { weight: 2, arbitrary: edit },
      { weight: 2, arbitrary: react },
      { weight: 1, arbitrary: pin },
      { weight: 1, arbitrary: trust },
      { weight: 1, arbitrary: other },
    )
    .chain(withExtras);
}

/** Any frame: JSON objects (some padded to just under or over 64 KiB), raw text, binary. */
export function frameCase(rooms: Rooms): fc.Arbitrary<FrameCase> {
  const json = frameObject(rooms).map((o) => JSON.stringify(o));
  const padded = fc.tuple(frameObject(rooms), fc.constantFrom(-1, 0, 1, 100)).map(([o, over]) => {
    const text = JSON.stringify(o);
    return text + ' '.repeat(Math.max(0, WS_MAX_PAYLOAD - Buffer.byteLength(text) + over));
  });
  const proto = fc.tuple(fc.constantFrom(...rooms.member), hostileString).map(
    ([room, s]) => `{"__proto__":{"type":"send","roomId":${room},"tempId":"p","body":${JSON.stringify(s)}},"type":"typing","roomId":${room}}`,
  );
  const text = fc.oneof(
    { weight: 10, arbitrary: json },
    { weight: 1, arbitrary: padded },
    { weight: 1, arbitrary: proto },
    { weight: 2, arbitrary: fc.oneof(notJson, hostileString, fc.constant(''), hostileJson.map((v) => JSON.stringify(v) ?? 'null')) },
  );
  return fc.oneof(
    { weight: 12, arbitrary: text.map((t) => ({ kind: 'text' as const, text: t })) },
    { weight: 1, arbitrary: fc.oneof(fc.uint8Array({ maxLength: 64 }), json.map((t) => new TextEncoder().encode(t))).map((bytes) => ({ kind: 'binary' as const, bytes })) },
  );
}

/** The documented outcome of one frame, before the server's state is consulted. */
export type Expected =
  | { kind: 'close'; code: 1009 }
  | { kind: 'error'; code: string; tempId?: string }
  | { kind: 'valid'; frame: ClientFrame };

const checker = TypeCompiler.Compile(ClientFrame);

export function expectedFor(c: FrameCase): Expected {
  if (c.kind === 'binary') return c.bytes.length > WS_MAX_PAYLOAD ? { kind: 'close', code: 1009 } : { kind: 'error', code: 'BAD_REQUEST' };
  if (Buffer.byteLength(c.text) > WS_MAX_PAYLOAD) return { kind: 'close', code: 1009 };
  let value: unknown;
  try {
    value = JSON.parse(c.text);
  } catch {
    return { kind: 'error', code: 'BAD_JSON' };
  }
  if (checker.Check(value)) return { kind: 'valid', frame: value };
  const obj = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const known = (CLIENT_FRAME_TYPES as readonly unknown[]).includes(obj.type);
  const tooLong = (obj.type === 'send' || obj.type === 'edit') && typeof obj.body === 'string' && obj.body.length > MESSAGE_MAX;
  const id = typeof obj.tempId === 'string' && obj.tempId.length >= 1 && obj.tempId.length <= 64 ? obj.tempId : undefined;
  return { kind: 'error', code: !known ? 'UNKNOWN_FRAME' : tooLong ? 'MESSAGE_TOO_LONG' : 'BAD_REQUEST', ...(id ? { tempId: id } : {}) };
}

export interface Outcome {
  /** Frames that arrived after this one was sent and before the sentinel's ack (or the close). */
  replies: ServerFrame[];
  closeCode: number | undefined;
}

export interface OracleState {
  userId: number;
  rooms: Rooms;
  /** The first message acked for each tempId (a retry of it is acked with it again). */
  acked: Map<string, Message>;
  /** Message ids of the sender from before the run (their tempIds are not known here). */
  earlier: ReadonlySet<number>;
}

/** Anything in `frame` about a room the sender is not in. */
export function leak(frame: ServerFrame, state: OracleState): string | undefined {
  const member = (id: number) => state.rooms.member.includes(id);
  switch (frame.type) {
    case 'ack':
    case 'message':
      return member(frame.message.roomId) ? undefined : `${frame.type} of room ${frame.message.roomId}`;
    case 'synced':
    case 'read':
    case 'typing':
    case 'deleted':
    case 'reacted':
    case 'pinned':
      return member(frame.roomId) ? undefined : `${frame.type} of room ${frame.roomId}`;
    case 'edited':
      return member(frame.message.roomId) ? undefined : `edited of room ${frame.message.roomId}`;
    case 'room':
      return frame.room.members.some((m) => m.userId === state.userId) ? undefined : `room ${frame.room.id}, which the sender is not in`;
    default:
      return undefined;
  }
}

/** What is wrong with the outcome of frame `c`; undefined when it is what the protocol says. */
export function outcomeProblem(c: FrameCase, outcome: Outcome, state: OracleState): string | undefined {
  const expected = expectedFor(c);
  const shown = c.kind === 'binary' ? `binary ${c.bytes.length} B` : `${preview(c.text, 200)} (${Buffer.byteLength(c.text)} B)`;
  const fail = (why: string) => `${shown}: ${why}; got ${preview(outcome.replies, 400)}${outcome.closeCode !== undefined ? `, closed ${outcome.closeCode}` : ''}`;
  for (const f of outcome.replies) {
    const l = leak(f, state);
    if (l) return fail(`leaked ${l}`);
    if (f.type === 'error') {
      const problem = catalogueProblem({ code: f.code, message: f.message });
      if (problem) return fail(problem);
    }
  }
  if (outcome.closeCode !== undefined) {
    if (expected.kind === 'close' && outcome.closeCode === expected.code) return undefined;
    return fail(DOCUMENTED_CLOSES.has(outcome.closeCode) ? `closed with ${outcome.closeCode}, not what this frame calls for` : `closed with undocumented code ${outcome.closeCode}`);
  }
  if (expected.kind === 'close') return fail('a frame over maxPayload did not close the socket with 1009');
  const answers = outcome.replies.filter(
    (f) =>
      f.type === 'error' ||
      f.type === 'ack' ||
      f.type === 'synced' ||
      f.type === 'removed' ||
      f.type === 'sync-done' ||
      f.type === 'edited' ||
      f.type === 'reacted' ||
      (f.type === 'read' && f.userId === state.userId),
  );
  if (expected.kind === 'error') {
    const [only, ...rest] = answers;
    if (!only || rest.length || only.type !== 'error') return fail(`expected one ${expected.code} error frame`);
    if (only.code !== expected.code) return fail(`expected ${expected.code}`);
    if (expected.tempId !== undefined && only.tempId !== expected.tempId) return fail(`the error does not carry the send's tempId ${preview(expected.tempId)}`);
    return undefined;
  }
  return validOutcomeProblem(expected.frame, answers, state, fail);
}

function validOutcomeProblem(frame: ClientFrame, answers: ServerFrame[], state: OracleState, fail: (why: string) => string): string | undefined {
  const member = state.rooms.member.includes((frame as { roomId?: number }).roomId ?? -1);
  const only = answers.length === 1 ? answers[0] : undefined;
  switch (frame.type) {
    case 'send': {
      const reply = frame.replyTo === undefined ? 'ack' : replyVerdict(frame.roomId, frame.replyTo, state.rooms.messages);
      const body = frame.body ?? '';
      const want = body.trim().length === 0 ? 'MESSAGE_EMPTY' : !member ? 'NOT_A_MEMBER' : reply === 'REPLY_NOT_FOUND' ? reply : undefined;
      if (want) return only?.type === 'error' && only.code === want && only.tempId === frame.tempId ? undefined : fail(`expected ${want} with tempId`);
      // A guessed id may be a message of this room (or not): stored with its quote, or refused.
      if (reply === 'either' && only?.type === 'error' && only.code === 'REPLY_NOT_FOUND' && only.tempId === frame.tempId) return undefined;
      if (only?.type !== 'ack' || only.tempId !== frame.tempId) return fail('expected one ack with the tempId');
      // A retry (same tempId, room and text as the first send with it) is acked with the stored
      // message; a tempId reused for another room or text is a new message (server/tests/refusals).
      const first = state.acked.get(frame.tempId);
      if (first && first.roomId === frame.roomId && first.body === wellFormed(body)) {
        return only.message.id === first.id ? undefined : fail(`a retried send was stored again as ${only.message.id}, not acked as the earlier ${first.id}`);
      }
      if (state.earlier.has(only.message.id)) return undefined;
      const m = only.message;
      if (m.roomId !== frame.roomId || m.body !== wellFormed(body) || m.senderId !== state.userId || m.deleted) return fail('the ack does not carry the message sent');
      if ((m.replyTo?.id ?? undefined) !== frame.replyTo) return fail(`the ack quotes ${m.replyTo?.id}, the send answered ${frame.replyTo}`);
      if (first && m.id === first.id) return fail('a tempId reused for another room or text was acked with the earlier message');
      if (!first) state.acked.set(frame.tempId, m);
      return undefined;
    }
    case 'sync':
      return syncOutcomeProblem(frame, answers, state, fail);
    case 'read':
    case 'typing':
      if (!member) return only?.type === 'error' && only.code === 'NOT_A_MEMBER' && only.tempId === undefined ? undefined : fail('expected NOT_A_MEMBER');
      if (frame.type === 'typing') return answers.length === 0 ? undefined : fail('typing is answered with nothing');
      if (answers.length === 0) return undefined;
      return only?.type === 'read' && only.roomId === frame.roomId && only.seq <= frame.seq ? undefined : fail('expected nothing or one read event for this room');
    case 'edit':
      return editProblem(frame, answers, state.rooms.messages, state.userId, fail);
    case 'react':
      return reactProblem(frame, answers, state.rooms.messages, fail);
    case 'pin': {
      // A member's pin is answered with `pinned` (to the whole room) or a refusal; anyone else's with NOT_A_MEMBER.
      const codes = member ? ['MESSAGE_NOT_FOUND', 'PIN_NOT_ALLOWED'] : ['NOT_A_MEMBER'];
      if (answers.length === 0 && member) return undefined;
      return only?.type === 'error' && codes.includes(only.code) && only.tempId === frame.tempId ? undefined : fail(`expected ${member ? 'nothing or ' : ''}one of ${codes.join(', ')} with the tempId`);
    }
    case 'trust':
      return answers.length === 0 ? undefined : fail('trust is answered with nothing');
  }
}

/** The change feed's answer (docs/protocol.md §8): per room named, its changes or `removed`; the rooms not named; `sync-done` last. */
function syncOutcomeProblem(frame: Extract<ClientFrame, { type: 'sync' }>, answers: ServerFrame[], state: OracleState, fail: (why: string) => string): string | undefined {
  const only = answers.length === 1 ? answers[0] : undefined;
  // Room ids and cursors beyond 2^53 - 1 cannot be told apart as numbers: the frame is refused whole.
  const unsafe = Object.entries(frame.cursors).some(([k, v]) => !Number.isSafeInteger(Number(k)) || !Number.isSafeInteger(v));
  if (unsafe) return only?.type === 'error' && only.code === 'BAD_REQUEST' ? undefined : fail('expected BAD_REQUEST for a room id or cursor beyond 2^53 - 1');
  if (answers.at(-1)?.type !== 'sync-done' || answers.filter((a) => a.type === 'sync-done').length !== 1) return fail('a sync ends with exactly one sync-done');
  const named = new Map(Object.entries(frame.cursors).map(([k, v]) => [Number(k), v]));
  const synced = new Map<number, Extract<ServerFrame, { type: 'synced' }>>();
  const removed = new Set<number>();
  for (const a of answers.slice(0, -1)) {
    if (a.type === 'removed') {
      if (state.rooms.member.includes(a.roomId)) return fail(`removed for member room ${a.roomId}`);
      if (!named.has(a.roomId)) return fail(`removed for room ${a.roomId}, which was not asked for`);
      if (removed.has(a.roomId)) return fail(`removed twice for room ${a.roomId}`);
      removed.add(a.roomId);
      continue;
    }
    if (a.type !== 'synced') return fail(`a sync answered with ${a.type}`);
    // Several frames for one room only while one rev goes on (`continues`) into the next.
    const before = synced.get(a.roomId);
    if (before && !before.continues) return fail(`two synced frames for room ${a.roomId}`);
    synced.set(a.roomId, a);
    const cursor = before ? before.messages.at(-1)!.rev - 1 : named.get(a.roomId);
    const revs = a.messages.map((m) => m.rev);
    if (before && revs[0] !== before.messages.at(-1)!.rev) return fail(`synced room ${a.roomId}: a frame after continues starts elsewhere`);
    if (a.room.id !== a.roomId || a.messages.some((m) => m.roomId !== a.roomId)) return fail(`synced room ${a.roomId} carries another room`);
    if (cursor === undefined && (a.messages.length || a.more)) return fail(`synced room ${a.roomId}, not named, carries messages`);
    if (cursor !== undefined && revs.some((r, i) => r <= cursor || (i > 0 && r < revs[i - 1]!))) return fail(`synced room ${a.roomId} from rev ${cursor}: revs ${revs.join(',')}`);
    if (a.more && !a.messages.length) return fail(`synced room ${a.roomId}: more without messages`);
    if (a.continues && !a.more) return fail(`synced room ${a.roomId}: continues without more`);
  }
  for (const [roomId, s] of synced) if (s.continues) return fail(`synced room ${roomId}: the answer stopped inside a rev`);
  for (const [roomId, cursor] of named) {
    const member = state.rooms.member.includes(roomId);
    if (!member && !removed.has(roomId)) return fail(`no removed for room ${roomId}, which the sender is not in`);
    // Every member room has messages (rev > 0): from 0 there is always something.
    if (member && cursor === 0 && !synced.has(roomId)) return fail(`no synced frame for member room ${roomId} from rev 0`);
  }
  for (const r of state.rooms.member) {
    if (!named.has(r) && !synced.has(r) && !frame.only) return fail(`no synced frame for member room ${r}, which was not named`);
    if (!named.has(r) && synced.has(r) && frame.only) return fail(`synced for member room ${r}, not named in a sync with only`);
  }
  return undefined;
}
