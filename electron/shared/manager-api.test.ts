import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseManagerCommand } from './manager-api.ts';

test('well-formed commands pass with only their own fields', () => {
  assert.deepEqual(parseManagerCommand({ type: 'start', evil: 1 }), { type: 'start' });
  assert.deepEqual(parseManagerCommand({ type: 'setHttps', enabled: true }), { type: 'setHttps', enabled: true });
  assert.deepEqual(parseManagerCommand({ type: 'copyText', text: 'https://10.0.0.2:5000' }), { type: 'copyText', text: 'https://10.0.0.2:5000' });
  // The CA goes into the store from the data folder's own file: no path comes from the page.
  assert.deepEqual(parseManagerCommand({ type: 'installCa', file: 'C:\\evil.crt' }), { type: 'installCa' });
  assert.deepEqual(parseManagerCommand({ type: 'openDataFolder', path: 'C:\\' }), { type: 'openDataFolder' });
});

test('malformed or unknown commands are refused', () => {
  for (const bad of [null, 'start', {}, { type: 'setHttps', enabled: 'yes' }, { type: 'copyText', text: 'x'.repeat(5000) }, { type: 'exec', cmd: 'calc' }]) {
    assert.equal(parseManagerCommand(bad), null, JSON.stringify(bad));
  }
});
