// Migration 8: each person's own settings (look, language, notifications, muted rooms) as one JSON
// document, validated and defaulted by server/accounts/settings.ts when read.
export default /* sql */ `
CREATE TABLE user_settings (
  user_id     INTEGER PRIMARY KEY REFERENCES users(id),
  body        TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL
);
`;
