import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { test } from 'node:test';
import { mdnsInterfaces, onLink } from './lan-interfaces.ts';

const v4 = (address: string, prefix: number, internal = false): NetworkInterfaceInfo => ({
  address, netmask: '', family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr: `${address}/${prefix}`,
});
const v6 = (address: string): NetworkInterfaceInfo => ({
  address, netmask: '', family: 'IPv6', mac: '00:00:00:00:00:00', internal: false, cidr: `${address}/64`, scopeid: 0,
});

const office = {
  lo: [v4('127.0.0.1', 8, true), { ...v6('::1'), internal: true }],
  eth0: [v4('192.168.0.12', 24), v6('fe80::1'), v6('fd00::12')],
  wifi: [v4('10.20.0.5', 16)],
  broken: [v4('169.254.3.4', 16)],
  v6only: [v6('2001:db8::5')],
};

test('bound to every address: each LAN interface answers with its own IPv4 addresses', () => {
  assert.deepEqual(mdnsInterfaces(office, '0.0.0.0'), [
    { name: 'eth0', ipv4: '192.168.0.12', cidr: '192.168.0.12/24', addresses: ['192.168.0.12'] },
    { name: 'wifi', ipv4: '10.20.0.5', cidr: '10.20.0.5/16', addresses: ['10.20.0.5'] },
  ]);
});

test('bound to :: the IPv6 addresses are given out too, never the link-local ones', () => {
  assert.deepEqual(mdnsInterfaces(office, '::')[0]?.addresses, ['192.168.0.12', 'fd00::12']);
});

test('bound to loopback nobody else can reach the server: no interface answers', () => {
  assert.deepEqual(mdnsInterfaces(office, '127.0.0.1'), []);
  assert.deepEqual(mdnsInterfaces(office, '::1'), []);
  assert.deepEqual(mdnsInterfaces(office, 'localhost'), []);
});

test('bound to one address only that interface answers, with only that address', () => {
  assert.deepEqual(mdnsInterfaces(office, '10.20.0.5'), [{ name: 'wifi', ipv4: '10.20.0.5', cidr: '10.20.0.5/16', addresses: ['10.20.0.5'] }]);
  assert.deepEqual(mdnsInterfaces(office, '192.168.99.1'), []);
});

test('a query is answered only on the link it came from', () => {
  const [eth0] = mdnsInterfaces(office, '0.0.0.0');
  assert.equal(onLink(eth0!, '192.168.0.200'), true);
  assert.equal(onLink(eth0!, '10.20.0.7'), false);
  assert.equal(onLink(eth0!, '::ffff:192.168.0.9'), true);
  assert.equal(onLink(eth0!, 'fe80::9'), false);
  assert.equal(onLink(eth0!, 'not an address'), false);
});
