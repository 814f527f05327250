import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { NO_ELECTRON_MESSAGE, ensureElectron } from './launch.ts';

// The real installer downloads Electron from the internet, so it is replaced here.

test('an installed Electron is used as is', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'sotong-electron-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'path.txt'), 'electron');
  assert.equal(ensureElectron(dir, () => assert.fail('must not download')), true);
});

test('a missing Electron is installed once; a failed download is reported as missing', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'sotong-electron-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  let runs = 0;
  assert.equal(ensureElectron(dir, () => (runs++, 1)), false);
  assert.equal(runs, 1);
  assert.equal(ensureElectron(dir, () => 0), false, 'an installer that "succeeds" without a binary does not count');
  assert.match(NO_ELECTRON_MESSAGE, /node node_modules\/electron\/install\.js/);
});
