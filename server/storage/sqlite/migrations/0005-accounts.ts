// Migration 5: password-reset requests filed from the login screen and decided by an admin. Only
// hashes of the requester's code and of the one-time token are kept.
export default /* sql */ `
CREATE TABLE password_resets (
  id               INTEGER PRIMARY KEY,
  -- The active account whose login AND name matched when filed; NULL when none did.
  user_id          INTEGER REFERENCES users(id) ON DELETE CASCADE,
  login            TEXT    NOT NULL,
  name             TEXT    NOT NULL,
  address          TEXT    NOT NULL,
  code_hash        BLOB    NOT NULL,
  -- Four digits read out to the admin to confirm who asks; not a secret.
  check_digits     TEXT    NOT NULL,
  status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'used')),
  created_at       INTEGER NOT NULL,
  decided_at       INTEGER,
  decided_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  token_hash       BLOB,
  token_expires_at INTEGER
);
CREATE INDEX password_resets_recent ON password_resets(created_at);
`;
