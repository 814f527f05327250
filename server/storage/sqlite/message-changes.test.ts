import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { tempDataDir } from '../../testing/harness.ts';
import { newUser, post } from '../../testing/stores-contract/fixtures.ts';
import { openSqliteStores } from './index.ts';

// What a deletion takes with it in the SQLite backend, row by row: reactions, edit history,
// mentions, and the room's pin when it points at the message (a change of the room itself, so the
// same rev is also the room's meta rev).

test('deleting a message removes its reactions, versions and mentions rows and unpins it, in one rev', async (t) => {
  const dir = tempDataDir();
  const file = path.join(dir, 'sotong.db');
  const stores = openSqliteStores(file);
  const raw = new Database(file);
  t.after(async () => {
    raw.close();
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const a = await stores.users.insert(newUser());
  const b = await stores.users.insert(newUser());
  const room = (await stores.rooms.openDm(a.id, b.id)).id;
  const [m, other] = await post(stores, room, a.id, 2);
  await stores.messages.edit(m!.id, '고친 글');
  await stores.messages.react(m!.id, b.id, '👍', true);
  await stores.messages.react(other!.id, b.id, '👍', true);
  raw.prepare('INSERT INTO mentions (user_id, room_id, seq, message_id, explicit) VALUES (?, ?, ?, ?, 1)').run(b.id, room, m!.seq, m!.id);
  raw.prepare('UPDATE rooms SET pinned_message_id = ?, pinned_by = ?, pinned_at = 1 WHERE id = ?').run(m!.id, b.id, room);
  const count = (table: string, id: number) => (raw.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE message_id = ?`).get(id) as { n: number }).n;
  assert.deepEqual([count('reactions', m!.id), count('message_edits', m!.id), count('mentions', m!.id)], [1, 1, 1]);

  const rev = await stores.messages.markDeleted(m!.id);
  assert.deepEqual([count('reactions', m!.id), count('message_edits', m!.id), count('mentions', m!.id)], [0, 0, 0]);
  assert.equal(count('reactions', other!.id), 1, "another message's reactions stay");
  const row = raw.prepare('SELECT rev, meta_rev, pinned_message_id, pinned_by, pinned_at FROM rooms WHERE id = ?').get(room);
  assert.deepEqual(row, { rev, meta_rev: rev, pinned_message_id: null, pinned_by: null, pinned_at: null });
  assert.equal((await stores.rooms.view(room, a.id))?.pinned, null);

  // A message that is not the pin leaves the pin and the meta rev alone.
  raw.prepare('UPDATE rooms SET pinned_message_id = ?, pinned_by = ?, pinned_at = 1 WHERE id = ?').run(other!.id, b.id, room);
  const [third] = await post(stores, room, a.id, 1);
  const rev2 = await stores.messages.markDeleted(third!.id);
  const after = raw.prepare('SELECT rev, meta_rev, pinned_message_id FROM rooms WHERE id = ?').get(room);
  assert.deepEqual(after, { rev: rev2, meta_rev: rev, pinned_message_id: other!.id });
});
