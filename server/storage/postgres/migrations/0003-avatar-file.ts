// Migration 3 (PostgreSQL): the profile photo's foreign key, which migration 1 could not declare
// because `files` comes with migration 2. As in SQLite, deleting the file clears the photo.
export default /* sql */ `
ALTER TABLE users ADD CONSTRAINT users_avatar_file FOREIGN KEY (avatar_file_id) REFERENCES files(id) ON DELETE SET NULL;
`;
