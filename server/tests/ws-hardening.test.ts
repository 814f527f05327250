// test:pg skips this file: what it tests sits in front of the storage, the same on SQLite and PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { startTestServer, waitFor } from '../testing/harness.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { WS_MAX_PAYLOAD } from '../app.ts';

/** A hand-made upgrade request, to send exactly the handshake headers a test wants. */
function upgrade(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    // agent: false: the server ends a refused upgrade's connection, so none may be reused.
    const req = http.request(`${url}/ws`, {
      agent: false,
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('only WebSocket version 13 is upgraded: 8 gets 426 with the version we speak, none gets 400', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const cookie = admin.cookie;

  const old = await upgrade(server.url, { cookie, 'sec-websocket-version': '8' });
  assert.equal(old.status, 426);
  assert.equal(old.headers['sec-websocket-version'], '13');
  assert.equal(JSON.parse(old.body).code, 'WS_VERSION_UNSUPPORTED');
  // Refused before anything else is looked at, session or not.
  assert.equal((await upgrade(server.url, { 'sec-websocket-version': '8' })).status, 426);
  assert.equal((await upgrade(server.url, { cookie, 'sec-websocket-version': '7' })).status, 426);
  assert.equal((await upgrade(server.url, { cookie })).status, 400);
  // The ws library's own hybi-08 client, as an old one would connect.
  const hybi = new WebSocket(server.url.replace(/^http/, 'ws') + '/ws', { headers: { cookie }, protocolVersion: 8 });
  const refused = await new Promise<number>((resolve, reject) => {
    hybi.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    hybi.once('open', () => reject(new Error('a version 8 handshake was accepted')));
    hybi.once('error', () => undefined);
  });
  assert.equal(refused, 426);

  const current = await upgrade(server.url, { cookie, 'sec-websocket-version': '13' });
  assert.equal(current.status, 101);
  // A plain GET of /ws (no upgrade) is not a handshake at all and is answered as before.
  assert.equal((await fetch(`${server.url}/ws`)).status, 401);
});

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

test('hostile frames (too big, invalid UTF-8) close their socket with one short warn line each, no error and no stack', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, 'Hostile');
  const logFile = path.join(server.services.config.dataDir, 'logs', 'sotong.log');
  const lines = () =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);
  const before = lines().length;

  const big = await WsClient.connect(server.url, a.client.cookie);
  big.send('x'.repeat(WS_MAX_PAYLOAD + 1));
  assert.equal(await big.closed, 1009);
  const utf8 = await WsClient.connect(server.url, a.client.cookie);
  utf8.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
  assert.equal(await utf8.closed, 1007);
  // The log is written asynchronously.
  await waitFor(() => lines().length >= before + 2, 3000, 'the log lines');
  await new Promise((resolve) => setTimeout(resolve, 200));

  const added = lines().slice(before);
  assert.equal(added.length, 2, JSON.stringify(added));
  for (const line of added) {
    assert.equal(line.level, 40, `warn, not error: ${JSON.stringify(line)}`);
    assert.equal(line.userId, a.user.id);
    assert.ok(!JSON.stringify(line).includes('stack'), 'no stack trace');
    assert.ok(JSON.stringify(line).length < 300, 'one short line');
  }
  assert.deepEqual(added.map((l) => l.code).sort(), ['WS_ERR_INVALID_UTF8', 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH']);
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
});
