import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyPendingRestore, askForRestore, lastRestoreResult, PENDING_FILE } from './restore-at-start.ts';
import { tempDataDir } from '../testing/harness.ts';

// The swap done by the start after a restore was asked for, on real files.

function liveFolder() {
  const dataDir = tempDataDir();
  writeFileSync(path.join(dataDir, 'sotong.db'), 'live db');
  writeFileSync(path.join(dataDir, 'sotong.db-wal'), 'live wal');
  mkdirSync(path.join(dataDir, 'uploads'));
  writeFileSync(path.join(dataDir, 'uploads', 'live-file'), 'x');
  return dataDir;
}

test('a pending restore swaps the backup in, drops the live WAL, and writes the result', (t) => {
  const dataDir = liveFolder();
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const dir = path.join(dataDir, 'backups', 'sotong-20261202-030000');
  mkdirSync(path.join(dir, 'uploads'), { recursive: true });
  writeFileSync(path.join(dir, 'sotong.db'), 'backup db');
  writeFileSync(path.join(dir, 'uploads', 'old-file'), 'y');
  askForRestore(dataDir, { name: 'sotong-20261202-030000', dir, keptAs: 'sotong-20261202-160000' });

  const result = applyPendingRestore(dataDir, 42);
  assert.deepEqual(result, { name: 'sotong-20261202-030000', ok: true, at: 42, keptAs: 'sotong-20261202-160000', error: null });
  assert.equal(readFileSync(path.join(dataDir, 'sotong.db'), 'utf8'), 'backup db');
  assert.ok(!existsSync(path.join(dataDir, 'sotong.db-wal')), "the live WAL is not the backup's");
  assert.ok(existsSync(path.join(dataDir, 'uploads', 'old-file')) && !existsSync(path.join(dataDir, 'uploads', 'live-file')));
  assert.ok(!existsSync(path.join(dataDir, PENDING_FILE)), 'done once');
  assert.deepEqual(lastRestoreResult(dataDir), result);
  assert.equal(applyPendingRestore(dataDir), undefined, 'nothing pending any more');
});

test('a restore that cannot be carried out leaves the live files as they were and says why', (t) => {
  const dataDir = liveFolder();
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  askForRestore(dataDir, { name: 'sotong-20261202-030000', dir: path.join(dataDir, 'gone'), keptAs: 'k' });
  const result = applyPendingRestore(dataDir)!;
  assert.equal(result.ok, false);
  assert.match(result.error!, /holds no sotong\.db/);
  assert.equal(readFileSync(path.join(dataDir, 'sotong.db'), 'utf8'), 'live db');
  assert.equal(readFileSync(path.join(dataDir, 'sotong.db-wal'), 'utf8'), 'live wal');
  assert.ok(existsSync(path.join(dataDir, 'uploads', 'live-file')));
});
