import { Type, type Static } from '@sinclair/typebox';
import { AccountUser, Message, PublicUser, Room } from './models.ts';
import { MESSAGE_MAX } from './limits.ts';
import type { ErrorBody } from './errors.ts';

// Every WebSocket frame, defined once. Frames are JSON text with a `type` field.

const RoomId = Type.Integer({ minimum: 1 });
const Seq = Type.Integer({ minimum: 0 });

// ---- client → server ----

export const SendFrame = Type.Object(
  {
    type: Type.Literal('send'),
    /** Chosen by the client; echoed in the ack or error so it can settle its pending bubble. */
    tempId: Type.String({ minLength: 1, maxLength: 64 }),
    roomId: RoomId,
    body: Type.String({ maxLength: MESSAGE_MAX }),
  },
  { additionalProperties: false },
);

export const SyncFrame = Type.Object(
  {
    type: Type.Literal('sync'),
    /**
     * Room id → the last sequence number the client has. The server answers with what came after.
     * Ids are written canonically ("5", never "05" or "0"), so one room is one key.
     */
    cursors: Type.Record(Type.String({ pattern: '^[1-9][0-9]*$' }), Seq, { maxProperties: 5000, additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const ReadFrame = Type.Object(
  { type: Type.Literal('read'), roomId: RoomId, seq: Seq },
  { additionalProperties: false },
);

export const TypingFrame = Type.Object(
  { type: Type.Literal('typing'), roomId: RoomId },
  { additionalProperties: false },
);

export const ClientFrame = Type.Union([SendFrame, SyncFrame, ReadFrame, TypingFrame]);
export type ClientFrame = Static<typeof ClientFrame>;
export type ClientFrameType = ClientFrame['type'];
export const CLIENT_FRAME_TYPES: readonly ClientFrameType[] = ['send', 'sync', 'read', 'typing'];

// ---- server → client ----
// The server builds these itself; they are schemas too so the protocol is written down once and a
// third-party client can validate what it receives.

export const ReadyFrame = Type.Object({
  type: Type.Literal('ready'),
  user: AccountUser,
  /** Ids of users with at least one open connection. */
  online: Type.Array(Type.Integer()),
});
export const AckFrame = Type.Object({ type: Type.Literal('ack'), tempId: Type.String(), message: Message });
export const MessageFrame = Type.Object({ type: Type.Literal('message'), message: Message });
export const SyncedFrame = Type.Object({
  type: Type.Literal('synced'),
  roomId: Type.Integer(),
  /** Oldest first, all with seq above the client's cursor. */
  messages: Type.Array(Message),
  /** True when more remain; the client sends another `sync` from the last seq it got. */
  more: Type.Boolean(),
});
export const ReadEventFrame = Type.Object({
  type: Type.Literal('read'),
  roomId: Type.Integer(),
  userId: Type.Integer(),
  seq: Type.Integer(),
});
export const TypingEventFrame = Type.Object({
  type: Type.Literal('typing'),
  roomId: Type.Integer(),
  userId: Type.Integer(),
});
/** Presence changes, batched: sent at most twice a second, and once in full inside `ready`. */
export const PresenceFrame = Type.Object({
  type: Type.Literal('presence'),
  online: Type.Array(Type.Integer()),
  offline: Type.Array(Type.Integer()),
});
/** A room the user was just added to, or whose member list changed. */
export const RoomFrame = Type.Object({ type: Type.Literal('room'), room: Room });
/** A message was deleted by its sender; show it as deleted (its file is gone from the server). */
export const DeletedFrame = Type.Object({ type: Type.Literal('deleted'), roomId: Type.Integer(), messageId: Type.Integer() });
/**
 * HTTPS was switched on or off. The client moves to `url` (same page, new scheme) once its pending
 * sends are acknowledged; the server closes sockets left on the old scheme after a grace period.
 */
export const SchemeFrame = Type.Object({ type: Type.Literal('scheme'), https: Type.Boolean(), port: Type.Integer() });
/** For admins: someone signed up and waits for approval; `pending` is how many wait now. */
export const SignupFrame = Type.Object({ type: Type.Literal('signup'), pending: Type.Integer() });
/** A colleague changed their profile (name, status message, photo). */
export const UserFrame = Type.Object({ type: Type.Literal('user'), user: PublicUser });
export const ErrorFrame = Type.Object({
  type: Type.Literal('error'),
  code: Type.String(),
  message: Type.Object({ ko: Type.String(), en: Type.String() }),
  /** Present when the error answers a `send`. */
  tempId: Type.Optional(Type.String()),
});

export const ServerFrame = Type.Union([
  ReadyFrame,
  AckFrame,
  MessageFrame,
  SyncedFrame,
  ReadEventFrame,
  TypingEventFrame,
  PresenceFrame,
  RoomFrame,
  DeletedFrame,
  UserFrame,
  SignupFrame,
  SchemeFrame,
  ErrorFrame,
]);
export type ServerFrame = Static<typeof ServerFrame>;
export type ErrorFrame = Static<typeof ErrorFrame> & ErrorBody;

export { CLOSE_CODES } from './limits.ts';
