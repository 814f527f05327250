import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { lineCount, oversizedFiles, trackedFiles } from './file-sizes.ts';
import { repoRoot } from './import-cycles.ts';

test('no source file over 350 lines and no stylesheet over 600', () => {
  const files = trackedFiles(repoRoot);
  assert.ok(files.length > 100, 'git lists the repository');
  assert.deepEqual(oversizedFiles(repoRoot, files), []);
});

test('the size check counts lines and applies each limit to its kind of file', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'sotong-sizes-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  assert.equal(lineCount(''), 0);
  assert.equal(lineCount('a\nb\n'), 2);
  assert.equal(lineCount('a\nb'), 2);
  const lines = (n: number) => 'x\n'.repeat(n);
  const files = { 'ok.ts': lines(350), 'big.tsx': lines(351), 'ok.css': lines(600), 'big.css': lines(601), 'notes.md': lines(5000), 'types.d.ts': lines(900) };
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
  assert.deepEqual(oversizedFiles(root, Object.keys(files)), [
    { file: 'big.tsx', lines: 351, maxLines: 350 },
    { file: 'big.css', lines: 601, maxLines: 600 },
  ]);
});
