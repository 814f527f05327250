// Migration 1: accounts, sessions, rooms, members with read cursors, messages.
export default /* sql */ `
CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  email           TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  employee_no     TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  name            TEXT    NOT NULL,
  department      TEXT    NOT NULL DEFAULT '',
  position        TEXT    NOT NULL DEFAULT '',
  status_message  TEXT    NOT NULL DEFAULT '',
  avatar_color    INTEGER NOT NULL,
  role            TEXT    NOT NULL CHECK (role IN ('admin', 'member')),
  status          TEXT    NOT NULL CHECK (status IN ('pending', 'active', 'rejected', 'disabled')),
  password_hash   TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  decided_at      INTEGER,
  decided_by      INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX users_status ON users(status);

CREATE TABLE sessions (
  token_hash   BLOB    PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE rooms (
  id          INTEGER PRIMARY KEY,
  kind        TEXT    NOT NULL CHECK (kind IN ('dm', 'group')),
  name        TEXT    NOT NULL DEFAULT '',
  -- "<smaller user id>:<larger user id>" for DMs so opening one twice finds the same room.
  dm_key      TEXT    UNIQUE,
  last_seq    INTEGER NOT NULL DEFAULT 0,
  created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL
);

CREATE TABLE room_members (
  room_id        INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  last_read_seq  INTEGER NOT NULL DEFAULT 0,
  joined_at      INTEGER NOT NULL,
  PRIMARY KEY (room_id, user_id)
) WITHOUT ROWID;
CREATE INDEX room_members_user ON room_members(user_id, room_id);

CREATE TABLE messages (
  id          INTEGER PRIMARY KEY,
  room_id     INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  sender_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  body        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  UNIQUE (room_id, seq)
);
`;
