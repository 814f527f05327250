// test:pg skips this file: what it tests sits in front of the storage, the same on SQLite and PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../testing/harness.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { multipartUpload } from '../testing/multipart.ts';
import { rawRequest } from '../testing/tls-client.ts';
import { ROUTE_PATHS, routeParts, type RouteName } from '../protocol/paths.ts';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';

// Cross-site request forgery: what a page on another site can make a browser send here with the
// session cookie attached and without asking first. Every state-changing route of the table is tried,
// so a route added later is covered without touching this file.

const STATE_CHANGING = (Object.keys(ROUTE_PATHS) as RouteName[]).filter((name) => routeParts(name).method !== 'GET');

/** What a forging page can send: "simple" requests, or anything at all with its own Origin. */
const FORGERIES: Array<{ what: string; headers: Record<string, string>; body?: string }> = [
  { what: 'a text/plain form', headers: { 'content-type': 'text/plain' }, body: '{"enabled":true}' },
  { what: 'a url-encoded form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' },
  { what: 'a multipart form', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--\r\n' },
  { what: 'no body at all', headers: {} },
  { what: 'JSON lookalike text', headers: { 'content-type': 'text/plain; charset=application/json' }, body: '{}' },
  { what: 'JSON with a foreign Origin', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: '{}' },
  { what: 'a foreign Origin, same host name, other port', headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:1' }, body: '{}' },
  { what: 'a sandboxed page (Origin: null)', headers: { 'content-type': 'text/plain', origin: 'null' }, body: '{}' },
];

test('every state-changing route refuses what another site can make a browser send', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const member = await approvedUser(server.url, admin, 'Victim');
  const dm = (await member.client.post('/api/rooms/dm', { userId: member.user.id })).json.room.id as number;
  assert.ok(STATE_CHANGING.length >= 15, `${STATE_CHANGING.length} state-changing routes`);

  for (const name of STATE_CHANGING) {
    const { method, url } = routeParts(name);
    const target = server.url + url.replace(':id', String(name === 'deleteMessage' ? 1 : dm));
    for (const forgery of FORGERIES) {
      const res = await rawRequest(target, {
        method,
        // The victim is logged in (as an admin, so no route refuses for lack of rights) and the
        // manager key is there too: only the forgery itself may be what is refused.
        headers: {
          cookie: admin.cookie,
          [MANAGER_KEY_HEADER]: server.services.managerKey,
          ...forgery.headers,
          ...(forgery.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(forgery.body)) }),
        },
        ...(forgery.body === undefined ? {} : { body: forgery.body }),
      });
      assert.equal(res.status, 403, `${name} with ${forgery.what}: ${res.status} ${res.body}`);
      const body = JSON.parse(res.body);
      assert.equal(body.code, 'CROSS_SITE_REQUEST', `${name} with ${forgery.what}`);
      assert.ok(body.message.ko && body.message.en);
    }
  }
  // Nothing happened: the sessions still work, HTTPS is still off.
  assert.equal((await admin.get('/api/me')).status, 200);
  assert.equal((await member.client.get('/api/me')).status, 200);
  assert.equal(server.services.https.enabled, false);
});

test('what the web client sends passes: JSON, and same-origin uploads and DELETEs', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, 'Sender');
  const room = (await a.client.post('/api/rooms/dm', { userId: a.user.id })).json.room.id as number;
  const origin = new URL(server.url).origin;

  // A JSON request from a client that sends no Origin (a script, the load harness) is no forgery.
  const json = await rawRequest(`${server.url}/api/rooms`, {
    method: 'POST',
    headers: { cookie: a.client.cookie, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ name: '팀', memberIds: [] }),
  });
  assert.equal(json.status, 200, json.body);

  // Uploads are multipart, a simple type: the same Origin makes them pass.
  const upload = await multipartUpload(`${server.url}/api/rooms/${room}/files`, a.client.cookie, [{ name: 'file', filename: 'a.txt', data: 'hello' }]);
  assert.equal(upload.status, 200, JSON.stringify(upload.json));
  const deleted = await rawRequest(`${server.url}/api/messages/${upload.json.message.id}`, { method: 'DELETE', headers: { cookie: a.client.cookie, origin } });
  assert.equal(deleted.status, 200, deleted.body);
  // A bot without Origin sends `{}` as JSON where there is nothing to say (docs/protocol.md).
  const again = await multipartUpload(`${server.url}/api/rooms/${room}/files`, a.client.cookie, [{ name: 'file', filename: 'b.txt', data: 'hello' }]);
  const botDelete = await rawRequest(`${server.url}/api/messages/${again.json.message.id}`, {
    method: 'DELETE',
    headers: { cookie: a.client.cookie, 'content-type': 'application/json', 'content-length': '2' },
    body: '{}',
  });
  assert.equal(botDelete.status, 200, botDelete.body);

  // Logging out with the page's own Origin works whatever the body's type.
  const out = await rawRequest(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie: a.client.cookie, origin, 'content-type': 'text/plain' }, body: '' });
  assert.equal(out.status, 200, out.body);
  assert.equal((await a.client.get('/api/me')).status, 401);
});
