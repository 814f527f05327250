// Migration 7: the audit log — who did what, to whom, when and from which address. Names are kept as
// they were when the entry was written, so the log still reads after a rename or a deletion. Never
// holds passwords, tokens or message text (server/audit/audit-log.ts cleans every detail).
export default /* sql */ `
CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  actor_id     INTEGER,
  actor_name   TEXT    NOT NULL DEFAULT '',
  action       TEXT    NOT NULL,
  target_type  TEXT    CHECK (target_type IN ('user', 'room', 'server')),
  target_id    INTEGER,
  target_name  TEXT    NOT NULL DEFAULT '',
  address      TEXT    NOT NULL DEFAULT '',
  -- A JSON object of short values (what changed, a reason, a count).
  detail       TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_action ON audit_log(action, at);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_log_target ON audit_log(target_type, target_id, at);
`;
