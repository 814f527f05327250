// Migration 9: secret rooms (end-to-end encrypted; docs/secret-chats.md).
//
// rooms.secret marks an encrypted room and rooms.key_epoch counts the changes of its member devices.
// A secret message keeps body '' and its envelope in messages.cipher (with the epoch it was made
// for); the server never reads it. devices holds each person's public keys per browser;
// key_envelopes the sender keys wrapped for one device each, kept until the device or room goes.
// A 1:1 secret room is a 'dm' whose dm_key is 's:<a>:<b>' (the plain DM keeps '<a>:<b>').
//
// The search triggers of migration 4 skip an empty body already; they are made to skip any row
// with a cipher as well, so secret content can never reach the index whatever a writer puts in body.
export default /* sql */ `
ALTER TABLE rooms ADD COLUMN secret INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN key_epoch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN cipher TEXT;
ALTER TABLE messages ADD COLUMN epoch INTEGER;

CREATE TABLE devices (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  agree_key   TEXT    NOT NULL,
  sign_key    TEXT    NOT NULL,
  label       TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX devices_user ON devices(user_id, id);

CREATE TABLE key_envelopes (
  id           INTEGER PRIMARY KEY,
  room_id      INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  epoch        INTEGER NOT NULL,
  from_device  INTEGER NOT NULL,
  from_user    INTEGER NOT NULL,
  to_device    INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  payload      TEXT    NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX key_envelopes_inbox ON key_envelopes(to_device, room_id, id);
CREATE INDEX key_envelopes_room ON key_envelopes(room_id);

DROP TRIGGER message_search_insert;
DROP TRIGGER message_search_update;

CREATE TRIGGER message_search_insert AFTER INSERT ON messages
  WHEN new.system IS NULL AND new.deleted_at IS NULL AND new.body <> '' AND new.cipher IS NULL
BEGIN
  INSERT INTO message_search (rowid, body, room) VALUES (new.id, sotong_index_text(new.body), new.room_id);
END;

CREATE TRIGGER message_search_update AFTER UPDATE OF body, deleted_at, system, cipher ON messages
  WHEN old.body IS NOT new.body OR old.deleted_at IS NOT new.deleted_at OR old.system IS NOT new.system OR old.cipher IS NOT new.cipher
BEGIN
  DELETE FROM message_search WHERE rowid = old.id;
  INSERT INTO message_search (rowid, body, room)
    SELECT new.id, sotong_index_text(new.body), new.room_id
     WHERE new.system IS NULL AND new.deleted_at IS NULL AND new.body <> '' AND new.cipher IS NULL;
END;
`;
