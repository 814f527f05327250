import { test } from 'node:test';
import { sqliteOnly } from '../testing/pg-database.ts';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openDatabase, schemaVersion, type Db } from '../storage/sqlite/database.ts';
import { MIGRATIONS } from '../storage/sqlite/migrations/index.ts';
import { startTestServer, tempDataDir } from '../testing/harness.ts';

// The previous release's database (its migrations, rows in every table) meets this release: the
// server migrates it on start and every row is still there.

/** The schema the previous release shipped: everything before the user settings (migration 8). */
const PREVIOUS_RELEASE = 7;

function fillEveryTable(db: Db): void {
  const now = Date.now();
  db.exec(`
    INSERT INTO users (id, email, employee_no, name, avatar_color, role, status, password_hash, created_at)
      VALUES (1, 'kim@example.com', 'E1', '김수정', 3, 'admin', 'active', 'x', ${now}),
             (2, 'lee@example.com', 'E2', '이도윤', 4, 'member', 'active', 'x', ${now});
    INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (x'01', 1, ${now}, ${now + 1e9}, ${now});
    INSERT INTO rooms (id, kind, name, created_by, created_at, last_seq) VALUES (1, 'group', '기획팀', 1, ${now}, 2);
    INSERT INTO room_members (room_id, user_id, joined_at) VALUES (1, 1, ${now}), (1, 2, ${now});
    INSERT INTO files (id, room_id, uploader_id, storage_name, original_name, mime, size, kind, created_at)
      VALUES (1, 1, 1, 'abc123', '보고서.pdf', 'application/pdf', 10, 'file', ${now});
    INSERT INTO messages (id, room_id, seq, sender_id, body, created_at, file_id) VALUES (1, 1, 1, 1, '안녕하세요 @이도윤', ${now}, NULL), (2, 1, 2, 2, '', ${now}, 1);
    INSERT INTO message_edits (message_id, body, written_at) VALUES (1, '안녕', ${now});
    INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (1, 2, '👍', ${now});
    INSERT INTO mentions (user_id, room_id, seq, message_id) VALUES (2, 1, 1, 1);
    INSERT INTO password_resets (user_id, login, name, address, code_hash, check_digits, created_at) VALUES (2, 'lee@example.com', '이도윤', '127.0.0.1', x'02', '1234', ${now});
    INSERT INTO audit_log (at, actor_id, action, target_type, target_id) VALUES (${now}, 1, 'user_approved', 'user', 2);
  `);
}

/** Rows per table, the search index's shadow tables left out (FTS keeps them its own way). */
function rowCounts(db: Db): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'message_search%'`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

test('a database of the previous release, with rows in every table, migrates on start and keeps every row', { skip: sqliteOnly('a previous release’s SQLite file') }, async (t) => {
  const dataDir = tempDataDir();
  const file = path.join(dataDir, 'sotong.db');
  const old = openDatabase(file, MIGRATIONS.slice(0, PREVIOUS_RELEASE));
  fillEveryTable(old);
  const before = rowCounts(old);
  old.close();
  for (const [table, count] of Object.entries(before)) assert.ok(count > 0, `the fixture fills ${table}`);

  const server = await startTestServer(t, { dataDir });
  await server.close();

  const db = openDatabase(file);
  t.after(() => db.close());
  assert.equal(schemaVersion(db), MIGRATIONS.length, 'migrated to this release');
  const after = rowCounts(db);
  for (const [table, count] of Object.entries(before)) assert.equal(after[table], count, `${table} keeps its rows`);
  assert.equal(db.prepare('SELECT body FROM messages WHERE id = 1').pluck().get(), '안녕하세요 @이도윤');
});
