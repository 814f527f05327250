import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Answer } from 'dns-packet';
import { replyTo, type MdnsIdentity } from './mdns-records.ts';

const data = (a: Answer | undefined): unknown => (a as { data?: unknown } | undefined)?.data;

const id: MdnsIdentity = { hostname: 'sotong.local', instance: 'Sotong (sotong)', port: 5000, scheme: 'http', addresses: ['192.168.0.12', 'fd00::12'] };

test('an A question gets the IPv4 address only', () => {
  const reply = replyTo([{ name: 'SOTONG.local', type: 'A' }], id);
  assert.deepEqual(reply?.answers.map((a) => [a.type, data(a)]), [['A', '192.168.0.12']]);
});

test('a browse for _http._tcp gets the PTR, with SRV, TXT and the addresses as additionals', () => {
  const reply = replyTo([{ name: '_http._tcp.local', type: 'PTR' }], id)!;
  assert.deepEqual(reply.answers.map((a) => [a.type, data(a)]), [['PTR', 'Sotong (sotong)._http._tcp.local']]);
  assert.deepEqual(reply.additionals.map((a) => a.type).sort(), ['A', 'AAAA', 'SRV', 'TXT']);
  const srv = reply.additionals.find((a) => a.type === 'SRV');
  assert.deepEqual(data(srv), { port: 5000, target: 'sotong.local', priority: 0, weight: 0 });
});

test('with HTTPS on the service is _https._tcp and _http._tcp is not ours', () => {
  assert.equal(replyTo([{ name: '_http._tcp.local', type: 'PTR' }], { ...id, scheme: 'https' }), null);
  assert.ok(replyTo([{ name: '_https._tcp.local', type: 'PTR' }], { ...id, scheme: 'https' }));
});

test('questions about other names get no reply', () => {
  assert.equal(replyTo([{ name: 'printer.local', type: 'A' }], id), null);
});
