import { Type, type Static } from '@sinclair/typebox';
import { AccountUser, Device, FileInfo, FileKind, KeyEnvelope, Message, PublicUser, Room } from './models.ts';

// Every HTTP body, request and reply, defined once. The server validates requests from these
// schemas; the web client takes the matching types.

import {
  BASE64URL_PATTERN,
  DEVICE_LABEL_MAX,
  HISTORY_PAGE_MAX,
  KEY_ENVELOPES_MAX,
  KEY_PAGE_MAX,
  KEY_PAYLOAD_MAX,
  P256_KEY_LENGTH,
  PASSWORD_MAX,
  SEARCH_PAGE_MAX,
} from './limits.ts';

export { PASSWORD_MIN, PASSWORD_MAX, MESSAGE_MAX, HISTORY_PAGE_MAX } from './limits.ts';

/** At least one character that is not white space. */
const NOT_BLANK = '\\S';
const Password = Type.String({ maxLength: PASSWORD_MAX * 4 });
const ShortText = (max: number) => Type.String({ maxLength: max });
const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const Health = Type.Object({ status: Type.Literal('ok'), version: Type.String(), uptimeSec: Type.Number() });
export type Health = Static<typeof Health>;

export const SignupFields = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50, pattern: NOT_BLANK }),
    employeeNo: Type.String({ minLength: 1, maxLength: 30, pattern: NOT_BLANK }),
    department: ShortText(50),
    position: ShortText(50),
    email: Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' }),
    password: Password,
  },
  { additionalProperties: false },
);
export type SignupRequest = Static<typeof SignupFields>;

export const SetupRequest = Type.Composite(
  [SignupFields, Type.Object({ setupCode: Type.Optional(ShortText(64)) })],
  { additionalProperties: false },
);
export type SetupRequest = Static<typeof SetupRequest>;

export const SetupStatus = Type.Object({
  /** True while no admin exists yet. */
  needed: Type.Boolean(),
  /** True when this request comes from the server PC itself, so no setup code is asked for. */
  local: Type.Boolean(),
});
export type SetupStatus = Static<typeof SetupStatus>;

export const LoginRequest = Type.Object(
  {
    /** Email or employee number. */
    login: Type.String({ minLength: 1, maxLength: 254 }),
    password: Password,
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const MeReply = Type.Object({ user: AccountUser });
export type MeReply = Static<typeof MeReply>;

export const SignupReply = Type.Object({ user: AccountUser });
export type SignupReply = Static<typeof SignupReply>;

export const UsersQuery = Type.Object({ q: Type.Optional(ShortText(100)) }, { additionalProperties: false });
export type UsersQuery = Static<typeof UsersQuery>;

export const UsersReply = Type.Object({ users: Type.Array(PublicUser), online: Type.Array(Type.Integer()) });
export type UsersReply = Static<typeof UsersReply>;

export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

export const RoomsReply = Type.Object({ rooms: Type.Array(Room) });
export type RoomsReply = Static<typeof RoomsReply>;

export const RoomReply = Type.Object({ room: Room });
export type RoomReply = Static<typeof RoomReply>;

export const OpenDmRequest = Type.Object(
  {
    userId: Id,
    /** The 1:1 secret room with that person (separate from the plain DM; opening it again returns the same room). */
    secret: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type OpenDmRequest = Static<typeof OpenDmRequest>;

/** A group's name: 1–100 characters, not only white space (stored trimmed). */
const GroupName = Type.String({ minLength: 1, maxLength: 100, pattern: NOT_BLANK });

export const CreateGroupRequest = Type.Object(
  {
    name: GroupName,
    memberIds: Type.Array(Id, { maxItems: 500, uniqueItems: true }),
    /** An end-to-end encrypted group (at most SECRET_ROOM_MEMBERS_MAX members with the creator). */
    secret: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateGroupRequest = Static<typeof CreateGroupRequest>;

export const AddMembersRequest = Type.Object(
  { userIds: Type.Array(Id, { minItems: 1, maxItems: 500, uniqueItems: true }) },
  { additionalProperties: false },
);
export type AddMembersRequest = Static<typeof AddMembersRequest>;

export const MemberParams = Type.Object({ id: Id, userId: Id });
export type MemberParams = Static<typeof MemberParams>;

export const RenameRequest = Type.Object({ name: GroupName }, { additionalProperties: false });
export type RenameRequest = Static<typeof RenameRequest>;

/** owner: the group's owner; admin: a global admin; member: everyone else. */
export const MemberRole = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')]);
export type MemberRole = Static<typeof MemberRole>;

export const RoomMemberInfo = Type.Object({
  user: PublicUser,
  role: MemberRole,
  /** The highest sequence number this member has read. */
  lastReadSeq: Type.Integer(),
  /** Has at least one open connection now. */
  online: Type.Boolean(),
});
export type RoomMemberInfo = Static<typeof RoomMemberInfo>;

/** The members in the order they joined. */
export const MembersReply = Type.Object({ members: Type.Array(RoomMemberInfo) });
export type MembersReply = Static<typeof MembersReply>;

const Seq = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

/** At most one of before, after and around; none gives the newest page. */
export const HistoryQuery = Type.Object(
  {
    /** Return messages with a sequence number below this one; omit for the newest. */
    before: Type.Optional(Seq),
    /** Return messages with a sequence number above this one (the next newer page). */
    after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    /** Return a page with this sequence number in its middle (opening a room at a message). */
    around: Type.Optional(Seq),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORY_PAGE_MAX })),
  },
  { additionalProperties: false },
);
export type HistoryQuery = Static<typeof HistoryQuery>;

export const HistoryReply = Type.Object({
  /** Oldest first. */
  messages: Type.Array(Message),
  /** True when older messages exist before the first one returned. */
  hasMore: Type.Boolean(),
  /** True when newer messages exist after the last one returned (the page is not the newest). */
  hasNewer: Type.Boolean(),
});
export type HistoryReply = Static<typeof HistoryReply>;

export const SearchQuery = Type.Object(
  {
    /** 1–100 characters, not blank (longer or blank: SEARCH_QUERY_TOO_LONG / SEARCH_QUERY_EMPTY). */
    q: Type.String({ maxLength: 1000 }),
    /** Only this room (you must be a member). */
    room: Type.Optional(Id),
    /** Results with a message id below this one: the next page. */
    before: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_PAGE_MAX })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

/** [start, end) in UTF-16 code units of the message body, as JavaScript strings count them. */
export const HighlightRange = Type.Tuple([Type.Integer({ minimum: 0 }), Type.Integer({ minimum: 0 })]);

export const SearchResult = Type.Object({
  message: Message,
  /** Every occurrence of a query term in the body, sorted, not overlapping. */
  highlights: Type.Array(HighlightRange),
});
export type SearchResult = Static<typeof SearchResult>;

export const SearchReply = Type.Object({
  /** Newest first; only rooms the caller is a member of now. */
  results: Type.Array(SearchResult),
  /** More results exist: ask again with before = the last result's message id. */
  hasMore: Type.Boolean(),
});
export type SearchReply = Static<typeof SearchReply>;

/** Every version of a message's text, oldest first; the last is the current text. */
export const EditsReply = Type.Object({
  versions: Type.Array(
    Type.Object({
      body: Type.String(),
      /** When this version was written: the message's sending for the first, its edit for the others. */
      editedAt: Type.Integer(),
    }),
  ),
});
export type EditsReply = Static<typeof EditsReply>;

export const OkReply = Type.Object({ ok: Type.Literal(true) });
export type OkReply = Static<typeof OkReply>;

export const UploadLimits = Type.Object({
  maxBytes: Type.Integer(),
  /** Allowed file name extensions, lower case without the dot. */
  extensions: Type.Array(Type.String()),
});
export type UploadLimits = Static<typeof UploadLimits>;

/**
 * Upload: POST /api/rooms/:id/files as multipart/form-data with an optional `tempId` field and then
 * one `file` part. The reply is the message that now carries the file (other members get it as a
 * `message` frame).
 */
export const UploadReply = Type.Object({ message: Message, tempId: Type.Union([Type.String(), Type.Null()]) });
export type UploadReply = Static<typeof UploadReply>;

export const FilesQuery = Type.Object(
  {
    kind: Type.Optional(FileKind),
    /** Files with an id below this one; omit for the newest. */
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type FilesQuery = Static<typeof FilesQuery>;

export const SharedFile = Type.Composite([
  FileInfo,
  Type.Object({ messageId: Type.Integer(), senderId: Type.Integer(), createdAt: Type.Integer() }),
]);
export type SharedFile = Static<typeof SharedFile>;

export const FilesReply = Type.Object({
  /** Newest first. */
  files: Type.Array(SharedFile),
  hasMore: Type.Boolean(),
});
export type FilesReply = Static<typeof FilesReply>;

export const ProfileRequest = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 50, pattern: NOT_BLANK })),
    statusMessage: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type ProfileRequest = Static<typeof ProfileRequest>;


// ---- secret rooms: devices and key envelopes (docs/protocol.md, "Secret rooms") ----

/** A base64url raw P-256 public point; the server also checks it is on the curve (DEVICE_KEY_INVALID). */
const P256Key = Type.String({ minLength: P256_KEY_LENGTH, maxLength: P256_KEY_LENGTH, pattern: BASE64URL_PATTERN });

export const RegisterDeviceRequest = Type.Object(
  { agreeKey: P256Key, signKey: P256Key, label: Type.String({ maxLength: DEVICE_LABEL_MAX }) },
  { additionalProperties: false },
);
export type RegisterDeviceRequest = Static<typeof RegisterDeviceRequest>;

export const DeviceReply = Type.Object({ device: Device });
export type DeviceReply = Static<typeof DeviceReply>;

/** Devices, oldest first (per user for a room's list). */
export const DevicesReply = Type.Object({ devices: Type.Array(Device) });
export type DevicesReply = Static<typeof DevicesReply>;

const KeyPayload = Type.String({ minLength: 1, maxLength: KEY_PAYLOAD_MAX, pattern: BASE64URL_PATTERN });

export const PostKeysRequest = Type.Object(
  {
    /** Must be the room's keyEpoch now (SECRET_EPOCH_STALE otherwise). */
    epoch: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    /** One of the caller's own devices. */
    fromDevice: Id,
    keys: Type.Array(
      Type.Object({ toDevice: Id, payload: KeyPayload }, { additionalProperties: false }),
      { minItems: 1, maxItems: KEY_ENVELOPES_MAX },
    ),
  },
  { additionalProperties: false },
);
export type PostKeysRequest = Static<typeof PostKeysRequest>;

export const KeysQuery = Type.Object(
  {
    /** My device the envelopes are addressed to. */
    device: Id,
    /** Envelopes with an id above this one (the next page); omit for the oldest. */
    after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: KEY_PAGE_MAX })),
  },
  { additionalProperties: false },
);
export type KeysQuery = Static<typeof KeysQuery>;

/** Oldest first; `hasMore`: ask again with after = the last id. */
export const KeysReply = Type.Object({ keys: Type.Array(KeyEnvelope), hasMore: Type.Boolean() });
export type KeysReply = Static<typeof KeysReply>;

/** The stored envelopes, in the order sent. */
export const PostKeysReply = Type.Object({ keys: Type.Array(KeyEnvelope) });
export type PostKeysReply = Static<typeof PostKeysReply>;
