import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { tailLines } from './log-tail.ts';

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sotong-tail-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('the last lines of a file, blank ones left out, CRLF or LF', async (t) => {
  const file = join(await tempDir(t), 'a.log');
  await writeFile(file, 'one\r\ntwo\n\n  \nthree\nfour\n');
  assert.deepEqual(await tailLines(file), ['one', 'two', 'three', 'four']);
  assert.deepEqual(await tailLines(file, 2), ['three', 'four']);
});

test('only the end of a long file is read, starting at a whole line', async (t) => {
  const file = join(await tempDir(t), 'b.log');
  await writeFile(file, Array.from({ length: 1000 }, (_, i) => `line ${String(i).padStart(3, '0')}`).join('\n'));
  const tail = await tailLines(file, Infinity, 100);
  // The last 100 bytes: 11 whole lines after the end of a cut-off one, which is dropped.
  assert.deepEqual(tail, Array.from({ length: 11 }, (_, i) => `line ${989 + i}`));
  assert.deepEqual(await tailLines(file, 1, 100), ['line 999']);
  // A tail without a single line break is one cut-off line: nothing whole to show.
  await writeFile(file, 'x'.repeat(500));
  assert.deepEqual(await tailLines(file, Infinity, 100), []);
});

test('no file yet, no lines; other failures are errors', async (t) => {
  const dir = await tempDir(t);
  assert.deepEqual(await tailLines(join(dir, 'missing.log')), []);
  await assert.rejects(tailLines(dir), { code: 'EISDIR' });
});
