// Migration 2: uploaded files (attachments and profile photos), messages that carry a file,
// deleted messages, the client's id of each send, and the user's profile photo.
export default /* sql */ `
CREATE TABLE files (
  id            INTEGER PRIMARY KEY,
  room_id       INTEGER REFERENCES rooms(id) ON DELETE CASCADE,
  uploader_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- Server-made random name under uploads/; the original name is metadata only.
  storage_name  TEXT    NOT NULL UNIQUE,
  thumb_name    TEXT,
  original_name TEXT    NOT NULL,
  mime          TEXT    NOT NULL,
  size          INTEGER NOT NULL,
  kind          TEXT    NOT NULL CHECK (kind IN ('image', 'file', 'avatar')),
  width         INTEGER,
  height        INTEGER,
  created_at    INTEGER NOT NULL
);
CREATE INDEX files_room ON files(room_id, kind, id);

ALTER TABLE messages ADD COLUMN file_id INTEGER REFERENCES files(id) ON DELETE SET NULL;
ALTER TABLE messages ADD COLUMN deleted_at INTEGER;
-- The client's id for a send: a send retried after a reconnect is recognised, not stored twice.
ALTER TABLE messages ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX messages_client_id ON messages(sender_id, client_id) WHERE client_id IS NOT NULL;
ALTER TABLE users ADD COLUMN avatar_file_id INTEGER REFERENCES files(id) ON DELETE SET NULL;
`;
