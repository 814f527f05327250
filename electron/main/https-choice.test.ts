import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readHttpsChoice } from './https-choice.ts';

test('HTTPS is on only when config.json says exactly so', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'sotong-cfg-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  assert.equal(readHttpsChoice(dir, {}), false, 'no file');
  for (const [text, expected] of [['{"https":true,"port":5000}', true], ['{"https":false}', false], ['{"https":"yes"}', false], ['not json', false]] as const) {
    await writeFile(join(dir, 'config.json'), text);
    assert.equal(readHttpsChoice(dir, {}), expected, text);
  }
  await writeFile(join(dir, 'config.json'), '{"https":false}');
  assert.equal(readHttpsChoice(dir, { SOTONG_HTTPS: '1' }), true, 'the environment wins, as in the server');
});
