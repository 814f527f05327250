import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { isDiskFull, outOfSpace } from './disk-full.ts';

test('a full disk as Node, SQLite and libvips report it; other failures are not', () => {
  const err = (code: string | undefined, message = 'x') => Object.assign(new Error(message), code ? { code } : {});
  for (const full of [err('ENOSPC'), err('EDQUOT'), err('SQLITE_FULL'), err('SQLITE_IOERR_WRITE'), err(undefined, 'VipsForeignSave: No space left on device')]) {
    assert.equal(isDiskFull(full), true, String(full.message));
  }
  for (const other of [err('EACCES'), err('SQLITE_CONSTRAINT_UNIQUE'), err(undefined, 'boom'), null, undefined, 'ENOSPC', 28]) {
    assert.equal(isDiskFull(other), false, String(other));
  }
});

test('an unexplained failure counts as out of space only when the folder has (nearly) none left', () => {
  assert.equal(outOfSpace(new Error('unable to write'), tmpdir()), false);
  assert.equal(outOfSpace(Object.assign(new Error('x'), { code: 'ENOSPC' }), tmpdir()), true);
  assert.equal(outOfSpace(new Error('x'), '/no/such/folder'), false);
});
