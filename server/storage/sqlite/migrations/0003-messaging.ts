// Migration 3: everyday messaging — replies, edits with their history, reactions, mentions, system
// lines (joins, leaves, renames), a pinned notice per room, owners, and the change feed: every room
// counts its changes in `rev`, every message remembers the rev of its last change, so a client that
// was away gets exactly what changed (docs/protocol.md, "Change feed").
export default /* sql */ `
ALTER TABLE rooms ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
-- The rev of the last change to the room itself: name, members, owner, pin, read cursors.
ALTER TABLE rooms ADD COLUMN meta_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE rooms ADD COLUMN pinned_message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL;
ALTER TABLE rooms ADD COLUMN pinned_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE rooms ADD COLUMN pinned_at INTEGER;
UPDATE rooms SET rev = last_seq, meta_rev = last_seq, owner_id = CASE WHEN kind = 'group' THEN created_by END;

ALTER TABLE messages ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN reply_to INTEGER REFERENCES messages(id) ON DELETE SET NULL;
ALTER TABLE messages ADD COLUMN edited_at INTEGER;
ALTER TABLE messages ADD COLUMN mention_all INTEGER NOT NULL DEFAULT 0;
-- A system line (joined, left, removed, renamed, created) as JSON; NULL for what people wrote.
ALTER TABLE messages ADD COLUMN system TEXT;
UPDATE messages SET rev = seq;
CREATE INDEX messages_rev ON messages(room_id, rev);
CREATE INDEX messages_reply_to ON messages(reply_to) WHERE reply_to IS NOT NULL;

-- The previous versions of an edited message, oldest first; the current text stays in messages.
CREATE TABLE message_edits (
  id          INTEGER PRIMARY KEY,
  message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  body        TEXT    NOT NULL,
  -- When this version was written (the message's creation or an earlier edit).
  written_at  INTEGER NOT NULL
);
CREATE INDEX message_edits_message ON message_edits(message_id, id);

CREATE TABLE reactions (
  message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  emoji       TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (message_id, emoji, user_id)
) WITHOUT ROWID;

-- One row per mentioned member (an @all is one row per member but the sender), keyed for the
-- "unread mentions" badge: mentions of me in a room with seq above my read cursor.
CREATE TABLE mentions (
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  room_id     INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  -- 1: named in the message's mentions; 0: reached only through its @all.
  explicit    INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (user_id, room_id, seq)
) WITHOUT ROWID;
CREATE INDEX mentions_message ON mentions(message_id);
`;
