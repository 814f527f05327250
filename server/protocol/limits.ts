// Plain constants of the protocol, free of any runtime dependency so the web client can import
// them without pulling the schema library into its bundle.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1024;
export const MESSAGE_MAX = 10_000;
export const HISTORY_PAGE_MAX = 100;
/** A search query: at most this many characters (code points). */
export const SEARCH_QUERY_MAX = 100;
/** Words (white-space separated terms with something searchable) in one search. */
export const SEARCH_TERMS_MAX = 8;
export const SEARCH_PAGE_DEFAULT = 20;
export const SEARCH_PAGE_MAX = 50;
/** Characters of the quoted text a reply shows. */
export const QUOTE_EXCERPT_MAX = 100;
/** Members one message may mention by id. */
export const MENTIONS_MAX = 50;
/** Different emoji one message may carry as reactions. */
export const REACTIONS_PER_MESSAGE_MAX = 50;
/** UTF-16 units of one reaction emoji (the longest RGI sequences, family and flag tags, fit). */
export const EMOJI_MAX_LENGTH = 32;
/** How long after sending a member may delete a message for everyone (admins: any time). */
export const DELETE_WINDOW_MS = 24 * 60 * 60 * 1000;

// ---- secret rooms (docs/secret-chats.md) ----
/** Members a secret room may have (a 1:1 secret room has two). */
export const SECRET_ROOM_MEMBERS_MAX = 50;
/** Devices (browsers) one person may register. */
export const DEVICES_PER_USER_MAX = 10;
/** Characters of a device's label. */
export const DEVICE_LABEL_MAX = 100;
/** Characters of a base64url raw P-256 public point (65 bytes, no padding). */
export const P256_KEY_LENGTH = 87;
/** Characters of a message's base64url cipher (fits a 64 KiB WebSocket frame; 10,000 characters of text encrypted fit). */
export const SECRET_CIPHER_MAX = 60_000;
/** Characters of one key envelope's base64url payload. */
export const KEY_PAYLOAD_MAX = 4096;
/** Envelopes one POST /api/rooms/:id/keys may carry (50 members × 10 devices). */
export const KEY_ENVELOPES_MAX = SECRET_ROOM_MEMBERS_MAX * DEVICES_PER_USER_MAX;
/** Envelopes one GET /api/rooms/:id/keys answers at most. */
export const KEY_PAGE_MAX = 500;
/** base64url without padding. */
export const BASE64URL_PATTERN = '^[A-Za-z0-9_-]*$';

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
