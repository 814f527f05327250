// Plain constants of the protocol, free of any runtime dependency so the web client can import
// them without pulling the schema library into its bundle.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1024;
export const MESSAGE_MAX = 10_000;
export const HISTORY_PAGE_MAX = 100;

/** Close codes the server uses, so a client can tell "log in again" from "reconnect". */
export const CLOSE_CODES = {
  /** The session ended (logout, revoked): do not reconnect until logged in again. */
  LOGGED_OUT: 4001,
  /** Too many connections for this user or in total: back off before reconnecting. */
  TOO_MANY: 4002,
  /** The client did not read fast enough; reconnect and resync. */
  SLOW_READER: 4003,
  /** Repeated rate-limit or protocol violations. */
  POLICY: 1008,
} as const;
