import { Type, type Static } from '@sinclair/typebox';

// The shapes the server hands out. Times are milliseconds since the epoch (UTC).

export const UserStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('active'),
  Type.Literal('rejected'),
  Type.Literal('disabled'),
]);
export type UserStatus = Static<typeof UserStatus>;

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('member')]);
export type Role = Static<typeof Role>;

/** What every logged-in employee may see of a colleague. */
export const PublicUser = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  department: Type.String(),
  position: Type.String(),
  statusMessage: Type.String(),
  /** Index into the 12-colour avatar palette; stable for the user's lifetime. */
  avatarColor: Type.Integer({ minimum: 0, maximum: 11 }),
  /** The profile photo's file id (its URL is /api/users/:id/avatar?v=<id>), or null for initials. */
  avatarFileId: Type.Union([Type.Integer(), Type.Null()]),
  role: Role,
  /** Present (true) on a deleted account's tombstone: show "(탈퇴한 사용자)" / "(deleted user)"; the other fields are blank. */
  deleted: Type.Optional(Type.Literal(true)),
});
export type PublicUser = Static<typeof PublicUser>;

/** The logged-in user's own account, and what admins see in the approval list. */
export const AccountUser = Type.Composite([
  PublicUser,
  Type.Object({
    email: Type.String(),
    employeeNo: Type.String(),
    status: UserStatus,
    createdAt: Type.Integer(),
    /** When an admin deleted the account (admins' lists only); absent for a live account. */
    deletedAt: Type.Optional(Type.Integer()),
  }),
]);
export type AccountUser = Static<typeof AccountUser>;

export const FileKind = Type.Union([Type.Literal('image'), Type.Literal('file')]);
export type FileKind = Static<typeof FileKind>;

/** A file shared in a room. Download: /api/files/:id; image thumbnail: /api/files/:id/thumb. */
export const FileInfo = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  size: Type.Integer(),
  mime: Type.String(),
  kind: FileKind,
  /** Pixel size of an image (null for other files). */
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
});
export type FileInfo = Static<typeof FileInfo>;

/** What a reply shows of the message it answers (server/protocol/excerpt.ts builds it). */
export const ReplyQuote = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer(),
  senderId: Type.Integer(),
  /** The first line of the text, at most QUOTE_EXCERPT_MAX characters; empty once deleted. */
  excerpt: Type.String(),
  /** The quoted message's file (its name and whether it is a photo), or null. */
  file: Type.Union([Type.Object({ name: Type.String(), kind: FileKind }), Type.Null()]),
  /** True once the quoted message was deleted: show "deleted message". */
  deleted: Type.Boolean(),
});
export type ReplyQuote = Static<typeof ReplyQuote>;

/** One emoji on a message and who chose it, in the order they did. */
export const Reaction = Type.Object({ emoji: Type.String(), userIds: Type.Array(Type.Integer()) });
export type Reaction = Static<typeof Reaction>;

export const SystemEventKind = Type.Union([
  Type.Literal('created'),
  Type.Literal('joined'),
  Type.Literal('left'),
  Type.Literal('removed'),
  Type.Literal('renamed'),
]);
export type SystemEventKind = Static<typeof SystemEventKind>;

/** A line the server writes into the timeline: who did what to the room. */
export const SystemEvent = Type.Object({
  event: SystemEventKind,
  /** Who did it (the person who left, added, removed or renamed). */
  actorId: Type.Integer(),
  /** Who it happened to: the people added or removed (empty for left, renamed, created). */
  userIds: Type.Array(Type.Integer()),
  /** The new name, for renamed and created; empty otherwise. */
  name: Type.String(),
});
export type SystemEvent = Static<typeof SystemEvent>;

export const Message = Type.Object({
  id: Type.Integer(),
  roomId: Type.Integer(),
  /** Per-room sequence number: 1, 2, 3… with no gaps. */
  seq: Type.Integer(),
  /** The room's change counter at this message's last change (created, edited, deleted, reacted to, its quote changed). */
  rev: Type.Integer(),
  senderId: Type.Integer(),
  /** Text; for a file message, an optional caption (often empty). Empty once deleted and for system lines. */
  body: Type.String(),
  createdAt: Type.Integer(),
  file: Type.Union([FileInfo, Type.Null()]),
  /** True once deleted for everyone; the body, file, quote, reactions, mentions and edit history are gone, the sequence number stays. */
  deleted: Type.Boolean(),
  /** The message this one answers, as a quote. */
  replyTo: Type.Union([ReplyQuote, Type.Null()]),
  /** When the text was last edited, or null. */
  editedAt: Type.Union([Type.Integer(), Type.Null()]),
  reactions: Type.Array(Reaction),
  /** Ids of the members this message mentions. */
  mentions: Type.Array(Type.Integer()),
  /** True for an @all / @모두 mention (groups only). */
  mentionAll: Type.Boolean(),
  /** Set for a line the server wrote (a join, leave, rename…); null for what people wrote. */
  system: Type.Union([SystemEvent, Type.Null()]),
  /**
   * In a secret room: the end-to-end encrypted envelope (base64url; the server never looks inside),
   * and `body` is ''. Null in a plain room, for system lines and once deleted.
   */
  cipher: Type.Union([Type.String(), Type.Null()]),
  /** The room's key epoch the cipher was sent under (secret rooms); null otherwise. */
  epoch: Type.Union([Type.Integer(), Type.Null()]),
});
export type Message = Static<typeof Message>;

/** A room's pinned notice (공지): one message any member pinned. */
export const Pin = Type.Object({ message: Message, pinnedBy: Type.Integer(), pinnedAt: Type.Integer() });
export type Pin = Static<typeof Pin>;

export const RoomKind = Type.Union([Type.Literal('dm'), Type.Literal('group')]);
export type RoomKind = Static<typeof RoomKind>;

export const RoomMember = Type.Object({
  userId: Type.Integer(),
  /** The highest sequence number this member has read in the room. */
  lastReadSeq: Type.Integer(),
});
export type RoomMember = Static<typeof RoomMember>;

export const Room = Type.Object({
  id: Type.Integer(),
  kind: RoomKind,
  /** Group name; empty for a DM (the client shows the other person's name). */
  name: Type.String(),
  members: Type.Array(RoomMember),
  lastSeq: Type.Integer(),
  lastMessage: Type.Union([Message, Type.Null()]),
  /** Messages after the caller's read cursor. */
  unread: Type.Integer(),
  /** Messages after the caller's read cursor that mention the caller (or @all). */
  mentions: Type.Integer(),
  createdAt: Type.Integer(),
  /** The room's change counter: the last change of any kind (see docs/protocol.md, "Change feed"). */
  rev: Type.Integer(),
  /** The group's owner (its creator, then the earliest-joined member when the owner leaves); null for a DM. */
  ownerId: Type.Union([Type.Integer(), Type.Null()]),
  pinned: Type.Union([Pin, Type.Null()]),
  /** An end-to-end encrypted room (docs/secret-chats.md): messages carry `cipher`, never a body. */
  secret: Type.Boolean(),
  /**
   * Goes up by one whenever the set of member devices changes (a member joins, leaves or is
   * removed, a member's device is added or removed); 0 for a plain room. Messages and key
   * envelopes name the epoch they were made for; the server refuses a stale one.
   */
  keyEpoch: Type.Integer(),
});
export type Room = Static<typeof Room>;

/** One browser (or app) of a person, with its public keys: base64url raw P-256 points (65 bytes). */
export const Device = Type.Object({
  id: Type.Integer(),
  userId: Type.Integer(),
  /** ECDH P-256 public key (key agreement). */
  agreeKey: Type.String(),
  /** ECDSA P-256 public key (signatures). */
  signKey: Type.String(),
  /** What the person calls it ("Chrome on the office PC"). */
  label: Type.String(),
  createdAt: Type.Integer(),
});
export type Device = Static<typeof Device>;

/** A sender key wrapped for one device (the server stores and forwards it, never reads it). */
export const KeyEnvelope = Type.Object({
  id: Type.Integer(),
  roomId: Type.Integer(),
  epoch: Type.Integer(),
  fromDevice: Type.Integer(),
  /** The user who owns fromDevice (the sender). */
  fromUser: Type.Integer(),
  toDevice: Type.Integer(),
  /** base64url, opaque to the server. */
  payload: Type.String(),
  createdAt: Type.Integer(),
});
export type KeyEnvelope = Static<typeof KeyEnvelope>;
