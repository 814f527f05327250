import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../testing/harness.ts';
import { HttpClient, approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';

// POST /api/me/password: the current password is required and limited like a login; the session
// that changes it stays, every other session of the account ends and its sockets close.

const NEW_PASSWORD = 'a brand new passphrase';

test('changing the password keeps this session, ends the others and closes their sockets; the old password is refused', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const { client: here, fields } = await approvedUser(server.url, admin, '변경자');
  const there = new HttpClient(server.url);
  assert.equal((await there.post('/api/auth/login', { login: fields.email, password: fields.password })).status, 200);
  const herePage = await WsClient.connect(server.url, here.cookie);
  const therePage = await WsClient.connect(server.url, there.cookie);
  await herePage.next('ready');
  await therePage.next('ready');

  const changed = await here.post('/api/me/password', { currentPassword: fields.password, newPassword: NEW_PASSWORD });
  assert.equal(changed.status, 200, changed.text);
  assert.deepEqual(changed.json, { ok: true });

  assert.equal(await therePage.closed, 4001, 'the other session’s socket closed as logged out');
  assert.equal((await there.get('/api/me')).status, 401, 'the other session ended');
  assert.equal((await here.get('/api/me')).status, 200, 'this session stays');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(herePage.closeCode, undefined, 'this session’s socket stays open');

  const old = await new HttpClient(server.url).post('/api/auth/login', { login: fields.email, password: fields.password });
  assert.equal(old.json.code, 'INVALID_CREDENTIALS');
  const fresh = await new HttpClient(server.url).post('/api/auth/login', { login: fields.email, password: NEW_PASSWORD });
  assert.equal(fresh.status, 200);
  herePage.close();
});

test('refusals: wrong current password, bad new length, no session, odd bodies', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const { client, fields } = await approvedUser(server.url, admin, '거절');

  const wrong = await client.post('/api/me/password', { currentPassword: 'not my password', newPassword: NEW_PASSWORD });
  assert.equal(wrong.status, 403, 'not 401: the page must not think it was logged out');
  assert.equal(wrong.json.code, 'CURRENT_PASSWORD_WRONG');
  assert.match(wrong.json.message.ko, /현재 비밀번호/);
  assert.match(wrong.json.message.en, /current password/);

  const short = await client.post('/api/me/password', { currentPassword: fields.password, newPassword: 'short' });
  assert.equal(short.json.code, 'PASSWORD_LENGTH');
  const long = await client.post('/api/me/password', { currentPassword: fields.password, newPassword: 'x'.repeat(1025) });
  assert.equal(long.json.code, 'PASSWORD_LENGTH');

  const anonymous = await new HttpClient(server.url).post('/api/me/password', { currentPassword: fields.password, newPassword: NEW_PASSWORD });
  assert.equal(anonymous.status, 401);

  for (const body of [{}, { currentPassword: fields.password }, { currentPassword: { x: 1 }, newPassword: NEW_PASSWORD }]) {
    const res = await client.post('/api/me/password', body);
    assert.equal(res.status, 400, JSON.stringify(body));
  }
  // Nothing changed: the original password still logs in.
  assert.equal((await new HttpClient(server.url).post('/api/auth/login', { login: fields.email, password: fields.password })).status, 200);
});

test('current-password guesses sent at once are counted before hashing: five are checked, the rest refused', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const { client, fields } = await approvedUser(server.url, admin, '추측');
  const { hasher } = server.services;
  const verify = hasher.verify.bind(hasher);
  let verifies = 0;
  hasher.verify = async (...args) => {
    verifies++;
    return verify(...args);
  };

  const replies = await Promise.all(
    Array.from({ length: 20 }, (_, i) => client.post('/api/me/password', { currentPassword: `guess number ${i}`, newPassword: NEW_PASSWORD })),
  );
  const codes = replies.map((r) => r.json.code).sort();
  assert.equal(codes.filter((c) => c === 'CURRENT_PASSWORD_WRONG').length, 5);
  assert.equal(codes.filter((c) => c === 'RATE_LIMITED').length, 15);
  assert.equal(verifies, 5);
  // Even the right one waits for the window now.
  const right = await client.post('/api/me/password', { currentPassword: fields.password, newPassword: NEW_PASSWORD });
  assert.equal(right.json.code, 'RATE_LIMITED');
  assert.ok(Number(right.headers.get('retry-after')) > 0);
});
