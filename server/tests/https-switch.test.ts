// test:pg skips this file: what it tests sits in front of the storage, the same on SQLite and PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestServer } from '../testing/harness.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { rawRequest } from '../testing/tls-client.ts';
import { MANAGER_KEY_HEADER, type ManagerState } from '../protocol/manager.ts';

// The HTTPS switch that strands nobody (docs/https.md): what plain HTTP still serves after the
// switch, and the trust probe every page reports before it.

const caPem = (dataDir: string) => readFileSync(path.join(dataDir, 'certs', 'ca.crt'), 'utf8');

test('after the switch plain HTTP serves only the CA, the install page and the probe; pages go to /install, the API is refused', async (t) => {
  const server = await startTestServer(t, { https: true });
  const base = `http://127.0.0.1:${server.port}`;
  for (const p of ['/ca', '/ca.crt', '/install', '/install.js', '/https-probe']) {
    const res = await rawRequest(`${base}${p}`);
    assert.equal(res.status, p === '/https-probe' ? 204 : 200, p);
  }
  const install = await rawRequest(`${base}/install?next=%2F`, { headers: { 'accept-language': 'en' } });
  assert.match(install.body, /data-testid="install-status"/);
  assert.match(install.body, /<script src="\/install.js"><\/script>/);
  assert.match(install.body, /data-os="Windows"/);
  assert.ok(install.body.includes((await server.services.https.caInfo()).fingerprintSha256));
  assert.match((await rawRequest(`${base}/install`, { headers: { 'accept-language': 'ko' } })).body, /인증서를 설치하세요/);
  assert.match((await rawRequest(`${base}/install.js`)).headers['content-type'] ?? '', /javascript/);

  for (const page of ['/', '/index.html', '/some/room?x=1']) {
    const res = await rawRequest(`${base}${page}`);
    assert.equal(res.status, 302, page);
    assert.equal(res.headers.location, `/install?next=${encodeURIComponent(page)}`);
  }
  for (const [method, p] of [['GET', '/api/health'], ['GET', '/api/me'], ['POST', '/api/auth/login'], ['GET', '/ws'], ['POST', '/']] as const) {
    const res = await rawRequest(`${base}${p}`, { method, headers: { 'content-type': 'application/json', cookie: 'sotong_session=x' }, ...(method === 'POST' ? { body: '{}' } : {}) });
    assert.equal(res.status, 403, `${method} ${p}`);
    const body = JSON.parse(res.body) as { code: string; message: { ko: string; en: string } };
    assert.equal(body.code, 'HTTPS_REQUIRED', `${method} ${p}`);
    assert.match(body.message.en, /HTTPS/);
    assert.ok(!('set-cookie' in res.headers), 'no cookie is set over plain HTTP');
  }
  // Over https everything is served as before.
  const ca = caPem(server.services.config.dataDir);
  assert.equal((await rawRequest(`https://localhost:${server.port}/api/health`, { ca })).status, 200);
  assert.equal((await rawRequest(`https://localhost:${server.port}/https-probe`, { ca })).status, 204);
});

test('HTTPS off: the probe is still answered on https (not redirected back), once the console has readied the certificate', async (t) => {
  const server = await startTestServer(t);
  assert.equal(server.services.https.enabled, false);
  await state(server.url, server.services.managerKey);
  const ca = caPem(server.services.config.dataDir);
  const probe = await rawRequest(`https://localhost:${server.port}/https-probe`, { ca });
  assert.equal(probe.status, 204);
  const page = await rawRequest(`https://localhost:${server.port}/`, { ca });
  assert.equal(page.status, 308, 'pages on https still go back to http while HTTPS is off');
});

async function state(url: string, key: string): Promise<ManagerState> {
  const res = await rawRequest(`${url}/api/manager/state`, { headers: { [MANAGER_KEY_HEADER]: key } });
  assert.equal(res.status, 200, res.body);
  return JSON.parse(res.body) as ManagerState;
}

test('trust frames: validated, counted per connection in the manager state, forgotten on disconnect', async (t) => {
  const server = await startTestServer(t);
  const key = server.services.managerKey;
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, 'A');
  const b = await approvedUser(server.url, admin, 'B');
  const aWs = await WsClient.connect(server.url, a.client.cookie);
  const a2Ws = await WsClient.connect(server.url, a.client.cookie);
  const bWs = await WsClient.connect(server.url, b.client.cookie);
  await Promise.all([aWs, a2Ws, bWs].map((ws) => ws.next('ready')));

  // The first console read readies TLS, and every open page is asked to probe.
  const first = await state(server.url, key);
  assert.deepEqual(first.trust, { connected: 3, trusted: 0, untrusted: 0 });
  await Promise.all([aWs, a2Ws, bWs].map((ws) => ws.next('trust-check')));

  // Bad trust frames get a catalogue error and change nothing.
  for (const bad of [{ type: 'trust' }, { type: 'trust', trusted: 'yes' }, { type: 'trust', trusted: true, extra: 1 }]) {
    aWs.send(bad);
    const err = await aWs.next('error', (f) => f.code === 'BAD_REQUEST');
    assert.equal(err.code, 'BAD_REQUEST');
    aWs.frames.splice(aWs.frames.indexOf(err), 1);
  }
  assert.deepEqual((await state(server.url, key)).trust, { connected: 3, trusted: 0, untrusted: 0 });

  // One answer per connection; a later answer replaces the earlier one.
  aWs.send({ type: 'trust', trusted: false });
  aWs.send({ type: 'trust', trusted: true });
  a2Ws.send({ type: 'trust', trusted: true });
  bWs.send({ type: 'trust', trusted: false });
  let counts = first.trust;
  const settled = async (want: ManagerState['trust']) => {
    const end = Date.now() + 5000;
    while (Date.now() < end) {
      counts = (await state(server.url, key)).trust;
      if (JSON.stringify(counts) === JSON.stringify(want)) return;
      await new Promise((r) => setTimeout(r, 30));
    }
    assert.deepEqual(counts, want);
  };
  await settled({ connected: 3, trusted: 2, untrusted: 1 });
  a2Ws.close();
  await settled({ connected: 2, trusted: 1, untrusted: 1 });
  bWs.close();
  await settled({ connected: 1, trusted: 1, untrusted: 0 });

  // Rate-limited by the same limiter as every frame.
  for (let i = 0; i < 200; i++) aWs.send({ type: 'trust', trusted: true });
  await aWs.next('error', (f) => f.code === 'RATE_LIMITED');
  aWs.close();
});
