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

export const Message = Type.Object({
  id: Type.Integer(),
  roomId: Type.Integer(),
  /** Per-room sequence number: 1, 2, 3… with no gaps. */
  seq: Type.Integer(),
  senderId: Type.Integer(),
  /** Text; for a file message, an optional caption (often empty). Empty once deleted. */
  body: Type.String(),
  createdAt: Type.Integer(),
  file: Type.Union([FileInfo, Type.Null()]),
  /** True once the sender deleted it; the body and file are gone, the sequence number stays. */
  deleted: Type.Boolean(),
});
export type Message = Static<typeof Message>;

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
  createdAt: Type.Integer(),
});
export type Room = Static<typeof Room>;
