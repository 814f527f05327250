import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { test } from 'node:test';
import { canonicalHostname, canonicalIp, defaultHostnames, lanAddresses } from './addresses.ts';

function nic(address: string, internal = false): NetworkInterfaceInfo {
  const v6 = address.includes(':');
  return {
    address,
    internal,
    family: v6 ? 'IPv6' : 'IPv4',
    netmask: v6 ? 'ffff:ffff:ffff:ffff::' : '255.255.255.0',
    mac: '02:00:00:00:00:01',
    cidr: null,
    ...(v6 ? { scopeid: 0 } : {}),
  } as NetworkInterfaceInfo;
}

test('lanAddresses keeps reachable LAN addresses, IPv4 first, once each', () => {
  const found = lanAddresses({
    Loopback: [nic('127.0.0.1', true), nic('::1', true)],
    Ethernet: [nic('fe80::1c2d:3e4f:5a6b:7c8d%12'), nic('fd00:abcd::5'), nic('192.168.0.17')],
    'Wi-Fi': [nic('169.254.10.20'), nic('10.0.0.5'), nic('2001:db8::5')],
    'vEthernet (WSL)': [nic('192.168.0.17')],
    Empty: undefined,
  });
  assert.deepEqual(found, ['192.168.0.17', '10.0.0.5', 'fd00:abcd::5', '2001:db8::5']);
});

test('lanAddresses reads this machine by default and never returns loopback or link-local', () => {
  for (const ip of lanAddresses()) {
    assert.ok(!ip.startsWith('127.') && ip !== '::1' && !ip.startsWith('169.254.') && !ip.startsWith('fe80:'), ip);
  }
});

test('defaultHostnames gives the PC name, its .local form and localhost in DNS form', () => {
  assert.deepEqual(defaultHostnames('DESKTOP-7Q3K'), ['desktop-7q3k', 'desktop-7q3k.local', 'localhost']);
  assert.deepEqual(defaultHostnames('macbook.local'), ['macbook', 'macbook.local', 'localhost']);
  assert.deepEqual(defaultHostnames('총무팀'), ['xn--v92bn14ahje', 'xn--v92bn14ahje.local', 'localhost']);
  assert.deepEqual(defaultHostnames(''), ['localhost']);
});

test('canonical spellings make equal names and addresses compare equal', () => {
  assert.equal(canonicalHostname('Office-PC.'), 'office-pc');
  assert.equal(canonicalHostname('192.168.0.1'), null);
  assert.equal(canonicalIp('FD12:3456:0:0::17'), 'fd12:3456::17');
  assert.equal(canonicalIp('fe80::1%eth0'), 'fe80::1');
  assert.equal(canonicalIp('localhost'), null);
  assert.equal(canonicalIp('10.0.0.1'), '10.0.0.1');
});
