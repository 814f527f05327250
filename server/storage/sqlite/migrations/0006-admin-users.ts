// Migration 6: the admin users area. A deleted account stays in `users` as a tombstone (messages,
// members and files point at it and would cascade away): `deleted_at` marks it, the status is
// 'disabled', the password hash is emptied, the e-mail and employee number are replaced by
// placeholders so they can be used again. Its sessions are removed.
export default /* sql */ `
ALTER TABLE users ADD COLUMN deleted_at INTEGER;
ALTER TABLE users ADD COLUMN deleted_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX users_role_status ON users(role, status);
`;
