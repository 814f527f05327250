// test:pg skips this file: what it tests sits in front of the storage, the same on SQLite and PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { tempDataDir } from '../testing/harness.ts';
import { setupAdmin } from '../testing/http-client.ts';
import { freePort, spawnServer } from '../testing/spawn-server.ts';
import { WsClient } from '../testing/ws-client.ts';
import { RESERVED_DESCRIPTORS } from '../realtime/open-file-limit.ts';

const FILE_LIMIT = 400;
const ALLOWED = FILE_LIMIT - RESERVED_DESCRIPTORS;

/** An upgrade the server refuses: its status and the catalogue code in the body. */
function refusedUpgrade(url: string, cookie: string): Promise<{ status: number; code: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + '/ws', { headers: { cookie } });
    ws.once('open', () => reject(new Error('the upgrade was accepted')));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(body) as { code: string }).code }));
    });
    ws.once('error', () => undefined);
  });
}

test('at the open-file limit less its reserve, a new socket gets TOO_MANY_CONNECTIONS and the rest of the server keeps working', { timeout: 120_000 }, async (t) => {
  const dataDir = tempDataDir();
  // One user may open every socket here; only the descriptor limit stops them.
  writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ maxConnectionsPerUser: 1000 }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await spawnServer(dataDir, port, {}, ['prlimit', `--nofile=${FILE_LIMIT}:${FILE_LIMIT}`]);
  const sockets: WsClient[] = [];
  t.after(() => {
    for (const s of sockets) s.socket.terminate();
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const { client: admin, user } = await setupAdmin(url);
  for (let i = 0; i < ALLOWED; i++) sockets.push(await WsClient.connect(url, admin.cookie));
  for (let i = 0; i < 3; i++) assert.deepEqual(await refusedUpgrade(url, admin.cookie), { status: 429, code: 'TOO_MANY_CONNECTIONS' });

  // Everything else still has descriptors: HTTP, the database, a message to every open socket.
  const room = (await admin.post('/api/rooms/dm', { userId: user.id })).json.room as { id: number };
  assert.ok(room?.id, 'a room was created');
  sockets[0]!.send({ type: 'send', tempId: 'fd-1', roomId: room.id, body: 'still here' });
  await sockets[0]!.next('ack', () => true, 10_000);
  await Promise.all(sockets.slice(1).map((s) => s.next('message', (f) => f.message.body === 'still here', 10_000)));
  // A socket that goes makes room for one more.
  sockets.pop()!.close();
  await new Promise((r) => setTimeout(r, 300));
  sockets.push(await WsClient.connect(url, admin.cookie));
  const log = readFileSync(path.join(dataDir, 'logs', 'sotong.log'), 'utf8');
  assert.match(log, /"openFileLimit":400,.*open-file limit allows fewer WebSocket connections than maxConnections/);
});
