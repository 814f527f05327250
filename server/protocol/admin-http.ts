import { Type, type Static } from '@sinclair/typebox';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from './audit-actions.ts';
import { RoomKind } from './models.ts';
import { ExportEntry } from './admin-users.ts';

// The admin area's audit log and rooms: request and reply bodies, defined once (see http.ts).

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Time = Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 });
export const ADMIN_PAGE_MAX = 200;
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: ADMIN_PAGE_MAX }));
const Offset = Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 }));

export const AuditActionSchema = Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a)));
export const AuditTargetTypeSchema = Type.Union(AUDIT_TARGET_TYPES.map((a) => Type.Literal(a)));

/** A value in an entry's detail: what changed, a reason, a count. Never a secret or message text. */
export const AuditDetail = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]));
export type AuditDetail = Static<typeof AuditDetail>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  /** When, ms since the epoch. */
  at: Type.Integer(),
  /** Who did it: a user id, or null for the server PC's manager console and for anonymous requests. */
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  /** The actor's name when it was recorded ('' when there is no actor). */
  actorName: Type.String(),
  action: AuditActionSchema,
  targetType: Type.Union([AuditTargetTypeSchema, Type.Null()]),
  targetId: Type.Union([Type.Integer(), Type.Null()]),
  /** The target's name when it was recorded (a user's name, a room's name or its DM members). */
  targetName: Type.String(),
  /** The address the request came from. */
  address: Type.String(),
  detail: AuditDetail,
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object(
  {
    /** One action, or several separated by commas. */
    action: Type.Optional(Type.String({ maxLength: 1000, pattern: '^[a-z_]+(,[a-z_]+)*$' })),
    actorId: Type.Optional(Id),
    targetType: Type.Optional(AuditTargetTypeSchema),
    targetId: Type.Optional(Id),
    /** Entries at or after this time (ms). */
    from: Type.Optional(Time),
    /** Entries before this time (ms). */
    to: Type.Optional(Time),
    /** Searches the actor's and the target's names and the address. */
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Limit,
    offset: Offset,
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditReply = Type.Object({
  /** Newest first. */
  entries: Type.Array(AuditEntry),
  /** How many entries match the filters in all. */
  total: Type.Integer(),
});
export type AuditReply = Static<typeof AuditReply>;

export const AdminRoom = Type.Object({
  id: Type.Integer(),
  kind: RoomKind,
  /** The group's name; '' for a DM (see memberNames). */
  name: Type.String(),
  /** The first members' names (all of a DM's), for rooms without a name. */
  memberNames: Type.Array(Type.String()),
  memberCount: Type.Integer(),
  /** Messages people wrote that are not deleted (system lines not counted). */
  messageCount: Type.Integer(),
  /** The newest message's time, or the room's creation when it has none. */
  lastActivityAt: Type.Integer(),
  createdAt: Type.Integer(),
  /** A secret room: admins see that it exists, its members and counts, never its content. */
  secret: Type.Boolean(),
});
export type AdminRoom = Static<typeof AdminRoom>;

export const AdminRoomsQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })), limit: Limit, offset: Offset },
  { additionalProperties: false },
);
export type AdminRoomsQuery = Static<typeof AdminRoomsQuery>;

export const AdminRoomsReply = Type.Object({
  /** Most recently active first. */
  rooms: Type.Array(AdminRoom),
  total: Type.Integer(),
});
export type AdminRoomsReply = Static<typeof AdminRoomsReply>;

export const DeleteRoomReply = Type.Object({ export: ExportEntry });
export type DeleteRoomReply = Static<typeof DeleteRoomReply>;
