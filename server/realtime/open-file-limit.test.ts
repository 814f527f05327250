import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { RESERVED_DESCRIPTORS, connectionsAllowedByFiles, openFileLimit, parseOpenFileLimit } from './open-file-limit.ts';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            20000                20000                files
Max locked memory         8388608              8388608              bytes
`;

test('the soft open-file limit is read from /proc/<pid>/limits; unlimited, missing and absurd values give none', () => {
  assert.equal(parseOpenFileLimit(LIMITS), 20000);
  assert.equal(parseOpenFileLimit(LIMITS.replace('20000                20000', '1024                 4096')), 1024);
  assert.equal(parseOpenFileLimit(LIMITS.replace('20000                20000', 'unlimited            unlimited')), undefined);
  assert.equal(parseOpenFileLimit('Max cpu time unlimited unlimited seconds\n'), undefined);
  assert.equal(parseOpenFileLimit('Max open files            99999999999999999999 1 files\n'), undefined);
  assert.equal(parseOpenFileLimit(''), undefined);
});

test('connections allowed: the limit less the reserve, never below one; no limit, no cap', () => {
  assert.equal(connectionsAllowedByFiles(20000), 20000 - RESERVED_DESCRIPTORS);
  assert.equal(connectionsAllowedByFiles(100), 1);
  assert.equal(connectionsAllowedByFiles(undefined), Infinity);
});

test('this process has a limit on Linux, and it is the one ulimit reports', { skip: process.platform !== 'linux' }, () => {
  const limit = openFileLimit();
  assert.ok(limit !== undefined && limit > RESERVED_DESCRIPTORS, `limit ${limit}`);
  // A child inherits the limit: its shell's `ulimit -n` is the same number.
  assert.equal(Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim()), limit);
});
