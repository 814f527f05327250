import { Type, type Static } from '@sinclair/typebox';
import { AccountUser, Device, KeyEnvelope, Message, Pin, PublicUser, Reaction, Room } from './models.ts';
import { BASE64URL_PATTERN, EMOJI_MAX_LENGTH, MENTIONS_MAX, MESSAGE_MAX, SECRET_CIPHER_MAX } from './limits.ts';
import type { ErrorBody } from './errors.ts';
import { UserSettingsSchema } from './settings-schema.ts';

// Every WebSocket frame, defined once. Frames are JSON text with a `type` field.

const RoomId = Type.Integer({ minimum: 1 });
const MessageId = Type.Integer({ minimum: 1 });
const Seq = Type.Integer({ minimum: 0 });
/** The client's id for a frame, echoed in an `error` that answers it. */
const TempId = Type.String({ minLength: 1, maxLength: 64 });
const Mentions = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: MENTIONS_MAX, uniqueItems: true });
/** A secret room's encrypted envelope (base64url); longer: SECRET_CIPHER_TOO_LONG. */
const Cipher = Type.String({ minLength: 1, maxLength: SECRET_CIPHER_MAX, pattern: BASE64URL_PATTERN });
/** The room's key epoch the cipher was made for (must equal room.keyEpoch: SECRET_EPOCH_STALE). */
const Epoch = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

// ---- client → server ----

export const SendFrame = Type.Object(
  {
    type: Type.Literal('send'),
    /** Chosen by the client; echoed in the ack or error so it can settle its pending bubble. */
    tempId: TempId,
    roomId: RoomId,
    /** The text (plain rooms). In a secret room leave it out or send '' (SECRET_PLAINTEXT_REFUSED otherwise). */
    body: Type.Optional(Type.String({ maxLength: MESSAGE_MAX })),
    /** Secret rooms only (SECRET_CIPHER_REFUSED in a plain room), with `epoch`. */
    cipher: Type.Optional(Cipher),
    epoch: Type.Optional(Epoch),
    /** The message this one answers (same room, not deleted). */
    replyTo: Type.Optional(MessageId),
    /** Members this message mentions (not the sender). */
    mentions: Type.Optional(Mentions),
    /** @all / @모두: every member but the sender (groups only). */
    mentionAll: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Change the text of my own text message; the previous version is kept. */
export const EditFrame = Type.Object(
  {
    type: Type.Literal('edit'),
    messageId: MessageId,
    /** The new text (plain rooms); '' or absent in a secret room, which sends a new `cipher` + `epoch`. */
    body: Type.Optional(Type.String({ maxLength: MESSAGE_MAX })),
    cipher: Type.Optional(Cipher),
    epoch: Type.Optional(Epoch),
    mentions: Type.Optional(Mentions),
    mentionAll: Type.Optional(Type.Boolean()),
    tempId: Type.Optional(TempId),
  },
  { additionalProperties: false },
);

/** Add (`on: true`) or take back (`on: false`) my reaction; both are idempotent. */
export const ReactFrame = Type.Object(
  {
    type: Type.Literal('react'),
    messageId: MessageId,
    emoji: Type.String({ minLength: 1, maxLength: EMOJI_MAX_LENGTH }),
    on: Type.Boolean(),
    tempId: Type.Optional(TempId),
  },
  { additionalProperties: false },
);

/** Pin a message as the room's notice (replacing the one before), or unpin with null. */
export const PinFrame = Type.Object(
  {
    type: Type.Literal('pin'),
    roomId: RoomId,
    messageId: Type.Union([MessageId, Type.Null()]),
    tempId: Type.Optional(TempId),
  },
  { additionalProperties: false },
);

export const SyncFrame = Type.Object(
  {
    type: Type.Literal('sync'),
    /**
     * Room id → the highest rev the client has applied (0: nothing). The server answers with every
     * change after it, rooms added since and rooms the client is no longer in (docs/protocol.md).
     * Ids are written canonically ("5", never "05" or "0"), so one room is one key.
     */
    cursors: Type.Record(Type.String({ pattern: '^[1-9][0-9]*$' }), Seq, { maxProperties: 5000, additionalProperties: false }),
    /**
     * Only the rooms named: for following `more` and for repairing a gap in one room. Without it
     * the server also answers the caller's rooms that are not named (joined while it was away).
     */
    only: Type.Optional(Type.Boolean()),
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

/**
 * Whether this page's browser reached the HTTPS origin with a trusted certificate (a fetch to
 * `/https-probe` on the https scheme of the same host and port). The manager counts the answers.
 */
export const TrustFrame = Type.Object({ type: Type.Literal('trust'), trusted: Type.Boolean() }, { additionalProperties: false });

export const ClientFrame = Type.Union([SendFrame, SyncFrame, ReadFrame, TypingFrame, EditFrame, ReactFrame, PinFrame, TrustFrame]);
export type ClientFrame = Static<typeof ClientFrame>;
export type ClientFrameType = ClientFrame['type'];
export const CLIENT_FRAME_TYPES: readonly ClientFrameType[] = ['send', 'sync', 'read', 'typing', 'edit', 'react', 'pin', 'trust'];

// ---- server → client ----

/** A set of user ids: a JSON array, or for a client of protocol 2 (`/ws?v=2`) maybe a base64 bitmap (protocol/id-set.ts). */
const IdSetSchema = Type.Union([Type.Array(Type.Integer({ minimum: 0 })), Type.String({ contentEncoding: 'base64' })]);
// The server builds these itself; they are schemas too so the protocol is written down once and a
// third-party client can validate what it receives.

export const ReadyFrame = Type.Object({
  type: Type.Literal('ready'),
  user: AccountUser,
  /** Ids of users with at least one open connection (an id set: protocol/id-set.ts). */
  online: IdSetSchema,
});
export const AckFrame = Type.Object({ type: Type.Literal('ack'), tempId: Type.String(), message: Message });
export const MessageFrame = Type.Object({ type: Type.Literal('message'), message: Message });
export const SyncedFrame = Type.Object({
  type: Type.Literal('synced'),
  roomId: Type.Integer(),
  /** The room as it is now (members and their read cursors, name, owner, pin, unread, rev). */
  room: Room,
  /** Every message changed after the client's cursor, in rev order, each in its current state. */
  messages: Type.Array(Message),
  /** True when more remain; the client sends another `sync` for this room from the last message's rev. */
  more: Type.Boolean(),
  /**
   * Present (true) when the last rev of this frame goes on in the next `synced` frame of this room,
   * which follows without asking: one operation changed more messages than fit in a frame. Send
   * nothing and keep your cursor below that rev until a frame without it.
   */
  continues: Type.Optional(Type.Boolean()),
});
/** Everything one `sync` frame asked for has been answered. */
export const SyncDoneFrame = Type.Object({ type: Type.Literal('sync-done') });
export const ReadEventFrame = Type.Object({
  type: Type.Literal('read'),
  roomId: Type.Integer(),
  userId: Type.Integer(),
  seq: Type.Integer(),
  rev: Type.Integer(),
});
export const TypingEventFrame = Type.Object({
  type: Type.Literal('typing'),
  roomId: Type.Integer(),
  userId: Type.Integer(),
});
/** Presence changes, batched: sent at most twice a second, and once in full inside `ready`. */
export const PresenceFrame = Type.Object({
  type: Type.Literal('presence'),
  /** Id sets (protocol/id-set.ts): who came online, who went offline. */
  online: IdSetSchema,
  offline: IdSetSchema,
});
/** A room the user was just added to, or whose name, members or owner changed. */
export const RoomFrame = Type.Object({ type: Type.Literal('room'), room: Room });
/** You are no longer a member of this room (you left, possibly on another device, or were removed). */
export const RemovedFrame = Type.Object({ type: Type.Literal('removed'), roomId: Type.Integer() });
/** A message was deleted for everyone; show it as deleted (its file is gone from the server). */
export const DeletedFrame = Type.Object({ type: Type.Literal('deleted'), roomId: Type.Integer(), messageId: Type.Integer(), rev: Type.Integer() });
/** A message's text was edited: the whole message as it is now. */
export const EditedFrame = Type.Object({ type: Type.Literal('edited'), message: Message });
/** A message's reactions changed: the full list now. */
export const ReactedFrame = Type.Object({
  type: Type.Literal('reacted'),
  roomId: Type.Integer(),
  messageId: Type.Integer(),
  rev: Type.Integer(),
  reactions: Type.Array(Reaction),
});
/** The room's pinned notice changed (null: unpinned). */
export const PinnedFrame = Type.Object({ type: Type.Literal('pinned'), roomId: Type.Integer(), rev: Type.Integer(), pin: Type.Union([Pin, Type.Null()]) });
/**
 * HTTPS was switched on or off. The client moves to `url` (same page, new scheme) once its pending
 * sends are acknowledged; the server closes sockets left on the old scheme after a grace period.
 */
export const SchemeFrame = Type.Object({ type: Type.Literal('scheme'), https: Type.Boolean(), port: Type.Integer() });
/** For admins: someone signed up and waits for approval; `pending` is how many wait now. */
/** The HTTPS origin can now be probed (its certificate is ready): pages test it again and answer `trust`. */
export const TrustCheckFrame = Type.Object({ type: Type.Literal('trust-check') });

export const SignupFrame = Type.Object({ type: Type.Literal('signup'), pending: Type.Integer() });
/** For admins: a password-reset request was filed or decided; `pending` is how many wait now. */
export const ResetRequestFrame = Type.Object({ type: Type.Literal('reset-request'), pending: Type.Integer() });
/** A colleague changed their profile (name, status message, photo). */
export const UserFrame = Type.Object({ type: Type.Literal('user'), user: PublicUser });
/** My settings changed (saved from this or another tab or device): the whole document now. */
export const SettingsFrame = Type.Object({ type: Type.Literal('settings'), settings: UserSettingsSchema });
/**
 * A person who shares a secret room with you added or removed a device: their whole device list
 * now (compare it with your pins: a new key is a key change to show and acknowledge).
 */
export const DevicesFrame = Type.Object({ type: Type.Literal('devices'), userId: Type.Integer(), devices: Type.Array(Device) });
/** A sender key wrapped for one of your devices (POST /api/rooms/:id/keys by another member). */
export const RoomKeyFrame = Type.Composite([Type.Object({ type: Type.Literal('room-key') }), KeyEnvelope]);
export const ErrorFrame = Type.Object({
  type: Type.Literal('error'),
  code: Type.String(),
  message: Type.Object({ ko: Type.String(), en: Type.String() }),
  /** Present when the error answers a frame that carried a tempId (`send`, `edit`, `react`). */
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
  RemovedFrame,
  DeletedFrame,
  EditedFrame,
  ReactedFrame,
  PinnedFrame,
  SyncDoneFrame,
  UserFrame,
  SignupFrame,
  ResetRequestFrame,
  SchemeFrame,
  SettingsFrame,
  TrustCheckFrame,
  DevicesFrame,
  RoomKeyFrame,
  ErrorFrame,
]);
export type ServerFrame = Static<typeof ServerFrame>;
export type ErrorFrame = Static<typeof ErrorFrame> & ErrorBody;

export { CLOSE_CODES } from './limits.ts';
