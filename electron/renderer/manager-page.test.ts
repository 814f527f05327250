import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { MANAGER_CSP } from '../main/window-security.ts';

const html = await readFile(new URL('./manager.html', import.meta.url), 'utf8');

test('the page carries the same CSP as the main process sends (frame-ancestors only works as a header)', () => {
  const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  const expected = MANAGER_CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
  assert.equal(meta, expected);
});

test('no inline script or style that the CSP would block anyway', () => {
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
});
