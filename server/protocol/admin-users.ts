import { Type, type Static } from '@sinclair/typebox';
import { AccountUser, Role, UserStatus } from './models.ts';

// The admin users area's bodies (docs/protocol.md, "Admin: users"): the list, bulk decisions,
// role, status, department/position, force logout, delete with its export, the export files.

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const ADMIN_USERS_PAGE_MAX = 500;
export const BULK_DECIDE_MAX = 500;

export const AdminUsersQuery = Type.Object(
  {
    /** Part of the name, employee number, department or e-mail. */
    q: Type.Optional(Type.String({ maxLength: 100 })),
    /** `deleted` lists tombstones; every other status leaves them out. */
    status: Type.Optional(Type.Union([UserStatus, Type.Literal('deleted')])),
    role: Type.Optional(Role),
    /** Default 100. */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ADMIN_USERS_PAGE_MAX })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
  },
  { additionalProperties: false },
);
export type AdminUsersQuery = Static<typeof AdminUsersQuery>;

export const AdminUsersReply = Type.Object({
  /** Pending sign-ups first (oldest first), then by name; deleted accounts last. */
  users: Type.Array(AccountUser),
  /** How many match the filters in all (for paging). */
  total: Type.Integer(),
});
export type AdminUsersReply = Static<typeof AdminUsersReply>;

export const BulkDecideRequest = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: BULK_DECIDE_MAX, uniqueItems: true }),
    action: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
  },
  { additionalProperties: false },
);
export type BulkDecideRequest = Static<typeof BulkDecideRequest>;

export const BulkOutcome = Type.Union([Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('not_found'), Type.Literal('not_pending')]);
export type BulkOutcome = Static<typeof BulkOutcome>;

export const BulkDecideReply = Type.Object({
  /** One entry per id, in the order sent. */
  results: Type.Array(Type.Object({ id: Type.Integer(), outcome: BulkOutcome })),
  /** How many sign-ups still wait. */
  pending: Type.Integer(),
});
export type BulkDecideReply = Static<typeof BulkDecideReply>;

export const RoleRequest = Type.Object({ role: Role }, { additionalProperties: false });
export type RoleRequest = Static<typeof RoleRequest>;

export const WorkRequest = Type.Object(
  { department: Type.String({ maxLength: 50 }), position: Type.String({ maxLength: 50 }) },
  { additionalProperties: false },
);
export type WorkRequest = Static<typeof WorkRequest>;

export const AdminUserReply = Type.Object({ user: AccountUser });
export type AdminUserReply = Static<typeof AdminUserReply>;

/** One written export: a JSON file and an HTML file with the same base name. */
export const ExportEntry = Type.Object({
  /** The base name, e.g. `user-17-20261202T061500123Z`; the files are `<name>.json` and `<name>.html`. */
  name: Type.String(),
  /** The deleted user's (or room's) id. */
  subjectId: Type.Integer(),
  /** The user's name (or room's) when it was exported. */
  subjectName: Type.String(),
  createdAt: Type.Integer(),
  /** Bytes of the JSON and HTML files together. */
  size: Type.Integer(),
});
export type ExportEntry = Static<typeof ExportEntry>;

export const DeleteUserReply = Type.Object({ user: AccountUser, export: ExportEntry });
export type DeleteUserReply = Static<typeof DeleteUserReply>;

export const ExportsReply = Type.Object({ exports: Type.Array(ExportEntry) });
export type ExportsReply = Static<typeof ExportsReply>;

/** `<base name>.json` or `<base name>.html`; anything else (paths, dots) is refused by the schema. */
export const ExportFileParams = Type.Object({ file: Type.String({ maxLength: 120, pattern: '^[a-z]+-[0-9]+-[0-9]{8}T[0-9]{9}Z\\.(json|html)$' }) });
export type ExportFileParams = Static<typeof ExportFileParams>;
