import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServerMessage, parseShellMessage } from './server-messages.ts';

test('known messages pass through with only their known fields', () => {
  assert.deepEqual(parseServerMessage({ type: 'ready', protocol: 1, version: '0.1.0', extra: true }), { type: 'ready', protocol: 1, version: '0.1.0' });
  assert.deepEqual(parseServerMessage({ type: 'state', running: true, https: false, url: 'http://localhost:5000', port: 5000, error: '', junk: 1 }), {
    type: 'state',
    running: true,
    https: false,
    url: 'http://localhost:5000',
    port: 5000,
  });
  const stats = { at: 1, connections: 0, onlineUsers: 0, messagesPerMinute: 0, uptimeSec: 0, cpuPercent: 0, rssBytes: 0, dbSizeBytes: 0 };
  assert.deepEqual(parseServerMessage({ type: 'stats', stats: { ...stats, secret: 'x' } }), { type: 'stats', stats });
  // The disk's free space and its warning flag come along when they are well-formed.
  const disk = { diskFreeBytes: 5e8, diskLow: true };
  assert.deepEqual(parseServerMessage({ type: 'stats', stats: { ...stats, ...disk } }), { type: 'stats', stats: { ...stats, ...disk } });
  assert.deepEqual(parseServerMessage({ type: 'stats', stats: { ...stats, diskFreeBytes: 'lots', diskLow: 'yes' } }), { type: 'stats', stats });
});

test('a manager console address is kept only when it points at this PC', () => {
  const base = { type: 'state', running: true, https: false, url: 'http://localhost:5000', port: 5000 };
  assert.equal(parseServerMessage({ ...base, managerUrl: 'http://127.0.0.1:5000/manager#key=abc' })?.type, 'state');
  assert.deepEqual(parseServerMessage({ ...base, managerUrl: 'http://127.0.0.1:5000/manager#key=abc' }), { ...base, managerUrl: 'http://127.0.0.1:5000/manager#key=abc' });
  for (const bad of ['https://evil.example/manager', 'file:///C:/x.html', 'javascript:alert(1)', 'http://127.0.0.1.evil.example/']) {
    assert.deepEqual(parseServerMessage({ ...base, managerUrl: bad }), base, bad);
  }
});

test('a malformed certificate summary is dropped, not the whole state', () => {
  const parsed = parseServerMessage({ type: 'state', running: true, https: true, url: 'https://x', port: 1, cert: { fingerprintSha256: 1 } });
  assert.deepEqual(parsed, { type: 'state', running: true, https: true, url: 'https://x', port: 1 });
});

test('anything else is refused', () => {
  for (const data of [undefined, null, 42, 'ready', [], { type: 'ready' }, { type: 'state', running: true }, { type: 'state', running: true, https: false, url: 5, port: null }, { type: 'stats', stats: { at: Infinity } }, { type: '__proto__' }]) {
    assert.equal(parseServerMessage(data), null, JSON.stringify(data));
  }
});

test('the server can check the shell\'s messages the same way', () => {
  assert.deepEqual(parseShellMessage({ type: 'start' }), { type: 'start' });
  assert.deepEqual(parseShellMessage({ type: 'start', https: true, x: 1 }), { type: 'start', https: true });
  assert.deepEqual(parseShellMessage({ type: 'setHttps', enabled: false }), { type: 'setHttps', enabled: false });
  assert.deepEqual(parseShellMessage({ type: 'stop' }), { type: 'stop' });
  for (const bad of [null, { type: 'start', https: 'on' }, { type: 'setHttps' }, { type: 'exec' }]) assert.equal(parseShellMessage(bad), null);
});
