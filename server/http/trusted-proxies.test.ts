import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isProxyAddress, trustProxyOption } from './trusted-proxies.ts';

test('trusted proxies: addresses and networks of both families are taken, anything else is refused by name', () => {
  for (const ok of ['127.0.0.1', '10.0.0.0/24', '0.0.0.0/0', '::1', 'fd00::/8', '::ffff:127.0.0.1']) assert.equal(isProxyAddress(ok), true, ok);
  for (const bad of ['', 'nginx', '999.1.1.1', '10.0.0.0/33', '::1/129', '10.0.0.1/', '10.0.0.1/8/8', '10.0.0.1/x', ' 10.0.0.1']) {
    assert.equal(isProxyAddress(bad), false, bad);
  }
  assert.equal(trustProxyOption([]), false);
  assert.deepEqual(trustProxyOption(['127.0.0.1', '10.0.0.0/24']), ['127.0.0.1', '10.0.0.0/24']);
  assert.throws(() => trustProxyOption(['127.0.0.1', '300.0.0.1']), /"300\.0\.0\.1" is not an IP address/);
});
