import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installTarget, moveToScheme, schemeTarget, somethingInFlight } from '../src/state/scheme.ts';
import { initialState, setState } from '../src/state/store.ts';

// When HTTPS is switched, the page moves to the same place at the new scheme, after what is in flight.

test('the same page, room and all, at the new scheme and port', () => {
  assert.equal(schemeTarget('http://sotong-pc:5000/#/room/7', true, 5000), 'https://sotong-pc:5000/#/room/7');
  assert.equal(schemeTarget('https://192.168.0.10:5443/?x=1', false, 5000), 'http://192.168.0.10:5000/?x=1');
  assert.equal(schemeTarget('http://[::1]:8080/', true, 8443), 'https://[::1]:8443/');
});

test('a browser that does not trust the certificate is sent to the install page on its plain origin, to come back to the same page', () => {
  assert.equal(installTarget('http://sotong-pc:5000/some/path?x=1#/room/7'), `http://sotong-pc:5000/install?next=${encodeURIComponent('/some/path?x=1#/room/7')}`);
});

test('waits for unacknowledged sends and running uploads, then moves', async () => {
  const pending = { tempId: 't', roomId: 1, body: 'x', status: 'sent' as const, createdAt: 0 };
  setState({ ...initialState, pending: { 1: [pending] } });
  assert.equal(somethingInFlight(), true);
  (globalThis as { location?: unknown }).location = { href: 'http://pc:5000/#/room/1', origin: 'http://pc:5000' };
  const went: string[] = [];
  void moveToScheme(true, 5000, (url) => went.push(url), async () => true);
  await new Promise((r) => setTimeout(r, 250));
  assert.deepEqual(went, [], 'not while a send waits for its ack');
  setState({ pending: { 1: [] } });
  assert.equal(somethingInFlight(), false);
  await new Promise((r) => setTimeout(r, 250));
  assert.deepEqual(went, ['https://pc:5000/#/room/1']);
  delete (globalThis as { location?: unknown }).location;
});
