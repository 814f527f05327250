import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../testing/harness.ts';
import { HttpClient, setupAdmin, signupFields } from '../testing/http-client.ts';
import type { RunningServer } from '../index.ts';

// Login, sign-up and setup-code limits hold when the attempts arrive all at once: each attempt is
// counted before its password is hashed, not after.

/** Counts the password checks the server actually runs. */
function countVerifies(server: RunningServer): { readonly count: number } {
  const { hasher } = server.services;
  const verify = hasher.verify.bind(hasher);
  const counter = { count: 0 };
  hasher.verify = async (...args) => {
    counter.count++;
    return verify(...args);
  };
  return counter;
}

function codes(replies: Array<{ json: { code?: string } | undefined; status: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of replies) {
    const key = r.json?.code ?? String(r.status);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

test('thirty wrong passwords sent at once from one address: five are checked, the rest refused unhashed', async (t) => {
  const server = await startTestServer(t);
  const client = new HttpClient(server.url);
  const fields = signupFields('표적');
  assert.equal((await client.post('/api/auth/signup', fields)).status, 201);
  const verifies = countVerifies(server);

  const replies = await Promise.all(
    Array.from({ length: 30 }, (_, i) => new HttpClient(server.url).post('/api/auth/login', { login: fields.email, password: `wrong password ${i}` })),
  );
  assert.deepEqual(codes(replies), { INVALID_CREDENTIALS: 5, RATE_LIMITED: 25 });
  assert.equal(verifies.count, 5, 'only the admitted attempts were hashed');
  for (const r of replies.filter((r) => r.status === 429)) assert.ok(Number(r.headers.get('retry-after')) > 0);

  // The right password from the same address is refused too, until the window passes…
  const right = await client.post('/api/auth/login', { login: ` ${fields.email.toUpperCase()} `, password: fields.password });
  assert.equal(right.json.code, 'RATE_LIMITED');
  assert.equal(verifies.count, 5);
  // …while its owner at another PC is not locked out by someone else's guessing.
  const elsewhere = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: fields.email, password: fields.password },
    remoteAddress: '192.0.2.20',
  });
  assert.equal(elsewhere.json().code, 'ACCOUNT_PENDING', 'the password was checked: it is right, the account waits for approval');
});

test('forty wrong logins for forty names at once from one address: thirty are checked', async (t) => {
  const server = await startTestServer(t);
  const verifies = countVerifies(server);
  const replies = await Promise.all(
    Array.from({ length: 40 }, (_, i) => new HttpClient(server.url).post('/api/auth/login', { login: `nobody${i}@example.com`, password: 'wrong password' })),
  );
  assert.deepEqual(codes(replies), { INVALID_CREDENTIALS: 30, RATE_LIMITED: 10 });
  assert.equal(verifies.count, 30);
});

test('a right password releases its reservation; the limit lifts when its window has passed', async (t) => {
  const windowMs = 1500;
  const server = await startTestServer(t, {
    accountLimits: { loginPerAccount: { max: 3, windowMs }, loginPerAddress: { max: 4, windowMs: 60_000 } },
  });
  const { client: admin } = await setupAdmin(server.url);
  const fields = signupFields('반복');
  const signup = await new HttpClient(server.url).post('/api/auth/signup', fields);
  await admin.post(`/api/admin/users/${signup.json.user.id}/approve`);
  const login = (password: string) => new HttpClient(server.url).post('/api/auth/login', { login: fields.email, password });

  // Six right passwords, twice the address's budget: none of them uses it up once it is through.
  // (While it is being checked it holds its place: a right password is known only after the hash.)
  for (let i = 0; i < 6; i++) assert.equal((await login(fields.password)).status, 200);

  const wrongs = await Promise.all(Array.from({ length: 4 }, (_, i) => login(`wrong password ${i}`)));
  assert.deepEqual(codes(wrongs), { INVALID_CREDENTIALS: 3, RATE_LIMITED: 1 });
  const early = await login(fields.password);
  assert.equal(early.json.code, 'RATE_LIMITED');
  const wait = Number(early.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= 2, `Retry-After ${wait}`);

  await new Promise((resolve) => setTimeout(resolve, windowMs + 100));
  assert.equal((await login(fields.password)).status, 200, 'the window has passed');
});

test('forty sign-ups at once from one address: ten are accepted, the rest refused with Retry-After', async (t) => {
  const server = await startTestServer(t);
  const replies = await Promise.all(
    Array.from({ length: 40 }, (_, i) => new HttpClient(server.url).post('/api/auth/signup', signupFields(`가입${i}`))),
  );
  assert.deepEqual(codes(replies), { '201': 10, RATE_LIMITED: 30 });
  for (const r of replies.filter((r) => r.status === 429)) assert.ok(Number(r.headers.get('retry-after')) > 0);
  assert.equal(await server.services.users.countByStatus('pending'), 10);
  // Another PC is not held back by this one.
  const other = await server.app.inject({ method: 'POST', url: '/api/auth/signup', payload: signupFields('다른PC'), remoteAddress: '192.0.2.30' });
  assert.equal(other.statusCode, 201);
});

test('two setups at once make exactly one admin, even when the store answers slowly', async (t) => {
  const server = await startTestServer(t);
  const { users } = server.services;
  // A networked database: the check for an admin and the insert are far apart in time.
  const insert = users.insert.bind(users);
  users.insert = async (row) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return insert(row);
  };
  const replies = await Promise.all(
    Array.from({ length: 3 }, (_, i) => new HttpClient(server.url).post('/api/setup', signupFields(`관리자${i}`))),
  );
  assert.deepEqual(codes(replies), { '200': 1, SETUP_DONE: 2 });
  assert.equal((await users.adminIds()).length, 1);
});

test('setup-code guesses from another PC are limited per address', async (t) => {
  const server = await startTestServer(t);
  const code = server.services.setupCode.current!;
  const setup = (setupCode: string, remoteAddress: string) =>
    server.app.inject({ method: 'POST', url: '/api/setup', payload: { ...signupFields('원격'), setupCode }, remoteAddress });
  const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => setup(`0000-00${String(i).padStart(2, '0')}`, '192.0.2.40')));
  assert.deepEqual(codes(guesses.map((g) => ({ status: g.statusCode, json: g.json() }))), { SETUP_NOT_ALLOWED: 10, RATE_LIMITED: 2 });
  const right = await setup(code, '192.0.2.40');
  assert.equal(right.json().code, 'RATE_LIMITED', 'even the right code waits out the window from that address');
  assert.ok(Number(right.headers['retry-after']) > 0);
  assert.equal((await setup(code, '192.0.2.41')).statusCode, 200);
});
