import { test, type TestContext } from 'node:test';
import { sqliteOnly } from '../testing/pg-database.ts';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import pino from 'pino';
import { startTestServer, tempDataDir, waitFor } from '../testing/harness.ts';
import { HttpClient, approvedUser, setupAdmin, signupFields } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { rawRequest } from '../testing/tls-client.ts';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';
import { ROUTE_PATHS } from '../protocol/paths.ts';
import type { AuditEntry } from '../protocol/admin-http.ts';
import { openSqliteStores } from '../storage/sqlite/index.ts';
import { AuditLog } from '../audit/audit-log.ts';

const PASSWORD_TYPED_WRONG = 'hunter2-not-my-password';
const SECRET_TEXT = '기밀-메시지-본문-7731';

/** Every row of the audit table, read from the database file as an outsider would. */
function auditRows(dataDir: string): Record<string, unknown>[] {
  const db = new Database(path.join(dataDir, 'sotong.db'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

async function audit(admin: HttpClient, query = ''): Promise<{ entries: AuditEntry[]; total: number }> {
  const res = await admin.get(`/api/admin/audit${query}`);
  assert.equal(res.status, 200, res.text);
  return res.json;
}

const managerCall = (url: string, key: string, method: string, route: string, body?: unknown, ca?: string) =>
  rawRequest(`${url}${route}`, {
    method,
    ca,
    headers: { [MANAGER_KEY_HEADER]: key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

test('a full flow: every admin action and security event is recorded with who, from where and what, and the table holds no secret', { skip: sqliteOnly('reads the SQLite file directly') }, async (t) => {
  const server = await startTestServer(t, { accountLimits: { loginPerAccount: { max: 2, windowMs: 60_000 } } });
  const { url } = server;
  const dataDir = server.services.config.dataDir;
  const { client: admin, user: adminUser } = await setupAdmin(url);
  const alice = await approvedUser(url, admin, '김감사');
  const refused = await new HttpClient(url).post('/api/auth/signup', signupFields('박거절'));
  assert.equal((await admin.post(`/api/admin/users/${refused.json.user.id}/reject`)).status, 200);

  // A message with text that must never reach the audit table, in a room the admin then deletes.
  const room = await alice.client.post('/api/rooms', { name: '기획팀', memberIds: [adminUser.id] });
  const ws = await WsClient.connect(url, alice.client.cookie);
  ws.send({ type: 'send', tempId: 't1', roomId: room.json.room.id, body: SECRET_TEXT });
  await ws.next('ack');
  ws.close();

  // Security events: a wrong password, then the account's limit; a cross-site request; the manager refused.
  const login = () => new HttpClient(url).post('/api/auth/login', { login: alice.fields.email, password: PASSWORD_TYPED_WRONG });
  assert.equal((await login()).status, 401);
  await login();
  assert.equal((await login()).json.code, 'RATE_LIMITED');
  const crossSite = await admin.request('POST', '/api/rooms', { name: 'x', memberIds: [] }, { origin: 'https://evil.example' });
  assert.equal(crossSite.status, 403);
  assert.equal((await rawRequest(`${url}/api/manager/state`, { headers: { [MANAGER_KEY_HEADER]: 'guess' } })).status, 401);

  // The manager console: a setting and the certificate.
  const key = server.services.managerKey;
  assert.equal((await managerCall(url, key, 'PUT', '/api/manager/settings', { auditRetentionDays: 90 })).status, 200);
  assert.equal(server.services.config.auditRetentionDays, 90);
  assert.equal((await managerCall(url, key, 'POST', '/api/manager/cert/reissue', {})).status, 200);
  const removal = await admin.request('DELETE', `/api/admin/rooms/${room.json.room.id}`);
  assert.equal(removal.status, 200, removal.text);

  await waitFor(() => auditRows(dataDir).some((r) => r.action === 'manager_refused'), 3000, 'the security entries');
  const { entries, total } = await audit(admin, '?limit=200');
  assert.equal(total, entries.length);
  const one = (action: string) => {
    const found = entries.filter((e) => e.action === action);
    assert.ok(found.length > 0, `${action} recorded (have ${entries.map((e) => e.action).join(', ')})`);
    return found[0]!;
  };
  const setup = one('setup_used');
  assert.deepEqual([setup.actorId, setup.actorName, setup.address], [adminUser.id, '관리자', '127.0.0.1']);
  const approved = entries.find((e) => e.action === 'user_approved' && e.targetId === alice.user.id)!;
  assert.deepEqual([approved.actorId, approved.actorName, approved.targetType, approved.targetName, approved.address], [adminUser.id, '관리자', 'user', '김감사', '127.0.0.1']);
  assert.deepEqual([one('user_rejected').targetId, one('user_rejected').targetName], [refused.json.user.id, '박거절']);
  const failed = one('login_failed');
  assert.deepEqual([failed.actorId, failed.targetType, failed.targetId, failed.address], [null, 'user', alice.user.id, '127.0.0.1']);
  one('login_rate_limited');
  assert.equal(one('cross_site_refused').detail.method, 'POST');
  assert.equal(one('manager_refused').detail.reason, 'wrong key');
  const settings = one('settings_changed');
  assert.deepEqual([settings.actorId, settings.targetType, settings.detail.auditRetentionDays, settings.detail.via], [null, 'server', 90, 'manager']);
  one('cert_reissued');
  const deleted = one('room_deleted');
  assert.deepEqual([deleted.actorId, deleted.targetId, deleted.targetName, deleted.detail.messages], [adminUser.id, room.json.room.id, '기획팀', 1]);
  assert.match(String(deleted.detail.export), /^room-\d+-\d{8}T\d{9}Z$/);
  // Newest first.
  for (let i = 1; i < entries.length; i++) assert.ok(entries[i - 1]!.at >= entries[i]!.at);

  // The table itself: no password, no session token, no manager key, no message text.
  const table = JSON.stringify(auditRows(dataDir));
  const secrets = [alice.fields.password, PASSWORD_TYPED_WRONG, SECRET_TEXT, key, admin.cookie.split('=')[1]!, alice.client.cookie.split('=')[1]!];
  for (const secret of secrets) assert.ok(!table.includes(secret), `the audit table must not contain ${secret.slice(0, 6)}…`);
});

test('HTTPS switched on and off is recorded', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const key = server.services.managerKey;
  assert.equal((await managerCall(server.url, key, 'POST', '/api/manager/https', { enabled: true })).status, 200);
  const ca = readFileSync(path.join(server.services.config.dataDir, 'certs', 'ca.crt'), 'utf8');
  assert.equal((await managerCall(`https://localhost:${server.port}`, key, 'POST', '/api/manager/https', { enabled: false }, ca)).status, 200);
  const { entries } = await audit(admin, '?action=https_switched');
  assert.deepEqual(entries.map((e) => e.detail.enabled), [false, true]);
});

test('filters: action, actor, target, date range, text search, paging; bad filters are refused', async (t) => {
  const server = await startTestServer(t);
  const { client: admin, user: adminUser } = await setupAdmin(server.url);
  const people = [];
  for (const name of ['가나다', '라마바', '사아자']) people.push(await approvedUser(server.url, admin, name));
  const rejected = await new HttpClient(server.url).post('/api/auth/signup', signupFields('차카타'));
  await admin.post(`/api/admin/users/${rejected.json.user.id}/reject`);

  const approvals = await audit(admin, '?action=user_approved');
  assert.equal(approvals.total, 3);
  assert.deepEqual(approvals.entries.map((e) => e.targetName), ['사아자', '라마바', '가나다'], 'newest first');
  assert.equal((await audit(admin, '?action=user_approved,user_rejected')).total, 4);
  assert.equal((await audit(admin, `?actorId=${adminUser.id}&action=user_rejected`)).entries[0]!.targetName, '차카타');
  assert.equal((await audit(admin, `?targetType=user&targetId=${people[1]!.user.id}`)).entries[0]!.targetName, '라마바');
  assert.deepEqual((await audit(admin, `?q=${encodeURIComponent('아자')}`)).entries.map((e) => e.targetName), ['사아자']);
  assert.equal((await audit(admin, '?q=127.0.0')).total, (await audit(admin)).total, 'the address is searched too');
  assert.equal((await audit(admin, '?q=%25')).total, 0, '% is taken literally');

  const page1 = await audit(admin, '?action=user_approved&limit=2');
  const page2 = await audit(admin, '?action=user_approved&limit=2&offset=2');
  assert.deepEqual([page1.entries.length, page2.entries.length, page1.total], [2, 1, 3]);
  assert.equal(page2.entries[0]!.targetName, '가나다');

  const middle = approvals.entries[1]!.at;
  assert.ok((await audit(admin, `?action=user_approved&from=${middle}`)).entries.every((e) => e.at >= middle));
  assert.equal((await audit(admin, `?from=${Date.now() + 60_000}`)).total, 0);
  assert.equal((await audit(admin, `?to=1`)).total, 0);

  for (const bad of ['?action=drop_table', '?action=user_approved,,x', '?limit=0', '?limit=100000', '?offset=-1', '?from=abc', '?actorId=1e3', `?q=${'x'.repeat(500)}`, '?targetType=planet']) {
    const res = await admin.get(`/api/admin/audit${bad}`);
    assert.equal(res.status, 400, `${bad}: ${res.status} ${res.text}`);
    assert.ok(res.json.code, 'a catalogue error');
  }
});

test('every admin endpoint refuses members (403) and anonymous callers (401)', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const member = await approvedUser(server.url, admin, '일반');
  const adminRoutes = Object.values(ROUTE_PATHS).filter((p) => p.split(' ')[1]!.startsWith('/api/admin/'));
  assert.ok(adminRoutes.length >= 7, adminRoutes.join(', '));
  for (const entry of adminRoutes) {
    const [method, pattern] = entry.split(' ') as [string, string];
    const url = pattern.replace(':id', '1').replace(':file', 'room-1-20260101T000000000Z.json');
    const body = method === 'GET' ? undefined : {};
    const asMember = await member.client.request(method, url, body);
    assert.equal(asMember.status, 403, `${entry} as a member`);
    assert.equal(asMember.json.code, 'ADMIN_ONLY');
    assert.equal((await new HttpClient(server.url).request(method, url, body)).status, 401, `${entry} anonymous`);
  }
  assert.equal((await audit(admin, '?action=room_deleted')).total, 0, 'nothing happened');
});

test('a storm of refused requests writes a bounded number of entries and one summary', { skip: sqliteOnly('reads the SQLite file directly') }, async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  for (let i = 0; i < 60; i++) await admin.request('POST', '/api/rooms', { name: 'x', memberIds: [] }, { origin: 'https://evil.example' });
  await waitFor(() => auditRows(server.services.config.dataDir).filter((r) => r.action === 'cross_site_refused').length >= 10, 3000, 'entries');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal((await audit(admin, '?action=cross_site_refused')).total, 10, 'ten a minute for one kind and address');
  await server.close();
  // At shutdown the suppressed ones are summed up in one more entry.
  const rows = auditRows(server.services.config.dataDir).filter((r) => r.action === 'cross_site_refused');
  assert.equal(rows.length, 11);
  assert.equal(JSON.parse(String(rows[10]!.detail)).suppressed, 50);
});

/** An empty database of its own, closed and removed when the test ends. */
function freshStores(t: TestContext) {
  const dir = tempDataDir();
  const stores = openSqliteStores(path.join(dir, 'sotong.db'));
  t.after(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return stores;
}

test('retention: entries older than the setting are purged, newer ones kept', async (t) => {
  const stores = freshStores(t);
  const DAY = 24 * 60 * 60 * 1000;
  let clock = Date.UTC(2026, 0, 1);
  const config = { auditRetentionDays: 30 };
  const log = new AuditLog({ store: stores.audit, users: stores.users, config, logger: pino({ level: 'silent' }), now: () => clock });
  for (const age of [400, 31, 29, 1]) {
    clock = Date.UTC(2026, 0, 1) - age * DAY;
    await log.record({ actorId: null, action: 'settings_changed', targetType: 'server', address: '127.0.0.1', detail: { age } });
  }
  clock = Date.UTC(2026, 0, 1);
  assert.equal(await log.purge(), 2);
  const left = await stores.audit.list({ limit: 10, offset: 0 });
  assert.deepEqual(left.entries.map((e) => e.detail.age), [1, 29]);
  config.auditRetentionDays = 1;
  assert.equal(await log.purge(), 1, 'a shorter setting applies at the next purge');
  assert.equal(await log.purge(), 0);
});

test('details never keep secret-looking keys, long values or objects', async (t) => {
  const stores = freshStores(t);
  const log = new AuditLog({ store: stores.audit, users: stores.users, config: { auditRetentionDays: 1 }, logger: pino({ level: 'silent' }) });
  await log.record({
    actorId: 424242,
    action: 'user_updated',
    targetType: 'user',
    targetId: 99,
    address: '10.0.0.9',
    detail: { password: 'p', newPassword: 'p', token: 't', setupCode: 'c', managerKey: 'k', body: 'b', text: 't', message: 'm', department: 'x'.repeat(300), nested: { a: 1 }, count: 2 },
  });
  const [entry] = (await stores.audit.list({ limit: 1, offset: 0 })).entries;
  assert.deepEqual(Object.keys(entry!.detail).sort(), ['count', 'department']);
  assert.equal(String(entry!.detail.department).length, 201);
  assert.deepEqual([entry!.actorName, entry!.targetName], ['', ''], 'unknown ids leave the names empty');
});

test('security entries from very many addresses are capped per minute for the whole server', async (t) => {
  const stores = freshStores(t);
  let clock = Date.UTC(2026, 0, 1, 9, 0, 0);
  const log = new AuditLog({ store: stores.audit, users: stores.users, config: { auditRetentionDays: 1 }, logger: pino({ level: 'silent' }), now: () => clock });
  for (let i = 0; i < 1000; i++) log.recordSecurity({ actorId: null, action: 'login_failed', address: `10.0.${i >> 8}.${i & 255}` });
  await log.flush();
  assert.equal((await stores.audit.list({ limit: 1, offset: 0 })).total, 300);
  clock += 60_000;
  log.recordSecurity({ actorId: null, action: 'login_failed', address: '10.9.9.9' });
  await log.flush();
  assert.equal((await stores.audit.list({ limit: 1, offset: 0 })).total, 301, 'the next minute has its own budget');
});

test('accounts: a password changed, resets approved, rejected and used are recorded, with no code, token or password in the table', { skip: sqliteOnly('reads the SQLite file directly') }, async (t) => {
  const server = await startTestServer(t);
  const { client: admin, user: adminUser } = await setupAdmin(server.url);
  const member = await approvedUser(server.url, admin, '김잊음');
  const NEW_PASSWORD = 'a brand new password 42';
  assert.equal((await member.client.post('/api/me/password', { currentPassword: member.fields.password, newPassword: NEW_PASSWORD })).status, 200);
  assert.equal((await member.client.post('/api/me/password', { currentPassword: 'not it at all', newPassword: 'whatever whatever' })).status, 403);

  const requester = new HttpClient(server.url);
  const filed = (await requester.post('/api/auth/password-reset', { login: member.fields.email, name: '김잊음' })).json;
  const stranger = (await requester.post('/api/auth/password-reset', { login: 'nobody@example.com', name: '홍길동' })).json;
  assert.equal((await admin.post(`/api/admin/password-resets/${filed.id}/approve`)).status, 200);
  assert.equal((await admin.post(`/api/admin/password-resets/${stranger.id}/reject`)).status, 200);
  const { token } = (await requester.get(`/api/auth/password-reset/${filed.id}?code=${filed.code}`)).json;
  const FINAL = 'the password after the reset';
  assert.equal((await requester.post(`/api/auth/password-reset/${filed.id}/complete`, { token, newPassword: FINAL })).status, 200);

  await waitFor(() => auditRows(server.services.config.dataDir).some((r) => r.action === 'password_reset_used'), 3000, 'the reset entry');
  const { entries } = await audit(admin, '?limit=200');
  const find = (action: string) => entries.find((e) => e.action === action);
  assert.deepEqual(
    [find('password_changed')?.actorId, find('password_changed')?.targetId, find('password_changed')?.address],
    [member.user.id, member.user.id, '127.0.0.1'],
  );
  assert.equal(find('password_change_failed')?.actorId, member.user.id);
  const approved = find('reset_approved')!;
  assert.deepEqual([approved.actorId, approved.targetId, approved.targetName, approved.detail.resetId], [adminUser.id, member.user.id, '김잊음', filed.id]);
  const rejected = find('reset_rejected')!;
  assert.deepEqual([rejected.targetId, rejected.targetName], [null, '홍길동'], 'a request matching no account names what was typed');
  assert.equal(find('password_reset_used')?.targetId, member.user.id);

  const table = JSON.stringify(auditRows(server.services.config.dataDir));
  for (const secret of [member.fields.password, NEW_PASSWORD, FINAL, filed.code, token, 'not it at all']) {
    assert.ok(!table.includes(secret), `the audit table must not contain ${secret.slice(0, 6)}…`);
  }
});

test('the admin users area: every action on an account is one entry with the admin, the account and the address', async (t) => {
  const server = await startTestServer(t);
  const { client: admin, user: adminUser } = await setupAdmin(server.url);
  const member = await approvedUser(server.url, admin, '박관리대상');
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await admin.request(method, url, body);
    assert.equal(res.status, 200, `${method} ${url}: ${res.text}`);
    return res;
  };
  const id = member.user.id;
  await call('PUT', `/api/admin/users/${id}/role`, { role: 'admin' });
  await call('PUT', `/api/admin/users/${id}/role`, { role: 'member' });
  await call('POST', `/api/admin/users/${id}/disable`, {});
  await call('POST', `/api/admin/users/${id}/enable`, {});
  await call('PUT', `/api/admin/users/${id}/work`, { department: '영업팀', position: '과장' });
  await call('POST', `/api/admin/users/${id}/logout`, {});
  const waiting = [];
  for (const name of ['대기일', '대기이']) waiting.push((await new HttpClient(server.url).post('/api/auth/signup', signupFields(name))).json.user.id);
  await call('POST', '/api/admin/users/bulk', { ids: waiting, action: 'approve' });
  const deleted = await call('DELETE', `/api/admin/users/${id}`);

  const { entries } = await audit(admin, `?actorId=${adminUser.id}&limit=200`);
  const on = (action: string, target = id) => entries.filter((e) => e.action === action && e.targetId === target);
  for (const action of ['user_promoted', 'user_demoted', 'user_disabled', 'user_enabled', 'user_updated', 'user_logged_out', 'user_deleted']) {
    const [entry] = on(action);
    assert.ok(entry, `${action} recorded`);
    assert.deepEqual([entry.actorName, entry.targetType, entry.targetName, entry.address], ['관리자', 'user', '박관리대상', '127.0.0.1'], action);
  }
  assert.deepEqual([on('user_updated')[0]!.detail.department, on('user_updated')[0]!.detail.position], ['영업팀', '과장']);
  assert.equal(on('user_deleted')[0]!.detail.export, deleted.json.export.name);
  for (const w of waiting) assert.equal(on('user_approved', w)[0]?.detail.bulk, true, 'each account of a bulk approval');
});
