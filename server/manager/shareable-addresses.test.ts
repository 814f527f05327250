import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLoopbackOnly, shareableAddresses } from './shareable-addresses.ts';

const lan = ['192.168.0.12', '10.20.0.5', 'fd00::12'];

test('listening on loopback there is no address to give people', () => {
  assert.deepEqual(shareableAddresses('127.0.0.1', lan), []);
  assert.deepEqual(shareableAddresses('localhost', lan), []);
  assert.equal(isLoopbackOnly('::1'), true);
  assert.equal(isLoopbackOnly('0.0.0.0'), false);
});

test('listening on every IPv4 address gives the IPv4 ones; on :: all of them', () => {
  assert.deepEqual(shareableAddresses('0.0.0.0', lan), ['192.168.0.12', '10.20.0.5']);
  assert.deepEqual(shareableAddresses('::', lan), lan);
});

test('listening on one address gives only that one', () => {
  assert.deepEqual(shareableAddresses('10.20.0.5', lan), ['10.20.0.5']);
  assert.deepEqual(shareableAddresses('10.99.0.1', lan), []);
});
