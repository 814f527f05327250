// Migration 4: the message search index (see server/search/tokenizer.ts for the rules).
//
// An FTS5 table that stores no text, only the index: one row per searchable message, rowid = the
// message id, `body` = the body's tokens as sotong_index_text() makes them (Hangul bigrams, words;
// space-separated, so the `ascii` tokenizer splits exactly there), `room` = the room id, so a
// search within one room (or a few) is a join of two posting lists instead of a scan.
// contentless_delete lets a row be deleted by rowid alone, so an edit or a deletion never needs the
// old tokens (a later change of the tokenizer cannot leave stale rows behind).
//
// Triggers keep it in step with `messages`, whatever code writes there: a new message is indexed,
// an edit (UPDATE of body) re-indexes, a deletion (body '' and deleted_at) or a removed row leaves
// the index. System lines (`system` set) and deleted messages are never indexed.
// sotong_index_text() is registered by openDatabase() (storage/sqlite/database.ts), so a tool that
// writes messages without it fails loudly instead of leaving the index behind.
export default /* sql */ `
CREATE VIRTUAL TABLE message_search USING fts5(
  body, room, content = '', contentless_delete = 1, tokenize = 'ascii', detail = full
);

INSERT INTO message_search (rowid, body, room)
  SELECT id, sotong_index_text(body), room_id FROM messages
   WHERE system IS NULL AND deleted_at IS NULL AND body <> '';

CREATE TRIGGER message_search_insert AFTER INSERT ON messages
  WHEN new.system IS NULL AND new.deleted_at IS NULL AND new.body <> ''
BEGIN
  INSERT INTO message_search (rowid, body, room) VALUES (new.id, sotong_index_text(new.body), new.room_id);
END;

CREATE TRIGGER message_search_update AFTER UPDATE OF body, deleted_at, system ON messages
  WHEN old.body IS NOT new.body OR old.deleted_at IS NOT new.deleted_at OR old.system IS NOT new.system
BEGIN
  DELETE FROM message_search WHERE rowid = old.id;
  INSERT INTO message_search (rowid, body, room)
    SELECT new.id, sotong_index_text(new.body), new.room_id
     WHERE new.system IS NULL AND new.deleted_at IS NULL AND new.body <> '';
END;

CREATE TRIGGER message_search_delete AFTER DELETE ON messages
BEGIN
  DELETE FROM message_search WHERE rowid = old.id;
END;
`;
