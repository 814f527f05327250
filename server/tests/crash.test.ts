import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDataDir } from '../testing/harness.ts';
import { HttpClient, approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The headless server as its own process, so it can be killed with SIGKILL. */
async function spawnServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/cli.ts'), '--cli'], {
    cwd: root,
    env: { ...process.env, SOTONG_DATA_DIR: dataDir, SOTONG_PORT: String(port), SOTONG_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

test('kill -9 during a burst of sends: every acknowledged message survives the restart', async (t) => {
  const dataDir = tempDataDir();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child = await spawnServer(dataDir, port);
  t.after(() => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
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

  child = await spawnServer(dataDir, port);
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
