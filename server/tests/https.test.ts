// test:pg skips this file: what it tests sits in front of the storage, the same on SQLite and PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import WebSocket from 'ws';
import { startTestServer, waitFor } from '../testing/harness.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { rawRequest } from '../testing/tls-client.ts';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';

function caPem(dataDir: string): string {
  return readFileSync(path.join(dataDir, 'certs', 'ca.crt'), 'utf8');
}

test('HTTPS on at start: a client trusting our CA connects with TLS ≥1.2; one that does not is refused', async (t) => {
  const server = await startTestServer(t, { https: true });
  const { port } = server;
  const ca = caPem(server.services.config.dataDir);
  const ok = await rawRequest(`https://localhost:${port}/api/health`, { ca });
  assert.equal(ok.status, 200);
  await assert.rejects(rawRequest(`https://localhost:${port}/api/health`), /unable to verify|self-signed|unable to get local issuer|self signed/i);

  const socket = tls.connect({ host: '127.0.0.1', port, ca, servername: 'localhost' });
  await new Promise((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
  assert.ok(['TLSv1.2', 'TLSv1.3'].includes(socket.getProtocol() ?? ''));
  assert.equal(socket.authorized, true);
  socket.end();
  // Old protocol versions are refused outright.
  const old = tls.connect({ host: '127.0.0.1', port, ca, servername: 'localhost', maxVersion: 'TLSv1.1', minVersion: 'TLSv1' });
  await assert.rejects(new Promise((resolve, reject) => old.once('secureConnect', resolve).once('error', reject)));
});

test('while HTTPS is on, plain HTTP sends pages to the install page and serves the CA page and certificate', async (t) => {
  const server = await startTestServer(t, { https: true });
  const base = `http://127.0.0.1:${server.port}`;
  const redirected = await rawRequest(`${base}/some/page?x=1`);
  assert.equal(redirected.status, 302);
  assert.equal(redirected.headers.location, `/install?next=${encodeURIComponent('/some/page?x=1')}`);
  const page = await rawRequest(`${base}/ca`, { headers: { 'accept-language': 'en-US' } });
  assert.equal(page.status, 200);
  assert.match(page.body, /Install the Sotong certificate/);
  const info = await server.services.https.caInfo();
  assert.ok(page.body.includes(info.fingerprintSha256));
  const ko = await rawRequest(`${base}/ca`, { headers: { 'accept-language': 'ko-KR,ko;q=0.9' } });
  assert.match(ko.body, /인증서 설치/);
  const crt = await fetch(`${base}/ca.crt`);
  assert.equal(crt.status, 200);
  assert.equal(crt.headers.get('content-type'), 'application/x-x509-ca-cert');
  assert.deepEqual(Buffer.from(await crt.arrayBuffer()), info.certDer);
});

test('toggle: HTTP clients keep their messages when HTTPS is switched on, and reconnect over wss', async (t) => {
  const server = await startTestServer(t, { schemeGraceMs: 1500 });
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, 'A');
  const b = await approvedUser(server.url, admin, 'B');
  const dm = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
  const aWs = await WsClient.connect(server.url, a.client.cookie);
  const bWs = await WsClient.connect(server.url, b.client.cookie);
  aWs.send({ type: 'send', tempId: 'before', roomId: dm, body: 'before the switch' });
  await bWs.next('message', (f) => f.message.body === 'before the switch');

  // Switch on through the manager API, as the console does.
  const key = server.services.managerKey;
  const on = await rawRequest(`${server.url}/api/manager/https`, {
    method: 'POST',
    headers: { [MANAGER_KEY_HEADER]: key, 'content-type': 'application/json' },
    body: JSON.stringify({ enabled: true }),
  });
  assert.equal(on.status, 200, on.body);
  assert.equal(JSON.parse(on.body).https, true);

  // Open pages are told to move to the new scheme.
  assert.deepEqual(await aWs.next('scheme'), { type: 'scheme', https: true, port: server.port });

  const plain = await rawRequest(`${server.url}/api/health`);
  assert.equal(plain.status, 403);
  assert.equal(JSON.parse(plain.body).code, 'HTTPS_REQUIRED');

  // Already-open sockets keep working; new ones come in over wss with our CA.
  aWs.send({ type: 'send', tempId: 'during', roomId: dm, body: 'during the switch' });
  await bWs.next('message', (f) => f.message.body === 'during the switch');
  const ca = caPem(server.services.config.dataDir);
  const wss = new WebSocket(`wss://localhost:${server.port}/ws`, { ca, headers: { cookie: b.client.cookie, origin: `https://localhost:${server.port}` } });
  const frames: { type: string; [k: string]: unknown }[] = [];
  wss.on('message', (d) => frames.push(JSON.parse(d.toString())));
  await new Promise((resolve, reject) => wss.once('open', resolve).once('error', reject));
  wss.send(JSON.stringify({ type: 'sync', cursors: { [dm]: 0 } }));
  aWs.send({ type: 'send', tempId: 'after', roomId: dm, body: 'after the switch' });
  const deadline = Date.now() + 5000;
  const bodies = () => frames.flatMap((f) => (f.type === 'synced' ? (f.messages as { body: string }[]) : f.type === 'message' ? [f.message as { body: string }] : [])).map((m) => m.body);
  while (!bodies().includes('after the switch') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual([...new Set(bodies())].sort(), ['after the switch', 'before the switch', 'during the switch'].sort());
  // An http:// Origin is now cross-scheme and refused.
  await assert.rejects(
    new Promise((resolve, reject) => {
      const bad = new WebSocket(`wss://localhost:${server.port}/ws`, { ca, headers: { cookie: b.client.cookie, origin: `http://localhost:${server.port}` } });
      bad.once('open', resolve).once('error', reject);
    }),
    /403/,
  );
  // Sockets left on plain HTTP after the grace period are closed, so their pages reconnect over wss.
  assert.equal(await aWs.closed, 1012);
  assert.equal(wss.readyState, WebSocket.OPEN, 'the wss socket stays');
  wss.close();
  bWs.close();

  // And off again: https requests are sent back to http.
  await server.services.setHttps(false);
  const back = await rawRequest(`https://localhost:${server.port}/api/health`, { ca });
  assert.equal(back.status, 308);
  assert.match(back.headers.location ?? '', /^http:/);
  assert.equal((await rawRequest(`${server.url}/api/health`)).status, 200);
  assert.equal(JSON.parse(readFileSync(path.join(server.services.config.dataDir, 'config.json'), 'utf8')).https, false);
});

test('a peer that connects and hangs up without a byte (a browser preconnect) does not hold up close()', async (t) => {
  const server = await startTestServer(t);
  const { connect } = await import('node:net');
  await new Promise<void>((resolve) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.end());
    socket.on('close', () => resolve());
  });
  await waitFor(() => (server.app.server as unknown as { _connections: number })._connections === 0, 2000, 'the socket to be released');
  const closed = await Promise.race([server.close().then(() => true), new Promise((r) => setTimeout(() => r(false), 3000))]);
  assert.equal(closed, true);
});
