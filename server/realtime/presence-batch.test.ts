import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PRESENCE_SLICE, PresenceBatch, type PresenceChange } from './presence-batch.ts';

const frame = (b: Buffer | undefined) => (b ? JSON.parse(b.toString()) : undefined);

test('each connection is told what changed after its ready, cut at slices, nothing when it has it all', () => {
  // Versions 11…(10 + 2 × PRESENCE_SLICE): users going offline, then users coming online.
  const changes: PresenceChange[] = [];
  for (let i = 0; i < 2 * PRESENCE_SLICE; i++) changes.push({ userId: 100 + i, online: i >= PRESENCE_SLICE, version: 11 + i });
  const batch = new PresenceBatch(changes);
  const all = frame(batch.frameFor(0, 1));
  assert.equal(all.type, 'presence');
  assert.equal(all.offline.length, PRESENCE_SLICE);
  assert.equal(all.online.length, PRESENCE_SLICE);
  assert.deepEqual(frame(batch.frameFor(10, 1)), all, 'a ready before the batch: everything');
  // A ready inside the second slice: that slice, from its start (a change it had is harmless).
  const late = frame(batch.frameFor(11 + PRESENCE_SLICE + 3, 1));
  assert.deepEqual(late.offline, []);
  assert.deepEqual(late.online, changes.slice(PRESENCE_SLICE).map((c) => c.userId));
  // A ready at the first slice's last change: from the second slice on.
  assert.deepEqual(frame(batch.frameFor(10 + PRESENCE_SLICE, 1)), late);
  assert.equal(batch.frameFor(10 + 2 * PRESENCE_SLICE, 1), undefined, 'after the last change: nothing');
  // One serialization per slice, however many connections ask.
  assert.equal(batch.frameFor(12, 1), batch.frameFor(13, 1));
});
