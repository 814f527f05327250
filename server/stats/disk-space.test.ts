import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { diskSpace, isDiskLow } from './disk-space.ts';
import { Stats } from './stats.ts';

const GB = 1024 ** 3;

test('low disk: under 1 GB or under 5 % free; unmeasured is not low', () => {
  assert.equal(isDiskLow({ freeBytes: 0.9 * GB, totalBytes: 2000 * GB }), true);
  assert.equal(isDiskLow({ freeBytes: 4 * GB, totalBytes: 100 * GB }), true);
  assert.equal(isDiskLow({ freeBytes: 6 * GB, totalBytes: 100 * GB }), false);
  assert.equal(isDiskLow({ freeBytes: 1.5 * GB, totalBytes: 20 * GB }), false);
  assert.equal(isDiskLow({ freeBytes: 0, totalBytes: 0 }), false);
});

test('the statistics carry the data folder disk’s free and total space', async () => {
  const stats = new Stats({ connections: () => 0, onlineUsers: () => 0, dbFile: path.join(tmpdir(), 'none.db'), uploadsDir: tmpdir(), dataDir: tmpdir(), startedAt: Date.now() });
  assert.deepEqual([stats.snapshot().diskFreeBytes, stats.snapshot().diskLow], [0, false]);
  await stats.measureDisk();
  const snap = stats.snapshot();
  const direct = await diskSpace(tmpdir());
  assert.ok(snap.diskTotalBytes > 0 && snap.diskTotalBytes === direct.totalBytes);
  assert.ok(snap.diskFreeBytes > 0 && snap.diskFreeBytes <= snap.diskTotalBytes);
  assert.equal(snap.diskLow, isDiskLow({ freeBytes: snap.diskFreeBytes, totalBytes: snap.diskTotalBytes }));
  assert.deepEqual(await diskSpace('/no/such/folder'), { freeBytes: 0, totalBytes: 0 });
});
