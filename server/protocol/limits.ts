// Plain constants of the protocol, free of any runtime dependency so the web client can import
// them without pulling the schema library into its bundle.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1024;
export const MESSAGE_MAX = 10_000;
export const HISTORY_PAGE_MAX = 100;
/** A search query: at most this many characters (code points). */
export const SEARCH_QUERY_MAX = 100;
export const SEARCH_PAGE_DEFAULT = 20;
export const SEARCH_PAGE_MAX = 50;

/** Close codes the server uses, so a client can tell "log in again" from "reconnect". */
export const CLOSE_CODES = {
  /** The session ended (logout, revoked): do not reconnect until logged in again. */
  LOGGED_OUT: 4001,
  /** Too many connections for this user: back off before reconnecting. (The total cap refuses the upgrade with 429.) */
  TOO_MANY: 4002,
  /**
   * Reserved: a client that does not read fast enough is dropped without a close frame (one could
   * not get through its backlog), so it sees 1006; either way it reconnects and resyncs.
   */
  SLOW_READER: 4003,
  /** Repeated rate-limit or protocol violations. */
  POLICY: 1008,
} as const;
