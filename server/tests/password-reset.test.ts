import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../testing/harness.ts';
import { HttpClient, approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { RESET_REQUEST_TTL_MS, RESET_TOKEN_TTL_MS } from '../accounts/reset-secrets.ts';

// Password reset by admin approval: file (no hint whether the account exists), poll with the code,
// the admin approves or rejects, the one-time token sets the new password once and ends every session.

const NEW_PASSWORD = 'my new remembered phrase';

/** A server whose reset clock the test moves; the admin and one member with a live socket. */
async function world(t: TestContext) {
  const clock = { now: Date.now() };
  const server = await startTestServer(t, { clock: () => clock.now });
  const { client: admin } = await setupAdmin(server.url);
  const member = await approvedUser(server.url, admin, '김잊음');
  return { server, clock, admin, member };
}

async function fileFor(baseUrl: string, login: string, name: string) {
  const requester = new HttpClient(baseUrl);
  const filed = await requester.post('/api/auth/password-reset', { login, name });
  return { requester, filed };
}

const poll = (client: HttpClient, id: number, code: string) => client.get(`/api/auth/password-reset/${id}?code=${encodeURIComponent(code)}`);

test('the whole flow: file, admins hear of it live, approve, poll for the token, set the password once; every session ends', async (t) => {
  const { server, admin, member } = await world(t);
  const adminPage = await WsClient.connect(server.url, admin.cookie);
  const memberPage = await WsClient.connect(server.url, member.client.cookie);
  await memberPage.next('ready');

  const { requester, filed } = await fileFor(server.url, ` ${member.fields.email.toUpperCase()} `, '김잊음');
  assert.equal(filed.status, 201, filed.text);
  const { id, code, check } = filed.json;
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{16}$/);
  assert.match(check, /^\d{4}$/);
  assert.equal((await adminPage.next('reset-request')).pending, 1);

  const list = await admin.get('/api/admin/password-resets');
  assert.equal(list.status, 200);
  const [row] = list.json.requests;
  assert.equal(row.id, id);
  assert.equal(row.status, 'pending');
  assert.equal(row.check, check);
  assert.equal(row.account.id, member.user.id);
  assert.equal(row.account.email, member.fields.email);
  assert.equal(row.address, '127.0.0.1');
  assert.ok(!JSON.stringify(list.json).includes(code), 'admins never see the requester’s code');

  assert.deepEqual((await poll(requester, id, code)).json, { status: 'pending' });
  const early = await requester.post(`/api/auth/password-reset/${id}/complete`, { token: 'x'.repeat(43), newPassword: NEW_PASSWORD });
  assert.equal(early.json.code, 'RESET_TOKEN_INVALID');

  const approved = await admin.post(`/api/admin/password-resets/${id}/approve`);
  assert.equal(approved.status, 200, approved.text);
  assert.equal(approved.json.request.status, 'approved');
  assert.equal((await adminPage.next('reset-request', (f) => f.pending === 0)).pending, 0);

  // The code is case- and dash-insensitive, as someone retyping it would write it.
  const lower = code.toLowerCase().replace(/(.{4})(?!$)/g, '$1-');
  const status = (await poll(requester, id, lower)).json;
  assert.equal(status.status, 'approved');
  assert.ok(status.token.length >= 40);
  assert.ok(status.expiresAt > Date.now() + RESET_TOKEN_TTL_MS - 60_000);

  const short = await requester.post(`/api/auth/password-reset/${id}/complete`, { token: status.token, newPassword: 'short' });
  assert.equal(short.json.code, 'PASSWORD_LENGTH', 'a bad new password does not use the token up');
  const done = await requester.post(`/api/auth/password-reset/${id}/complete`, { token: status.token, newPassword: NEW_PASSWORD });
  assert.equal(done.status, 200, done.text);
  assert.deepEqual(done.json, { ok: true });

  assert.equal(await memberPage.closed, 4001, 'the account’s live socket closed');
  assert.equal((await member.client.get('/api/me')).status, 401, 'its session ended');
  const old = await new HttpClient(server.url).post('/api/auth/login', { login: member.fields.email, password: member.fields.password });
  assert.equal(old.json.code, 'INVALID_CREDENTIALS', 'the old password is refused');
  const fresh = await new HttpClient(server.url).post('/api/auth/login', { login: member.fields.email, password: NEW_PASSWORD });
  assert.equal(fresh.status, 200);

  const again = await requester.post(`/api/auth/password-reset/${id}/complete`, { token: status.token, newPassword: 'yet another password' });
  assert.equal(again.status, 409);
  assert.equal(again.json.code, 'RESET_TOKEN_USED');
  assert.match(again.json.message.ko, /이미 사용한/);
  assert.deepEqual((await poll(requester, id, code)).json, { status: 'used' });
  adminPage.close();
});

test('no hint: an unknown login or a wrong name gets the same answer; admins see "no account" and cannot approve it', async (t) => {
  const { server, admin, member } = await world(t);
  const real = await fileFor(server.url, member.fields.email, '김잊음');
  const unknown = await fileFor(server.url, 'nobody@example.com', '김잊음');
  const wrongName = await fileFor(server.url, member.fields.email, '다른 이름');
  const shape = (r: { status: number; json: Record<string, unknown> }) => [r.status, Object.keys(r.json).sort(), String(r.json.code).length, String(r.json.check).length];
  assert.deepEqual(shape(unknown.filed), shape(real.filed));
  assert.deepEqual(shape(wrongName.filed), shape(real.filed));
  assert.deepEqual(unknown.filed.headers.get('set-cookie'), real.filed.headers.get('set-cookie'));
  assert.deepEqual((await poll(unknown.requester, unknown.filed.json.id, unknown.filed.json.code)).json, { status: 'pending' });

  const rows = (await admin.get('/api/admin/password-resets')).json.requests;
  assert.deepEqual(
    rows.map((r: { id: number; account: unknown }) => [r.id, r.account === null]),
    [
      [wrongName.filed.json.id, true],
      [unknown.filed.json.id, true],
      [real.filed.json.id, false],
    ],
  );
  const refused = await admin.post(`/api/admin/password-resets/${unknown.filed.json.id}/approve`);
  assert.equal(refused.json.code, 'RESET_NO_ACCOUNT');
  assert.equal((await admin.post(`/api/admin/password-resets/${unknown.filed.json.id}/reject`)).json.request.status, 'rejected');
  assert.deepEqual((await poll(unknown.requester, unknown.filed.json.id, unknown.filed.json.code)).json, { status: 'rejected' });
});

test('rejected: the requester is told so; it cannot be approved after, nor completed', async (t) => {
  const { server, admin, member } = await world(t);
  const { requester, filed } = await fileFor(server.url, member.fields.employeeNo, '김잊음');
  const rejected = await admin.post(`/api/admin/password-resets/${filed.json.id}/reject`);
  assert.equal(rejected.json.request.status, 'rejected');
  assert.deepEqual((await poll(requester, filed.json.id, filed.json.code)).json, { status: 'rejected' });
  assert.equal((await admin.post(`/api/admin/password-resets/${filed.json.id}/approve`)).json.code, 'RESET_DECIDED');
  assert.equal((await admin.post(`/api/admin/password-resets/${filed.json.id}/reject`)).json.code, 'RESET_DECIDED');
  const complete = await requester.post(`/api/auth/password-reset/${filed.json.id}/complete`, { token: 'guess', newPassword: NEW_PASSWORD });
  assert.equal(complete.json.code, 'RESET_TOKEN_INVALID');
  assert.equal((await new HttpClient(server.url).post('/api/auth/login', { login: member.fields.email, password: member.fields.password })).status, 200);
});

test('expiry by the injected clock: a token 30 minutes after approval, a request nobody decided after a day', async (t) => {
  const { server, clock, admin, member } = await world(t);
  const { requester, filed } = await fileFor(server.url, member.fields.email, '김잊음');
  await admin.post(`/api/admin/password-resets/${filed.json.id}/approve`);
  const { token } = (await poll(requester, filed.json.id, filed.json.code)).json;
  clock.now += RESET_TOKEN_TTL_MS + 1000;
  assert.deepEqual((await poll(requester, filed.json.id, filed.json.code)).json, { status: 'expired' });
  const late = await requester.post(`/api/auth/password-reset/${filed.json.id}/complete`, { token, newPassword: NEW_PASSWORD });
  assert.equal(late.status, 410);
  assert.equal(late.json.code, 'RESET_EXPIRED');
  assert.match(late.json.message.en, /expired/);

  const stale = await fileFor(server.url, member.fields.email, '김잊음');
  clock.now += RESET_REQUEST_TTL_MS;
  assert.deepEqual((await poll(stale.requester, stale.filed.json.id, stale.filed.json.code)).json, { status: 'expired' });
  assert.equal((await admin.post(`/api/admin/password-resets/${stale.filed.json.id}/approve`)).json.code, 'RESET_EXPIRED');
  assert.equal((await new HttpClient(server.url).post('/api/auth/login', { login: member.fields.email, password: member.fields.password })).status, 200);
});

test('unknown ids and wrong codes read the same; each poll replaces the token; odd ids are refused', async (t) => {
  const { server, admin, member } = await world(t);
  const { requester, filed } = await fileFor(server.url, member.fields.email, '김잊음');
  const { id, code } = filed.json;
  const wrongCode = await poll(requester, id, code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'));
  const unknownId = await poll(requester, id + 1000, code);
  assert.equal(wrongCode.status, 404);
  assert.deepEqual(wrongCode.json, unknownId.json);
  assert.equal(wrongCode.json.code, 'RESET_NOT_FOUND');
  assert.equal((await requester.post(`/api/auth/password-reset/${id + 1000}/complete`, { token: 'x', newPassword: NEW_PASSWORD })).json.code, 'RESET_NOT_FOUND');
  for (const odd of ['0', '-1', '1e3', 'abc', '99999999999999999999']) {
    assert.equal((await poll(requester, odd as unknown as number, code)).status, 400, odd);
  }
  assert.equal((await requester.get(`/api/auth/password-reset/${id}`)).status, 400, 'no code at all');
  assert.equal((await requester.get(`/api/auth/password-reset/${id}?code=${'A'.repeat(65)}`)).status, 400);

  await admin.post(`/api/admin/password-resets/${id}/approve`);
  const first = (await poll(requester, id, code)).json.token;
  const second = (await poll(requester, id, code)).json.token;
  assert.notEqual(first, second);
  assert.equal((await requester.post(`/api/auth/password-reset/${id}/complete`, { token: first, newPassword: NEW_PASSWORD })).json.code, 'RESET_TOKEN_INVALID');
  assert.equal((await requester.post(`/api/auth/password-reset/${id}/complete`, { token: second, newPassword: NEW_PASSWORD })).status, 200);
});

test('members and strangers cannot use the admin endpoints', async (t) => {
  const { server, admin, member } = await world(t);
  const { filed } = await fileFor(server.url, member.fields.email, '김잊음');
  const stranger = new HttpClient(server.url);
  for (const [method, url] of [
    ['GET', '/api/admin/password-resets'],
    ['POST', `/api/admin/password-resets/${filed.json.id}/approve`],
    ['POST', `/api/admin/password-resets/${filed.json.id}/reject`],
  ] as const) {
    const asMember = await member.client.request(method, url, method === 'POST' ? {} : undefined);
    assert.equal(asMember.status, 403, url);
    assert.equal(asMember.json.code, 'ADMIN_ONLY');
    assert.equal((await stranger.request(method, url, method === 'POST' ? {} : undefined)).status, 401, url);
  }
  assert.equal((await admin.get('/api/admin/password-resets')).json.requests[0].status, 'pending', 'still undecided');
  assert.equal((await admin.post('/api/admin/password-resets/999999/approve')).json.code, 'RESET_NOT_FOUND');
});

test('rate limits hold when requests race: per address, and per login from any address', async (t) => {
  const { server, admin, member } = await world(t);
  const replies = await Promise.all(
    Array.from({ length: 20 }, (_, i) => new HttpClient(server.url).post('/api/auth/password-reset', { login: i % 2 ? member.fields.email : `nobody${i}@x`, name: '김잊음' })),
  );
  const statuses = replies.map((r) => r.status).sort();
  assert.deepEqual(statuses, [...Array(5).fill(201), ...Array(15).fill(429)]);
  for (const r of replies.filter((r) => r.status === 429)) {
    assert.equal(r.json.code, 'RATE_LIMITED');
    assert.ok(Number(r.headers.get('retry-after')) > 0);
  }
  assert.equal((await admin.get('/api/admin/password-resets')).json.requests.length, 5, 'only the admitted ones were filed');

  // One login named from many addresses at once: five pass, whatever the address.
  const login = member.fields.employeeNo;
  const spread = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      server.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { login, name: 'x' }, remoteAddress: `192.0.2.${i + 1}` }),
    ),
  );
  assert.equal(spread.filter((r) => r.statusCode === 201).length, 5);
  assert.equal(spread.filter((r) => r.json().code === 'RATE_LIMITED').length, 7);
});

test('the same token sent many times at once sets the password once', async (t) => {
  const { server, admin, member } = await world(t);
  const { requester, filed } = await fileFor(server.url, member.fields.email, '김잊음');
  await admin.post(`/api/admin/password-resets/${filed.json.id}/approve`);
  const { token } = (await poll(requester, filed.json.id, filed.json.code)).json;
  const replies = await Promise.all(
    Array.from({ length: 6 }, (_, i) => new HttpClient(server.url).post(`/api/auth/password-reset/${filed.json.id}/complete`, { token, newPassword: `${NEW_PASSWORD} ${i}` })),
  );
  const ok = replies.filter((r) => r.status === 200);
  assert.equal(ok.length, 1);
  assert.ok(replies.filter((r) => r.status !== 200).every((r) => r.json.code === 'RESET_TOKEN_USED'));
  const winner = replies.indexOf(ok[0]!);
  assert.equal((await new HttpClient(server.url).post('/api/auth/login', { login: member.fields.email, password: `${NEW_PASSWORD} ${winner}` })).status, 200);
});

test('an account disabled after the request cannot be approved, nor reset after an approval', async (t) => {
  const { server, admin, member } = await world(t);
  const before = await fileFor(server.url, member.fields.email, '김잊음');
  const after = await fileFor(server.url, member.fields.email, '김잊음');
  await admin.post(`/api/admin/password-resets/${after.filed.json.id}/approve`);
  const { token } = (await poll(after.requester, after.filed.json.id, after.filed.json.code)).json;
  await server.services.users.setStatus(member.user.id, 'disabled', 1);
  assert.equal((await admin.post(`/api/admin/password-resets/${before.filed.json.id}/approve`)).json.code, 'RESET_NO_ACCOUNT');
  const complete = await after.requester.post(`/api/auth/password-reset/${after.filed.json.id}/complete`, { token, newPassword: NEW_PASSWORD });
  assert.equal(complete.json.code, 'ACCOUNT_DISABLED');
  assert.equal((await poll(after.requester, after.filed.json.id, after.filed.json.code)).json.status, 'approved', 'the token was not spent');
});
