import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../testing/harness.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { rawRequest } from '../testing/tls-client.ts';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';

// Ids and counts in a path or query string are written one way only. Number() would read `1e1` as
// 10, `0x10` as 16, ` 1`, `010`, `1.0` and `+1` as numbers too, and 9007199254740993 as …992.

/** Spellings of a number that are not plain decimal, or not a positive safe integer (URL-encoded). */
const ODD = ['1e1', '010', '0x10', '%201', '1%20', '1.0', '-1', '0', '+1', '9007199254740993', '99999999999999999', '1_0', '%EF%BC%91', ''];

async function chat(t: Parameters<typeof startTestServer>[0]) {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, 'Writer');
  const room = (await a.client.post('/api/rooms/dm', { userId: a.user.id })).json.room.id as number;
  const ws = await WsClient.connect(server.url, a.client.cookie);
  const ids: number[] = [];
  for (let i = 1; i <= 16; i++) {
    ws.send({ type: 'send', tempId: `m${i}`, roomId: room, body: `message ${i}` });
    ids.push((await ws.next('ack', (f) => f.tempId === `m${i}`)).message.id);
  }
  ws.close();
  return { server, a, room, ids };
}

test('DELETE /api/messages/1e1 and other odd spellings of an id are refused, nothing is deleted', async (t) => {
  const { a, room, ids } = await chat(t);
  assert.ok(ids.includes(10) && ids.includes(16), 'messages 10 and 16 exist');
  for (const id of ODD) {
    const res = await a.client.request('DELETE', `/api/messages/${id}`);
    assert.equal(res.status, 400, `DELETE /api/messages/${id}: ${res.status} ${res.text}`);
    assert.equal(res.json.code, 'BAD_REQUEST', id);
  }
  for (const id of ODD.filter((x) => x !== '')) {
    const res = await a.client.get(`/api/rooms/${id}`);
    assert.equal(res.status, 400, `GET /api/rooms/${id}: ${res.status}`);
  }
  const history = (await a.client.get(`/api/rooms/${room}/messages`)).json.messages as Array<{ id: number; deleted: boolean }>;
  assert.deepEqual(history.filter((m) => m.deleted).map((m) => m.id), [], 'no message was deleted');

  // Percent-encoding is undone before the check: %31%30 is the plain "10", as a browser means it.
  assert.equal((await a.client.request('DELETE', '/api/messages/%31%30')).status, 200);
  assert.equal((await a.client.get(`/api/rooms/${room}`)).status, 200);
});

test('query integers (before, limit, lines) are plain decimal too', async (t) => {
  const { server, a, room } = await chat(t);
  const history = (query: string) => a.client.get(`/api/rooms/${room}/messages?${query}`);
  for (const value of ODD) {
    for (const field of ['before', 'limit']) {
      const res = await history(`${field}=${value}`);
      assert.equal(res.status, 400, `${field}=${value}: ${res.status} ${res.text}`);
      assert.equal(res.json.code, 'BAD_REQUEST');
    }
  }
  assert.equal((await history('limit=5&limit=6')).status, 400, 'a repeated field');
  assert.equal((await history('limit=+1')).status, 400, "'+' in a query string is a space");
  assert.equal((await a.client.get(`/api/rooms/${room}/files?before=1e1`)).status, 400);

  const page = await history('limit=5&before=11');
  assert.equal(page.status, 200);
  assert.deepEqual(page.json.messages.map((m: { body: string }) => m.body), ['message 6', 'message 7', 'message 8', 'message 9', 'message 10']);
  assert.equal((await history('limit=%35')).json.messages.length, 5, '%35 is "5"');

  const log = (lines: string) => rawRequest(`${server.url}/api/manager/log?lines=${lines}`, { headers: { [MANAGER_KEY_HEADER]: server.services.managerKey } });
  assert.equal((await log('1e1')).status, 400);
  assert.equal((await log('10')).status, 200);
});
