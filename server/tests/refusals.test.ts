import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startTestServer, waitFor } from '../testing/harness.ts';
import { HttpClient, approvedUser, setupAdmin, signupFields } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { WS_MAX_PAYLOAD } from '../app.ts';

async function threeUsers(t: Parameters<typeof startTestServer>[0]) {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, 'Alice');
  const b = await approvedUser(server.url, admin, 'Bob');
  const c = await approvedUser(server.url, admin, 'Mallory');
  const dm = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id as number;
  return { server, admin, a, b, c, dm };
}

test('a non-member can neither read nor send to a room', async (t) => {
  const { server, c, dm } = await threeUsers(t);
  assert.equal((await c.client.get(`/api/rooms/${dm}`)).status, 403);
  const history = await c.client.get(`/api/rooms/${dm}/messages`);
  assert.equal(history.status, 403);
  assert.equal(history.json.code, 'NOT_A_MEMBER');
  assert.equal((await c.client.post(`/api/rooms/${dm}/members`, { userIds: [c.user.id] })).status, 403);
  assert.equal((await c.client.get('/api/rooms/99999/messages')).status, 404);

  const ws = await WsClient.connect(server.url, c.client.cookie);
  ws.send({ type: 'send', tempId: 'x1', roomId: dm, body: 'let me in' });
  const err = await ws.next('error', (f) => f.tempId === 'x1');
  assert.equal(err.code, 'NOT_A_MEMBER');
  assert.ok(err.message.ko && err.message.en);
  // Asking to resync a room you are not in yields nothing from it: only that you are not in it,
  // said the same way as for a room that does not exist.
  ws.send({ type: 'sync', cursors: { [dm]: 0, 99999: 0 } });
  ws.send({ type: 'read', roomId: dm, seq: 1 });
  await ws.next('error', (f) => f.code === 'NOT_A_MEMBER' && f.tempId === undefined);
  assert.equal(ws.of('synced').length, 0);
  assert.deepEqual(ws.of('removed'), [{ type: 'removed', roomId: dm }, { type: 'removed', roomId: 99999 }]);
  ws.close();
});

test('pending and rejected users cannot log in, with a clear reason only after the right password', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const client = new HttpClient(server.url);
  const fields = signupFields('대기자');
  const { user } = (await client.post('/api/auth/signup', fields)).json;

  const wrong = await client.post('/api/auth/login', { login: fields.email, password: 'not the password' });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.json.code, 'INVALID_CREDENTIALS');
  const unknown = await client.post('/api/auth/login', { login: 'nobody@example.com', password: 'not the password' });
  assert.deepEqual(unknown.json, wrong.json, 'unknown login reads exactly like a wrong password');

  const pending = await client.post('/api/auth/login', { login: fields.email, password: fields.password });
  assert.equal(pending.status, 403);
  assert.equal(pending.json.code, 'ACCOUNT_PENDING');
  assert.match(pending.json.message.ko, /승인/);
  // The waiting session (for the waiting screen) opens nothing while the account waits.
  assert.match(pending.headers.get('set-cookie') ?? '', /sotong_session=/);
  assert.equal((await client.get('/api/me')).status, 401);
  assert.equal((await client.get('/api/rooms')).status, 401);
  assert.equal((await client.get('/api/auth/signup-status')).json.status, 'pending');

  await admin.post(`/api/admin/users/${user.id}/reject`);
  const rejected = await client.post('/api/auth/login', { login: fields.email, password: fields.password });
  assert.equal(rejected.json.code, 'ACCOUNT_REJECTED');

  // Members cannot approve anyone.
  const member = await approvedUser(server.url, admin, '일반');
  assert.equal((await member.client.post(`/api/admin/users/${user.id}/approve`)).status, 403);
  assert.equal((await member.client.get('/api/admin/users')).json.code, 'ADMIN_ONLY');
});

test('password length is enforced on sign-up', async (t) => {
  const server = await startTestServer(t);
  const client = new HttpClient(server.url);
  const short = await client.post('/api/auth/signup', signupFields('짧은', { password: '1234567' }));
  assert.equal(short.status, 400);
  assert.equal(short.json.code, 'PASSWORD_LENGTH');
  const long = await client.post('/api/auth/signup', signupFields('긴', { password: 'x'.repeat(1025) }));
  assert.equal(long.json.code, 'PASSWORD_LENGTH');
});

test('a cross-site Origin is refused at the upgrade; the same origin is accepted', async (t) => {
  const { server, a } = await threeUsers(t);
  const host = new URL(server.url).host;
  await assert.rejects(
    WsClient.connect(server.url, a.client.cookie, { origin: 'http://evil.example' }),
    /upgrade refused: 403/,
  );
  await assert.rejects(WsClient.connect(server.url, a.client.cookie, { origin: `https://${host}` }), /403/);
  const ok = await WsClient.connect(server.url, a.client.cookie, { origin: `http://${host}` });
  await ok.next('ready');
  ok.close();
  // No cookie, no socket.
  await assert.rejects(WsClient.connect(server.url, ''), /upgrade refused: 401/);
});

test('an oversized frame closes that socket with 1009 and the server stays up', async (t) => {
  const { server, a, b, dm } = await threeUsers(t);
  const ws = await WsClient.connect(server.url, a.client.cookie);
  await ws.next('ready');
  ws.send({ type: 'send', tempId: 'big', roomId: dm, body: 'x'.repeat(WS_MAX_PAYLOAD + 10) });
  assert.equal(await ws.closed, 1009);
  const again = await WsClient.connect(server.url, b.client.cookie);
  again.send({ type: 'send', tempId: 'after', roomId: dm, body: 'still here' });
  assert.equal((await again.next('ack', (f) => f.tempId === 'after')).message.body, 'still here');
  again.close();
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
});

test('malformed JSON, unknown frame types and bad fields get clear errors; the connection stays usable', async (t) => {
  const { server, a, dm } = await threeUsers(t);
  const ws = await WsClient.connect(server.url, a.client.cookie);
  ws.send('{not json');
  assert.equal((await ws.next('error', (f) => f.code === 'BAD_JSON')).message.en, 'The JSON is malformed.');
  ws.send({ type: 'launch-missiles' });
  await ws.next('error', (f) => f.code === 'UNKNOWN_FRAME');
  ws.send({ type: 'send', tempId: 'bad', roomId: 'one', body: 'x' });
  assert.equal((await ws.next('error', (f) => f.tempId === 'bad')).code, 'BAD_REQUEST');
  ws.send({ type: 'send', tempId: 'empty', roomId: dm, body: '   ' });
  assert.equal((await ws.next('error', (f) => f.tempId === 'empty')).code, 'MESSAGE_EMPTY');
  ws.send({ type: 'send', tempId: 'long', roomId: dm, body: '가'.repeat(10_001) });
  assert.equal((await ws.next('error', (f) => f.tempId === 'long')).code, 'MESSAGE_TOO_LONG');
  ws.socket.send(Buffer.from([1, 2, 3]), { binary: true });
  await ws.next('error', (f) => f.code === 'BAD_REQUEST' && f.tempId === undefined);
  ws.send({ type: 'send', tempId: 'fine', roomId: dm, body: 'ok' });
  await ws.next('ack', (f) => f.tempId === 'fine');
  ws.close();

  const http = await a.client.request('POST', '/api/rooms', '{"name": ');
  assert.equal(http.status, 400);
  assert.equal(http.json.code, 'BAD_JSON');
  const wrongShape = await a.client.post('/api/rooms', { name: 42, memberIds: 'all' });
  assert.equal(wrongShape.json.code, 'BAD_REQUEST');
});

test('script in a message or a display name is stored and returned as plain text', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const evilName = '<img src=x onerror=alert(1)>';
  const evil = new HttpClient(server.url);
  const fields = signupFields(evilName);
  const { user } = (await evil.post('/api/auth/signup', fields)).json;
  assert.equal(user.name, evilName);
  await admin.post(`/api/admin/users/${user.id}/approve`);
  await evil.post('/api/auth/login', { login: fields.email, password: fields.password });
  const dm = (await evil.post('/api/rooms/dm', { userId: user.id })).json.room.id;
  const ws = await WsClient.connect(server.url, evil.cookie);
  const body = '<script>alert("x")</script>';
  ws.send({ type: 'send', tempId: 's', roomId: dm, body });
  assert.equal((await ws.next('ack')).message.body, body);
  const history = await evil.get(`/api/rooms/${dm}/messages`);
  assert.equal(history.json.messages[0].body, body);
  assert.match(history.headers.get('content-type') ?? '', /application\/json/);
  ws.close();
  // The page itself forbids inline script, so even a rendering slip could not run it.
  const page = await fetch(server.url + '/');
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
});

test('wrong passwords are rate limited per login', async (t) => {
  const server = await startTestServer(t);
  const client = new HttpClient(server.url);
  const fields = signupFields('누구');
  await client.post('/api/auth/signup', fields);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    statuses.push((await client.post('/api/auth/login', { login: fields.email, password: `wrong-${i}-password` })).status);
  }
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
  const limited = await client.post('/api/auth/login', { login: fields.email, password: fields.password });
  assert.equal(limited.status, 429);
  assert.equal(limited.json.code, 'RATE_LIMITED');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
});

test('a second setup attempt after the first admin exists is refused', async (t) => {
  const server = await startTestServer(t);
  await setupAdmin(server.url);
  const again = await new HttpClient(server.url).post('/api/setup', signupFields('두번째'));
  assert.equal(again.status, 409);
  assert.equal(again.json.code, 'SETUP_DONE');
  assert.equal((await fetch(`${server.url}/api/setup`).then((r) => r.json()) as { needed: boolean }).needed, false);
});

test('setup from another PC needs the one-time code', async (t) => {
  // The decision is made from the socket's address; build() without listen lets us inject one.
  const server = await startTestServer(t);
  const code = server.services.setupCode.current!;
  const remote = { remoteAddress: '192.0.2.10' };
  const inject = (setupCode?: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { ...signupFields('원격관리자'), ...(setupCode ? { setupCode } : {}) },
      ...remote,
    });
  const status = await server.app.inject({ method: 'GET', url: '/api/setup', ...remote });
  assert.equal(status.json().local, false);
  assert.equal((await inject()).json().code, 'SETUP_NOT_ALLOWED');
  assert.equal((await inject('0000-0000')).json().code, 'SETUP_NOT_ALLOWED');
  const ok = await inject(code);
  assert.equal(ok.statusCode, 200);
  assert.equal(server.services.setupCode.current, undefined, 'the code dies once used');
});

test('per-connection frame rate limit, and per-user connection cap', async (t) => {
  const server = await startTestServer(t, { maxConnectionsPerUser: 2, wsLimits: { burst: 5, perSecond: 1 } });
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, 'Flood');
  const dm = (await a.client.post('/api/rooms/dm', { userId: a.user.id })).json.room.id;
  const ws = await WsClient.connect(server.url, a.client.cookie);
  for (let i = 0; i < 8; i++) ws.send({ type: 'send', tempId: `f${i}`, roomId: dm, body: 'spam' });
  await ws.next('error', (f) => f.tempId === 'f7');
  // The refusals need no database; on PostgreSQL the acks (after the commit) may come after them.
  await waitFor(() => ws.of('ack').length >= 5, 5000, 'the five acks');
  assert.equal(ws.of('ack').length, 5);
  assert.deepEqual(ws.of('error').map((f) => f.code), ['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
  // A client that keeps pushing regardless is disconnected.
  for (let i = 0; i < 80; i++) ws.send({ type: 'typing', roomId: dm });
  assert.equal(await ws.closed, 1008);

  const one = await WsClient.connect(server.url, a.client.cookie);
  const two = await WsClient.connect(server.url, a.client.cookie);
  const three = await WsClient.connect(server.url, a.client.cookie);
  assert.equal(await three.closed, 4002);
  one.close();
  two.close();
});

test('a dead peer that stops answering pings is dropped by the heartbeat', async (t) => {
  const server = await startTestServer(t, { pingIntervalMs: 1000, pingTimeoutMs: 1000 });
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, 'Sleepy');
  const alive = await WsClient.connect(server.url, a.client.cookie);
  const socket = new WebSocket(server.url.replace('http', 'ws') + '/ws', { headers: { cookie: a.client.cookie }, autoPong: false });
  await new Promise((resolve) => socket.once('open', resolve));
  const openedAt = Date.now();
  assert.equal(server.services.hub.connectionCount, 2);
  const closed = new Promise((resolve) => socket.once('close', resolve));
  await closed;
  // Pinged after one interval of silence, dropped one timeout later (+ one wheel slot, 125 ms here);
  // the rest is slack for a loaded machine's late timers.
  const droppedAfter = Date.now() - openedAt;
  assert.ok(droppedAfter >= 1600 && droppedAfter <= 2000 + 125 + 1500, `dropped ${droppedAfter} ms after it went silent (interval 1000 + timeout 1000)`);
  await waitFor(() => server.services.hub.connectionCount === 1, 2000, 'the server to drop the peer');
  assert.equal(alive.closeCode, undefined, 'a peer that answers pings stays connected');
  alive.close();
});

test('asking about a room id before it exists does not lock its future members out', async (t) => {
  const { server, a, b } = await threeUsers(t);
  const nextId = (await a.client.post('/api/rooms', { name: '미리', memberIds: [] })).json.room.id + 1;
  assert.equal((await a.client.get(`/api/rooms/${nextId}`)).status, 404);
  const ws = await WsClient.connect(server.url, a.client.cookie);
  ws.send({ type: 'send', tempId: 'probe', roomId: nextId, body: 'x' });
  await ws.next('error', (f) => f.tempId === 'probe');
  const created = await a.client.post('/api/rooms', { name: '나중', memberIds: [b.user.id] });
  assert.equal(created.json.room.id, nextId);
  ws.send({ type: 'send', tempId: 'real', roomId: nextId, body: '이제 됩니다' });
  assert.equal((await ws.next('ack', (f) => f.tempId === 'real')).message.roomId, nextId);
  assert.equal((await b.client.get(`/api/rooms/${nextId}/messages`)).status, 200);
  ws.close();
});

test('a tempId reused for another room or other text is a new message, not a lost one', async (t) => {
  const { server, a, b, dm } = await threeUsers(t);
  const group = (await a.client.post('/api/rooms', { name: '그룹', memberIds: [b.user.id] })).json.room.id;
  const ws = await WsClient.connect(server.url, a.client.cookie);
  ws.send({ type: 'send', tempId: 'same', roomId: dm, body: '첫 번째' });
  const first = await ws.next('ack', (f) => f.tempId === 'same');
  ws.send({ type: 'send', tempId: 'same', roomId: group, body: '두 번째' });
  const second = await ws.next('ack', (f) => f.tempId === 'same' && f.message.id !== first.message.id);
  assert.deepEqual([second.message.roomId, second.message.body], [group, '두 번째']);
  ws.close();
});

test('blank names and cross-field login collisions are refused', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const blank = await new HttpClient(server.url).post('/api/auth/signup', signupFields('   '));
  assert.equal(blank.json.code, 'BAD_REQUEST');
  assert.equal((await admin.post('/api/rooms', { name: '   ', memberIds: [] })).json.code, 'BAD_REQUEST');
  const first = signupFields('하나');
  await new HttpClient(server.url).post('/api/auth/signup', first);
  // Someone whose employee number is another person's email would make that login ambiguous.
  const clash = await new HttpClient(server.url).post('/api/auth/signup', signupFields('둘', { employeeNo: first.email }));
  assert.equal(clash.json.code, 'LOGIN_TAKEN');
  const raw = await fetch(`${server.url}/api/%E0%A4%A`);
  assert.equal(raw.status, 400);
});
