import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatLogLines, readLogTail } from './log-text.ts';

test('pino lines become "time level message"; other lines pass through', () => {
  const t = new Date(2026, 0, 2, 3, 4, 5).getTime();
  const lines = [
    JSON.stringify({ level: 30, time: t, msg: 'server listening' }),
    JSON.stringify({ level: 50, time: t, msg: 'upload failed', err: { message: 'ENOSPC' } }),
    'plain text from somewhere',
  ];
  assert.equal(formatLogLines(lines), ['2026-01-02 03:04:05 INFO  server listening', '2026-01-02 03:04:05 ERROR upload failed (ENOSPC)', 'plain text from somewhere'].join('\n'));
});

test('only the end of a long log is read, starting at a whole line', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'sotong-log-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'sotong.log');
  const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ level: 30, time: 0, msg: `line ${i}` }));
  await writeFile(file, `${lines.join('\n')}\n`);
  const tail = (await readLogTail(file, 2000)).split('\n');
  assert.ok(tail.length > 10 && tail.length < 60);
  assert.match(tail[0]!, /INFO  line \d+$/);
  assert.match(tail.at(-1)!, /line 999$/);
  assert.equal(await readLogTail(join(dir, 'missing.log')), '');
});
