import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startTestServer } from '../testing/harness.ts';
import { HttpClient, approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';

const WRONG_PASSWORD = 'hunter2-Wrong-Secret!';
const MESSAGE_TEXT = '인사팀 연봉표는 내일 공유합니다 7f3a';

test('security events: a login flood, frame floods and refusals are logged, bounded, without secrets', { timeout: 60_000 }, async (t) => {
  const server = await startTestServer(t, { logLevel: 'info' });
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, '김보안');
  const b = await approvedUser(server.url, admin, '이동료');
  const roomId: number = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
  const token = a.client.cookie.split('=')[1]!;

  // A message with its text, so the grep below has something to look for.
  const ws = await WsClient.connect(server.url, a.client.cookie);
  ws.send({ type: 'send', tempId: 'm1', roomId, body: MESSAGE_TEXT });
  await ws.next('ack', (f) => f.tempId === 'm1');

  // 100 failed logins from one address: unknown logins, then a real one with a wrong password.
  const attacker = new HttpClient(server.url);
  const statuses: number[] = [];
  for (let i = 0; i < 100; i++) {
    const login = i < 20 ? `guess${i}@example.com` : a.fields.email;
    statuses.push((await attacker.post('/api/auth/login', { login, password: WRONG_PASSWORD })).status);
  }
  assert.ok(statuses.filter((s) => s === 401).length >= 20 && statuses.filter((s) => s === 429).length >= 50, JSON.stringify(statuses));

  // A socket flooding frames far past its rate limit.
  const flooder = await WsClient.connect(server.url, b.client.cookie);
  for (let i = 0; i < 150; i++) flooder.send({ type: 'typing', roomId });
  await flooder.next('error', (f) => f.code === 'RATE_LIMITED');
  // The manager console asked with a wrong key, and a socket from another site.
  for (let i = 0; i < 15; i++) {
    const res = await fetch(`${server.url}/api/manager/state`, { headers: { 'x-sotong-manager-key': `guess-${token}` } });
    assert.equal(res.status, 401);
  }
  await assert.rejects(WsClient.connect(server.url, a.client.cookie, { origin: 'http://evil.example' }), /403/);

  // Closing writes the pending summaries before the log file closes.
  const logFile = server.services.logFile;
  await server.close();
  const text = readFileSync(logFile, 'utf8');
  const lines = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
  const of = (kind: string) => lines.filter((l) => l.security === kind);
  const summaries = (kind: string) => of(kind).filter((l) => typeof l.suppressed === 'number');

  for (const kind of ['login_failed', 'login_rate_limited', 'frame_rate_limited', 'manager_refused']) {
    assert.equal(of(kind).length, 11, `${kind}: ten lines and a summary`);
    assert.equal(summaries(kind).length, 1, kind);
  }
  // Every attempt is accounted for: ten lines each plus the counts in the summaries.
  const failedLogins = statuses.filter((s) => s === 401).length;
  assert.equal(10 + summaries('login_failed')[0]!.suppressed, failedLogins);
  assert.equal(10 + summaries('login_rate_limited')[0]!.suppressed, 100 - failedLogins);
  assert.deepEqual(of('login_failed').slice(0, 10).map((l) => l.userId), Array(10).fill(undefined));
  assert.ok(of('login_failed').every((l) => l.address === '127.0.0.1'));
  assert.deepEqual(of('manager_refused')[0]!.reason, 'wrong key');
  assert.equal(of('cross_site_refused')[0]!.origin, 'http://evil.example');
  assert.equal(of('setup_used').length, 1);
  // Security lines are warnings without stacks; no line at all carries a secret or a message.
  assert.ok(lines.filter((l) => l.security).every((l) => l.level === 40 && !l.err));
  for (const secret of [WRONG_PASSWORD, MESSAGE_TEXT, token, a.fields.password, a.fields.email, 'guess0@example.com']) {
    assert.ok(!text.includes(secret), `the log contains ${secret}`);
  }
  assert.ok(lines.length < 80, `${lines.length} lines in all`);
  flooder.close();
  ws.close();
});
