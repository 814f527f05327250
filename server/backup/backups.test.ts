import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';
import { MIGRATIONS } from '../storage/sqlite/migrations/index.ts';
import { startTestServer } from '../testing/harness.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { startRestartable } from '../testing/restartable.ts';
import { rawRequest } from '../testing/tls-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import type { RunningServer } from '../index.ts';

// Backups through the manager API with the real server: taken while people send, restored with a
// restart, refused when newer than this Sotong, damaged or missing.

function manager(server: RunningServer) {
  const headers = { origin: new URL(server.url).origin, [MANAGER_KEY_HEADER]: server.services.managerKey };
  return {
    get: async (p: string) => rawRequest(`${server.url}${p}`, { headers }),
    post: async (p: string) => rawRequest(`${server.url}${p}`, { method: 'POST', headers }),
  };
}

async function twoPeopleInARoom(t: TestContext, server: RunningServer) {
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, '김수정');
  const b = await approvedUser(server.url, admin, '이도윤');
  const room: number = (await a.client.post('/api/rooms', { name: '기획팀', memberIds: [b.user.id] })).json.room.id;
  const sockets = await Promise.all([a, b].map((p) => WsClient.connect(server.url, p.client.cookie)));
  await Promise.all(sockets.map((ws) => ws.next('ready')));
  t.after(() => sockets.forEach((ws) => ws.close()));
  return { room, sockets };
}

test('a backup taken during a burst of sends restores, with a restart, to a consistent database holding every message acknowledged before it began', async (t) => {
  const host = await startRestartable(t, { wsLimits: { burst: 5000, perSecond: 5000 } });
  const first = host.current();
  const { room, sockets } = await twoPeopleInARoom(t, first);

  const acked: { id: number; body: string }[] = [];
  let stop = false;
  let tag = 0;
  const sender = async (ws: WsClient) => {
    while (!stop) {
      const tempId = `t${++tag}`;
      const body = `메시지 ${tag}`;
      ws.send({ type: 'send', tempId, roomId: room, body });
      const ack = await ws.next('ack', (f) => f.tempId === tempId);
      acked.push({ id: ack.message.id, body });
    }
  };
  const senders = sockets.map(sender);
  while (acked.length < 60) await new Promise((r) => setTimeout(r, 5));

  const before = [...acked];
  const made = await manager(first).post('/api/manager/backups');
  assert.equal(made.status, 200, made.body);
  const backup = JSON.parse(made.body);
  const ackedByTheEnd = acked.length;
  while (acked.length < ackedByTheEnd + 20) await new Promise((r) => setTimeout(r, 5));
  stop = true;
  await Promise.all(senders);
  assert.equal(backup.verified, true);
  assert.equal(backup.schemaVersion, MIGRATIONS.length);
  assert.equal(backup.appVersion, first.services.version);
  assert.ok(backup.sizeBytes > 0);
  assert.ok(acked.length > ackedByTheEnd, 'messages were sent after the backup too');

  const restarted = host.restarted();
  const restore = await manager(first).post(`/api/manager/backups/${backup.name}/restore`);
  assert.equal(restore.status, 202, restore.body);
  const keptAs = JSON.parse(restore.body).keptAs as string;
  const second = await restarted;

  const db = new Database(path.join(second.services.config.dataDir, 'sotong.db'), { readonly: true });
  t.after(() => db.close());
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const bodies = new Map((db.prepare('SELECT id, body FROM messages WHERE room_id = ?').all(room) as { id: number; body: string }[]).map((m) => [m.id, m.body]));
  for (const m of before) assert.equal(bodies.get(m.id), m.body, `message ${m.id}, acknowledged before the backup, is in it`);
  assert.ok(bodies.size < acked.length, 'the messages sent after the backup are gone: the backup was swapped in');
  const { last_seq } = db.prepare('SELECT last_seq FROM rooms WHERE id = ?').get(room) as { last_seq: number };
  const seqs = db.prepare('SELECT seq FROM messages WHERE room_id = ? ORDER BY seq').pluck().all(room) as number[];
  assert.equal(last_seq, seqs.at(-1), "the room's counter matches its last message: no half transaction");
  assert.deepEqual(seqs, seqs.map((_, i) => seqs[0]! + i), 'no gaps in the sequence');

  const state = JSON.parse((await manager(second).get('/api/manager/backups')).body);
  assert.equal(state.lastRestore.ok, true);
  assert.equal(state.lastRestore.name, backup.name);
  assert.equal(state.lastRestore.keptAs, keptAs);
  assert.ok(state.backups.some((b: { name: string; kind: string }) => b.name === keptAs && b.kind === 'pre-restore'), 'the state before the restore is kept');
  const audit = await second.services.audit.list({ limit: 10, offset: 0, action: 'backup_restored' });
  assert.equal(audit.total, 1, 'the restore is in the audit log of the restored database');
});

test('restore refuses a backup newer than this Sotong, a damaged one and a missing one; busy refuses a second', async (t) => {
  const host = await startRestartable(t);
  const server = host.current();
  const api = manager(server);
  const take = async () => JSON.parse((await api.post('/api/manager/backups')).body) as { name: string };
  const refusal = async (name: string) => {
    const res = await api.post(`/api/manager/backups/${name}/restore`);
    const body = JSON.parse(res.body);
    assert.ok(body.message.ko && body.message.en, 'a catalogue error');
    return [res.status, body.code];
  };

  const newer = await take();
  const newerDir = path.join(server.services.backups.folder, newer.name);
  const db = new Database(path.join(newerDir, 'sotong.db'));
  db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  db.close();
  assert.deepEqual(await refusal(newer.name), [409, 'BACKUP_TOO_NEW'], 'the database inside says newer');
  const manifest = JSON.parse(readFileSync(path.join(newerDir, 'manifest.json'), 'utf8'));
  writeFileSync(path.join(newerDir, 'manifest.json'), JSON.stringify({ ...manifest, schemaVersion: MIGRATIONS.length + 1 }));
  assert.deepEqual(await refusal(newer.name), [409, 'BACKUP_TOO_NEW'], 'the manifest says newer');

  const damaged = await take();
  const file = path.join(server.services.backups.folder, damaged.name, 'sotong.db');
  truncateSync(file, 4096 * 3);
  assert.deepEqual(await refusal(damaged.name), [422, 'BACKUP_CORRUPT']);

  assert.deepEqual(await refusal('sotong-20200101-000000'), [404, 'BACKUP_NOT_FOUND']);
  assert.equal((await api.post('/api/manager/backups/..%2Fetc/restore')).status, 400, 'only backup names');

  const [one, two] = await Promise.all([api.post('/api/manager/backups'), api.post('/api/manager/backups')]);
  assert.deepEqual([one.status, two.status].sort(), [200, 409]);
  assert.equal(JSON.parse((one.status === 409 ? one : two).body).code, 'BACKUP_BUSY');

  assert.ok(!existsSync(path.join(server.services.config.dataDir, 'restore-pending.json')), 'nothing was asked of the next start');
  assert.equal((await rawRequest(`${server.url}/api/health`)).status, 200, 'still running, not restarted');
});

test('restore needs a host that can restart; the list warns with no recent backup', async (t) => {
  const server = await startTestServer(t);
  const api = manager(server);
  const before = JSON.parse((await api.get('/api/manager/backups')).body);
  assert.deepEqual(before.warnings.includes('no_recent_backup'), true);
  assert.equal(before.backups.length, 0);
  assert.ok(before.nextAt > Date.now(), 'the daily backup is armed');
  const made = JSON.parse((await api.post('/api/manager/backups')).body);
  const after = JSON.parse((await api.get('/api/manager/backups')).body);
  assert.equal(after.warnings.includes('no_recent_backup'), false);
  assert.equal(after.backups[0].name, made.name);
  const refused = await api.post(`/api/manager/backups/${made.name}/restore`);
  assert.equal(refused.status, 409);
  assert.equal(JSON.parse(refused.body).code, 'RESTART_UNAVAILABLE');
  assert.equal((await server.services.audit.list({ limit: 10, offset: 0, action: 'backup_made' })).total, 1);
});
