import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lanUrls } from './lan-url.ts';

test('LAN addresses become URLs, IPv4 first, IPv6 bracketed, then the PC name', () => {
  assert.deepEqual(lanUrls({ https: true, port: 5000, addresses: ['fd00::2', '192.168.0.17'], hostname: 'OFFICE-PC' }), [
    'https://192.168.0.17:5000',
    'https://[fd00::2]:5000',
    'https://office-pc:5000',
  ]);
});

test('default ports are left out, and there is nothing while not listening', () => {
  assert.deepEqual(lanUrls({ https: true, port: 443, addresses: ['10.0.0.2'] }), ['https://10.0.0.2']);
  assert.deepEqual(lanUrls({ https: false, port: 80, addresses: ['10.0.0.2'] }), ['http://10.0.0.2']);
  assert.deepEqual(lanUrls({ https: false, port: null, addresses: ['10.0.0.2'] }), []);
});
