import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLocalRequest, isLoopback, isLoopbackHost } from './remote.ts';

test('loopback Host names: localhost, *.localhost, 127.x.x.x and [::1], any port, any case', () => {
  for (const host of [
    'localhost',
    'localhost:5000',
    'LOCALHOST:5000',
    'LocalHost',
    'localhost.',
    'localhost.:5000',
    'sotong.localhost',
    'a.b.localhost:1',
    'SOTONG.LOCALHOST.',
    '127.0.0.1',
    '127.0.0.1:5000',
    '127.1.2.3:80',
    '127.0.0.1.',
    '127.1',
    '0x7f000001',
    '2130706433:5000',
    '[::1]',
    '[::1]:5000',
    '[0:0:0:0:0:0:0:1]:5000',
  ]) {
    assert.equal(isLoopbackHost(host), true, host);
  }
});

test('every other Host is not local: rebinding names, look-alikes, other addresses, malformed or missing', () => {
  for (const host of [
    undefined,
    '',
    'rebind.example',
    'rebind.example:5000',
    '127.0.0.1.evil.com',
    '127.0.0.1.nip.io',
    'localhost.evil.com',
    'localhost.evil.com:5000',
    'evillocalhost',
    'notlocalhost:5000',
    '.localhost',
    '..localhost',
    'a..localhost',
    'localhost..',
    '128.0.0.1',
    '10.0.0.5:5000',
    '0.0.0.0',
    '[::]',
    '[::2]',
    '[::ffff:127.0.0.1]',
    '[fe80::1]:5000',
    '::1',
    '[::1',
    'localhost:',
    'localhost:5000:5000',
    'localhost:99999',
    'evil@localhost',
    'localhost@evil.com',
    'evil.com/localhost',
    'localhost/',
    'localhost\\@evil.com',
    'localhost#',
    'localhost?',
    'localhost evil.com',
    ' localhost',
  ]) {
    assert.equal(isLoopbackHost(host), false, String(host));
  }
});

test('a request is local only when it comes over loopback AND is addressed to a loopback name', () => {
  const request = (remoteAddress: string | undefined, host: string | undefined) => ({
    socket: { remoteAddress } as never,
    headers: host === undefined ? {} : { host },
  });
  assert.equal(isLocalRequest(request('127.0.0.1', 'localhost:5000')), true);
  assert.equal(isLocalRequest(request('::ffff:127.0.0.1', '127.0.0.1:5000')), true);
  assert.equal(isLocalRequest(request('::1', '[::1]:5000')), true);
  assert.equal(isLocalRequest(request('127.0.0.1', 'rebind.example:5000')), false, 'DNS rebinding');
  assert.equal(isLocalRequest(request('127.0.0.1', undefined)), false, 'no Host');
  assert.equal(isLocalRequest(request('192.0.2.7', 'localhost:5000')), false, 'another PC naming localhost');
  assert.equal(isLocalRequest(request(undefined, 'localhost')), false);
  assert.equal(isLoopback('::ffff:10.0.0.1'), false);
});

test('a request a proxy relayed is never local, even over loopback to a loopback name', () => {
  const base = { socket: { remoteAddress: '127.0.0.1' }, headers: { host: 'localhost:5000' } };
  assert.equal(isLocalRequest(base as never), true);
  for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
    const relayed = { ...base, headers: { ...base.headers, [header]: '127.0.0.1' } };
    assert.equal(isLocalRequest(relayed as never), false, header);
  }
});
