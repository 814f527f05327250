import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpClient } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { adminWorld } from '../testing/admin-kit.ts';
import { ROUTE_PATHS, type RouteName } from '../protocol/paths.ts';
import { BULK_DECIDE_MAX } from '../protocol/admin-users.ts';

type Row = { id: number; name: string; status: string; role: string };

test('the users list: search by name, employee number, department or e-mail; filters; paging with a total; pending oldest first', async (t) => {
  const w = await adminWorld(t);
  await w.member('김민수');
  const lee = await w.member('이영희');
  await w.admin.request('PUT', `/api/admin/users/${lee.user.id}/work`, { department: '영업1팀', position: '과장' });
  const p1 = await w.pending('박대기');
  const p2 = await w.pending('최대기', { email: 'choi.wait@corp.example', employeeNo: 'ZX-9071' });
  for (let i = 0; i < 25; i++) await w.pending(`페이지${String(i).padStart(2, '0')}`);

  const all = await w.admin.get('/api/admin/users?limit=500');
  assert.equal(all.status, 200);
  assert.equal(all.json.total, 1 + 2 + 2 + 25);
  // Pending first, oldest first; then everyone else by name.
  assert.deepEqual(all.json.users.slice(0, 2).map((u: Row) => u.id), [p1.id, p2.id]);
  assert.deepEqual(all.json.users.slice(-3).map((u: Row) => u.name), ['관리자', '김민수', '이영희']);
  assert.equal(all.json.users[0].passwordHash, undefined);

  // The sign-ups tab's request still works as before.
  const pending = await w.admin.get('/api/admin/users?status=pending');
  assert.equal(pending.json.users.length, 27);
  assert.ok(pending.json.users.every((u: Row) => u.status === 'pending'));

  const q = async (s: string) => (await w.admin.get(`/api/admin/users?q=${encodeURIComponent(s)}`)).json.users.map((u: Row) => u.name);
  assert.deepEqual(await q('영희'), ['이영희']);
  assert.deepEqual(await q('영업1'), ['이영희']);
  assert.deepEqual(await q('zx-907'), ['최대기']);
  assert.deepEqual(await q('CHOI.WAIT@'), ['최대기']);
  // LIKE wildcards are text, not patterns.
  assert.deepEqual(await q('%'), []);
  assert.deepEqual(await q('_'), []);

  const admins = await w.admin.get('/api/admin/users?role=admin');
  assert.deepEqual(admins.json.users.map((u: Row) => u.name), ['관리자']);
  const active = await w.admin.get('/api/admin/users?status=active&role=member');
  assert.deepEqual(active.json.users.map((u: Row) => u.name), ['김민수', '이영희']);

  // Pages do not overlap and add up to the total.
  const seen = new Set<number>();
  for (let offset = 0; offset < 30; offset += 7) {
    const page = await w.admin.get(`/api/admin/users?limit=7&offset=${offset}`);
    assert.equal(page.json.total, 30);
    for (const u of page.json.users as Row[]) seen.add(u.id);
  }
  assert.equal(seen.size, 30);

  for (const bad of ['limit=0', 'limit=501', 'offset=-1', 'status=gone', 'role=root', `q=${'x'.repeat(101)}`, 'limit=1e2']) {
    const res = await w.admin.get(`/api/admin/users?${bad}`);
    assert.equal(res.status, 400, bad);
    assert.ok(res.json.code, bad);
  }
});

test('every admin endpoint answers 403 to a member and 401 to no one', async (t) => {
  const w = await adminWorld(t);
  const kim = await w.member('김민수');
  const adminRoutes = (Object.keys(ROUTE_PATHS) as RouteName[]).filter((name) => ROUTE_PATHS[name].includes('/api/admin/'));
  assert.ok(adminRoutes.length >= 11, adminRoutes.join());
  const anonymous = new HttpClient(w.server.url);
  for (const name of adminRoutes) {
    const [method, template] = ROUTE_PATHS[name].split(' ') as [string, string];
    const url = template.replace(':id', String(w.adminUser.id)).replace(':file', 'user-1-20260101T000000000Z.json');
    const body = method === 'GET' ? undefined : { ids: [kim.user.id], action: 'approve', role: 'member', department: 'x', position: 'y' };
    const res = await kim.client.request(method, url, body);
    assert.equal(res.status, 403, `${name}: ${res.text}`);
    assert.equal(res.json.code, 'ADMIN_ONLY', name);
    assert.equal((await anonymous.request(method, url, body)).status, 401, name);
  }
  // Nothing happened to the admin.
  const me = await w.admin.get('/api/me');
  assert.equal(me.json.user.role, 'admin');
});

test('bulk approve and reject: one transaction, an outcome per id, admins hear the new count', async (t) => {
  const w = await adminWorld(t);
  const adminWs = await WsClient.connect(w.server.url, w.admin.cookie);
  await adminWs.next('ready');
  const ids: number[] = [];
  for (let i = 0; i < 60; i++) ids.push((await w.pending(`대기${i}`)).id);
  const kim = await w.member('김민수');

  const approve = await w.admin.post('/api/admin/users/bulk', { ids: [...ids.slice(0, 50), kim.user.id, 999_999], action: 'approve' });
  assert.equal(approve.status, 200, approve.text);
  assert.equal(approve.json.results.length, 52);
  assert.deepEqual(approve.json.results.slice(0, 50).map((r: { outcome: string }) => r.outcome), Array(50).fill('approved'));
  assert.deepEqual(approve.json.results.slice(50), [
    { id: kim.user.id, outcome: 'not_pending' },
    { id: 999_999, outcome: 'not_found' },
  ]);
  assert.equal(approve.json.pending, 10);
  await adminWs.next('signup', (f) => f.pending === 10);
  const active = await w.admin.get('/api/admin/users?status=active&limit=500');
  assert.equal(active.json.total, 52);

  const reject = await w.admin.post('/api/admin/users/bulk', { ids: ids.slice(45), action: 'reject' });
  assert.deepEqual(
    reject.json.results.map((r: { outcome: string }) => r.outcome),
    [...Array(5).fill('not_pending'), ...Array(10).fill('rejected')],
  );
  assert.equal(reject.json.pending, 0);
  // A rejected sign-up cannot log in; an approved one can.
  const rejectedLogin = await new HttpClient(w.server.url).post('/api/auth/login', { login: (await w.admin.get(`/api/admin/users?status=rejected&limit=1`)).json.users[0].email, password: 'correct horse battery' });
  assert.equal(rejectedLogin.json.code, 'ACCOUNT_REJECTED');

  for (const body of [
    { ids: [], action: 'approve' },
    { ids: [1, 1], action: 'approve' },
    { ids: Array.from({ length: BULK_DECIDE_MAX + 1 }, (_, i) => i + 1), action: 'approve' },
    { ids: [ids[0]], action: 'delete' },
    { ids: ['x'], action: 'approve' },
    { ids: [0], action: 'approve' },
  ]) {
    const res = await w.admin.post('/api/admin/users/bulk', body);
    assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
  }
  adminWs.close();
});

test('promote, demote and the last admin: refused to demote, disable or delete; two admins demoting each other at once leave one', async (t) => {
  const w = await adminWorld(t);
  const kim = await w.member('김민수');
  const kimWs = await WsClient.connect(w.server.url, kim.client.cookie);
  await kimWs.next('ready');

  const self = w.adminUser.id;
  const lastDemote = await w.admin.request('PUT', `/api/admin/users/${self}/role`, { role: 'member' });
  assert.equal(lastDemote.status, 409);
  assert.equal(lastDemote.json.code, 'LAST_ADMIN');
  assert.match(lastDemote.json.message.ko, /마지막 관리자/);

  const promote = await w.admin.request('PUT', `/api/admin/users/${kim.user.id}/role`, { role: 'admin' });
  assert.equal(promote.status, 200, promote.text);
  assert.equal(promote.json.user.role, 'admin');
  // Kim's open app learns it at once (the rail shows the admin area).
  await kimWs.next('user', (f) => f.user.id === kim.user.id && f.user.role === 'admin');
  assert.equal((await kim.client.get('/api/admin/users')).status, 200);

  // A pending sign-up cannot be made an admin.
  const waiting = await w.pending('대기자');
  assert.equal((await w.admin.request('PUT', `/api/admin/users/${waiting.id}/role`, { role: 'admin' })).json.code, 'USER_WRONG_STATE');

  // Both admins demote each other at the same moment: exactly one wins.
  for (let round = 0; round < 5; round++) {
    const [a, b] = await Promise.all([
      w.admin.request('PUT', `/api/admin/users/${kim.user.id}/role`, { role: 'member' }),
      kim.client.request('PUT', `/api/admin/users/${self}/role`, { role: 'member' }),
    ]);
    const statuses = [a.status, b.status].sort();
    // The loser is refused either as the last admin or, when its own demotion landed first, as no admin at all.
    assert.equal(statuses[0], 200, `round ${round}: ${a.text} ${b.text}`);
    assert.ok(statuses[1] === 409 || statuses[1] === 403, `round ${round}: ${a.text} ${b.text}`);
    const admins = (await (a.status === 200 ? w.admin : kim.client).get('/api/admin/users?role=admin')).json;
    const winner = a.status === 200 ? w.admin : kim.client;
    assert.equal(admins.total, 1, `round ${round}`);
    // Restore two admins for the next round.
    const loserId = a.status === 200 ? kim.user.id : self;
    assert.equal((await winner.request('PUT', `/api/admin/users/${loserId}/role`, { role: 'admin' })).status, 200);
  }

  // Rejecting goes through the same guard: two admins rejecting each other at once leave one.
  {
    const [a, b] = await Promise.all([w.admin.post(`/api/admin/users/${kim.user.id}/reject`), kim.client.post(`/api/admin/users/${self}/reject`)]);
    assert.deepEqual([a.status, b.status].filter((s) => s === 200).length, 1, `${a.text} ${b.text}`);
    const winner = a.status === 200 ? w.admin : kim.client;
    const active = await winner.get('/api/admin/users?role=admin&status=active');
    assert.equal(active.json.total, 1);
    assert.equal((await winner.post(`/api/admin/users/${a.status === 200 ? kim.user.id : self}/approve`)).status, 200);
    // The rejected one's sessions ended; after re-approval they log in again.
    if (a.status === 200) await kim.client.post('/api/auth/login', { login: kim.fields.email, password: kim.fields.password });
    else await w.admin.post('/api/auth/login', { login: w.adminUser.email, password: 'correct horse battery' });
  }

  // Back to one admin: that admin cannot be disabled or deleted (by the other, while still admin).
  assert.equal((await w.admin.request('PUT', `/api/admin/users/${kim.user.id}/role`, { role: 'member' })).status, 200);
  assert.equal((await w.admin.post(`/api/admin/users/${self}/disable`)).json.code, 'NOT_YOURSELF');
  assert.equal((await w.admin.request('DELETE', `/api/admin/users/${self}`)).json.code, 'NOT_YOURSELF');
  assert.equal((await w.admin.request('PUT', `/api/admin/users/${self}/role`, { role: 'member' })).json.code, 'LAST_ADMIN');
  assert.equal((await w.admin.request('PUT', `/api/admin/users/${kim.user.id}/role`, { role: 'member' })).status, 200, 'same role: no change, no error');
  assert.equal((await w.admin.request('PUT', '/api/admin/users/999999/role', { role: 'admin' })).json.code, 'USER_NOT_FOUND');
  kimWs.close();
});

test('disable closes live sockets at once, the cookie stops working, login says ACCOUNT_DISABLED; enable lets them back', async (t) => {
  const w = await adminWorld(t);
  const kim = await w.member('김민수');
  const ws1 = await WsClient.connect(w.server.url, kim.client.cookie);
  const ws2 = await WsClient.connect(w.server.url, kim.client.cookie);
  await Promise.all([ws1.next('ready'), ws2.next('ready')]);

  const started = Date.now();
  const res = await w.admin.post(`/api/admin/users/${kim.user.id}/disable`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.user.status, 'disabled');
  assert.deepEqual(await Promise.all([ws1.closed, ws2.closed]), [4001, 4001]);
  assert.ok(Date.now() - started < 1000, 'closed at once');
  assert.equal((await kim.client.get('/api/me')).status, 401);
  await assert.rejects(WsClient.connect(w.server.url, kim.client.cookie), /401/);
  const login = await kim.client.post('/api/auth/login', { login: kim.fields.email, password: kim.fields.password });
  assert.equal(login.status, 403);
  assert.equal(login.json.code, 'ACCOUNT_DISABLED');
  assert.equal((await w.admin.post(`/api/admin/users/${kim.user.id}/disable`)).status, 200, 'again: already so');

  const waiting = await w.pending('대기자');
  assert.equal((await w.admin.post(`/api/admin/users/${waiting.id}/disable`)).json.code, 'USER_WRONG_STATE');
  assert.equal((await w.admin.post(`/api/admin/users/${waiting.id}/enable`)).json.code, 'USER_WRONG_STATE');

  assert.equal((await w.admin.post(`/api/admin/users/${kim.user.id}/enable`)).json.user.status, 'active');
  assert.equal((await kim.client.post('/api/auth/login', { login: kim.fields.email, password: kim.fields.password })).status, 200);
});

test('department and position by an admin reach everyone live; force logout ends every session and socket', async (t) => {
  const w = await adminWorld(t);
  const kim = await w.member('김민수');
  const lee = await w.member('이영희');
  const leeWs = await WsClient.connect(w.server.url, lee.client.cookie);
  await leeWs.next('ready');

  const work = await w.admin.request('PUT', `/api/admin/users/${kim.user.id}/work`, { department: '  품질팀 ', position: '책임' });
  assert.equal(work.status, 200, work.text);
  assert.equal(work.json.user.department, '품질팀');
  await leeWs.next('user', (f) => f.user.id === kim.user.id && f.user.department === '품질팀' && f.user.position === '책임');
  assert.equal((await w.admin.request('PUT', `/api/admin/users/${kim.user.id}/work`, { department: 'x'.repeat(51), position: '' })).status, 400);
  assert.equal((await w.admin.request('PUT', `/api/admin/users/${kim.user.id}/work`, { department: 'a' })).status, 400);

  const second = new HttpClient(w.server.url);
  await second.post('/api/auth/login', { login: kim.fields.email, password: kim.fields.password });
  const kimWs = await WsClient.connect(w.server.url, kim.client.cookie);
  await kimWs.next('ready');
  assert.equal((await w.admin.post(`/api/admin/users/${kim.user.id}/logout`)).status, 200);
  assert.equal(await kimWs.closed, 4001);
  assert.equal((await kim.client.get('/api/me')).status, 401);
  assert.equal((await second.get('/api/me')).status, 401);
  assert.equal((await lee.client.get('/api/me')).status, 200, 'others stay logged in');
  // Not disabled: they log in again.
  assert.equal((await kim.client.post('/api/auth/login', { login: kim.fields.email, password: kim.fields.password })).status, 200);
  leeWs.close();
});
