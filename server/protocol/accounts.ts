import { Type, type Static } from '@sinclair/typebox';
import { PASSWORD_MAX } from './limits.ts';
import { UserStatus } from './models.ts';

// Changing one's own password, resetting a forgotten one by admin approval, and the waiting screen's
// status probe. Defined once like the rest; the web client takes the types.

const Password = Type.String({ maxLength: PASSWORD_MAX * 4 });
const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const ChangePasswordRequest = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordRequest = Static<typeof ChangePasswordRequest>;

export const SignupStatusReply = Type.Object({ status: UserStatus });
export type SignupStatusReply = Static<typeof SignupStatusReply>;

export const ResetFileRequest = Type.Object(
  {
    /** E-mail or employee number, as at login. */
    login: Type.String({ minLength: 1, maxLength: 254, pattern: '\\S' }),
    name: Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' }),
  },
  { additionalProperties: false },
);
export type ResetFileRequest = Static<typeof ResetFileRequest>;

/** The same shape whether or not the account exists. */
export const ResetFiledReply = Type.Object({
  id: Type.Integer(),
  /** The requester's secret for polling (kept by the browser; only its hash is stored). */
  code: Type.String(),
  /** Four digits shown on the requester's screen and to admins, read out to confirm who asks. */
  check: Type.String(),
});
export type ResetFiledReply = Static<typeof ResetFiledReply>;

export const ResetCodeQuery = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const ResetState = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
  Type.Literal('expired'),
  Type.Literal('used'),
]);
export type ResetState = Static<typeof ResetState>;

export const ResetStatusReply = Type.Object({
  status: ResetState,
  /** Only while approved: a fresh one-time token (each poll replaces the one before). */
  token: Type.Optional(Type.String()),
  /** While approved: when the token stops working, ms since the epoch. */
  expiresAt: Type.Optional(Type.Integer()),
});
export type ResetStatusReply = Static<typeof ResetStatusReply>;

export const ResetCompleteRequest = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 128 }), newPassword: Password },
  { additionalProperties: false },
);
export type ResetCompleteRequest = Static<typeof ResetCompleteRequest>;

/** The account a request names, when login and name match an active one. */
export const ResetAccount = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  employeeNo: Type.String(),
  department: Type.String(),
});

export const ResetRequestView = Type.Object({
  id: Id,
  /** As the requester typed them. */
  login: Type.String(),
  name: Type.String(),
  check: Type.String(),
  status: ResetState,
  /** Null: no active account has that login and name; such a request can only be rejected. */
  account: Type.Union([ResetAccount, Type.Null()]),
  address: Type.String(),
  createdAt: Type.Integer(),
  decidedAt: Type.Union([Type.Integer(), Type.Null()]),
});
export type ResetRequestView = Static<typeof ResetRequestView>;

export const ResetRequestsReply = Type.Object({ requests: Type.Array(ResetRequestView) });
export type ResetRequestsReply = Static<typeof ResetRequestsReply>;

export const ResetRequestReply = Type.Object({ request: ResetRequestView });
export type ResetRequestReply = Static<typeof ResetRequestReply>;
