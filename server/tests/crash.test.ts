import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { tempDataDir } from '../testing/harness.ts';
import { HttpClient, approvedUser, setupAdmin } from '../testing/http-client.ts';
import { freePort, spawnServer } from '../testing/spawn-server.ts';
import { WsClient } from '../testing/ws-client.ts';
import { testBackend } from '../testing/pg-database.ts';

test('kill -9 during a burst of sends: every acknowledged message survives the restart', async (t) => {
  const dataDir = tempDataDir();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // On PostgreSQL (SOTONG_TEST_BACKEND=postgres) the process killed is the node; the database lives on.
  const backend = await testBackend({});
  const env = backend.options.databaseUrl ? { SOTONG_DATABASE_URL: backend.options.databaseUrl } : {};
  let child = await spawnServer(dataDir, port, env);
  t.after(async () => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await backend.release();
  });

  const { client: admin } = await setupAdmin(url);
  const a = await approvedUser(url, admin, 'Sender');
  const roomId = (await a.client.post('/api/rooms/dm', { userId: a.user.id })).json.room.id as number;
  // Several senders, each keeping a window of messages in flight, within the frame rate limit.
  const senders = await Promise.all([1, 2, 3].map(() => WsClient.connect(url, a.client.cookie)));
  const acked = new Set<string>();
  for (const ws of senders) ws.socket.on('message', (d) => {
    const f = JSON.parse(d.toString());
    if (f.type === 'ack') acked.add(f.message.body);
  });
  let n = 0;
  const pump = setInterval(() => {
    for (const [i, ws] of senders.entries()) {
      for (let k = 0; k < 3; k++) {
        n++;
        ws.send({ type: 'send', tempId: `${i}-${n}`, roomId, body: `burst ${n}` });
      }
    }
  }, 100);
  while (acked.size < 60) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  clearInterval(pump);
  await new Promise((r) => child.once('exit', r));
  const ackedBeforeKill = new Set(acked);

  child = await spawnServer(dataDir, port, env);
  const client = new HttpClient(url);
  client.cookie = a.client.cookie; // sessions are stored server-side, so they survive the restart too
  const stored = new Set<string>();
  for (let before: number | undefined; ; ) {
    const page = await client.get(`/api/rooms/${roomId}/messages?limit=100${before ? `&before=${before}` : ''}`);
    assert.equal(page.status, 200);
    for (const m of page.json.messages) stored.add(m.body);
    if (!page.json.hasMore) break;
    before = page.json.messages[0].seq;
  }
  const lost = [...ackedBeforeKill].filter((body) => !stored.has(body));
  assert.deepEqual(lost, [], `${ackedBeforeKill.size} acknowledged, all stored`);
  assert.ok(ackedBeforeKill.size >= 60);
});
