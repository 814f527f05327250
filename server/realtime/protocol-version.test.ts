import assert from 'node:assert/strict';
import { test } from 'node:test';
import { protocolVersionOf } from './ws-route.ts';

test('the socket URL names the protocol: v=2 is 2; none, another or an odd one is 1', () => {
  assert.equal(protocolVersionOf('/ws?v=2'), 2);
  assert.equal(protocolVersionOf('/ws?x=1&v=2'), 2);
  for (const url of ['/ws', '/ws?', '/ws?v=1', '/ws?v=3', '/ws?v=2.0', '/ws?v=%32x', '/ws?v', '/ws?w=2']) {
    assert.equal(protocolVersionOf(url), 1, url);
  }
});
