import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../testing/harness.ts';
import { HttpClient, setupAdmin, signupFields } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';

// The waiting session: a sign-up (or a pending login) gets a session that opens nothing until the
// account is approved; the waiting screen polls GET /api/auth/signup-status and continues into the
// app with it, without the password typed again.

test('approved while waiting: the same session opens the app and the socket', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const waiting = new HttpClient(server.url);
  const signup = await waiting.post('/api/auth/signup', signupFields('대기'));
  assert.equal(signup.status, 201);
  assert.ok(waiting.cookie.startsWith('sotong_session='));
  assert.deepEqual((await waiting.get('/api/auth/signup-status')).json, { status: 'pending' });
  assert.equal((await waiting.get('/api/me')).status, 401);
  await assert.rejects(WsClient.connect(server.url, waiting.cookie), /401/);

  await admin.post(`/api/admin/users/${signup.json.user.id}/approve`);
  assert.deepEqual((await waiting.get('/api/auth/signup-status')).json, { status: 'active' });
  const me = await waiting.get('/api/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.user.id, signup.json.user.id);
  const page = await WsClient.connect(server.url, waiting.cookie);
  await page.next('ready');
  page.close();
});

test('rejected while waiting: the status says so, logging out ends the waiting session', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const waiting = new HttpClient(server.url);
  const fields = signupFields('거절대기');
  const signup = await waiting.post('/api/auth/signup', fields);
  await admin.post(`/api/admin/users/${signup.json.user.id}/reject`);
  assert.deepEqual((await waiting.get('/api/auth/signup-status')).json, { status: 'rejected' });
  assert.equal((await waiting.get('/api/me')).status, 401, 'a rejected account’s session opens nothing');
  const cookie = waiting.cookie;
  assert.equal((await waiting.post('/api/auth/logout')).status, 200);
  const after = await new HttpClient(server.url).request('GET', '/api/auth/signup-status', undefined, { cookie });
  assert.equal(after.status, 401);
  // Without any session, or with junk, the probe says nothing about anyone.
  assert.equal((await new HttpClient(server.url).get('/api/auth/signup-status')).json.code, 'UNAUTHENTICATED');
  assert.equal((await new HttpClient(server.url).request('GET', '/api/auth/signup-status', undefined, { cookie: 'sotong_session=junk' })).status, 401);
});
