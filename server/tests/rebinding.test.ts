// test:pg skips this file: what it tests sits in front of the storage, the same on SQLite and PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer } from '../testing/harness.ts';
import { signupFields } from '../testing/http-client.ts';
import { rawRequest } from '../testing/tls-client.ts';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';

// DNS rebinding: a page at http://rebind.example:PORT whose name the attacker then points at
// 127.0.0.1. The victim's browser on the server PC now sends that page's requests over loopback,
// same-origin as far as the browser knows, with `Host: rebind.example:PORT`. Loopback alone must not
// make such a request local.

function webRootWithManager(t: Parameters<typeof startTestServer>[0]): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sotong-web-'));
  mkdirSync(path.join(root, 'manager'));
  writeFileSync(path.join(root, 'index.html'), '<p>web</p>');
  writeFileSync(path.join(root, 'manager', 'index.html'), '<p>manager</p>');
  t.after(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

test('DNS rebinding: a page whose name resolves to 127.0.0.1 cannot create the first admin', async (t) => {
  const server = await startTestServer(t);
  const rebound = `rebind.example:${server.port}`;
  const asRebound = { host: rebound, origin: `http://${rebound}` };

  const status = await rawRequest(`${server.url}/api/setup`, { headers: asRebound });
  assert.deepEqual(JSON.parse(status.body), { needed: true, local: false });
  const setup = await rawRequest(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { ...asRebound, 'content-type': 'application/json' },
    body: JSON.stringify(signupFields('가짜관리자')),
  });
  assert.equal(setup.status, 403);
  assert.equal(JSON.parse(setup.body).code, 'SETUP_NOT_ALLOWED');
  assert.equal(await server.services.users.hasAdmin(), false);

  // The same request addressed to this PC's own name is local.
  const own = { host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` };
  assert.equal(JSON.parse((await rawRequest(`${server.url}/api/setup`, { headers: own })).body).local, true);
  const real = await rawRequest(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { ...own, 'content-type': 'application/json' },
    body: JSON.stringify(signupFields('관리자')),
  });
  assert.equal(real.status, 200, real.body);
});

test('the manager console and its API answer only to a loopback name, whatever the path spelling', async (t) => {
  const server = await startTestServer(t, { webRoot: webRootWithManager(t) });
  const key = server.services.managerKey;
  const get = (url: string, host: string) => rawRequest(`${server.url}${url}`, { headers: { host, [MANAGER_KEY_HEADER]: key } });

  for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`]) {
    assert.equal((await get('/api/manager/state', host)).status, 200, host);
    assert.equal((await get('/manager', host)).status, 200, host);
  }
  for (const host of [`rebind.example:${server.port}`, `127.0.0.1.rebind.example:${server.port}`, `localhost.rebind.example:${server.port}`]) {
    const api = await get('/api/manager/state', host);
    assert.equal(api.status, 403, host);
    assert.equal(JSON.parse(api.body).code, 'FORBIDDEN');
    assert.equal((await get('/manager', host)).status, 403, host);
    const toggle = await rawRequest(`${server.url}/api/manager/https`, {
      method: 'POST',
      headers: { host, origin: `http://${host}`, [MANAGER_KEY_HEADER]: key, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true }),
    });
    assert.equal(toggle.status, 403, host);
  }
  assert.equal(server.services.https.enabled, false);

  // From another PC the page is refused however its path is spelled.
  for (const url of ['/manager', '/manager?x=1', '/%6danager', '/manager/', '/manager/index.html']) {
    const page = await server.app.inject({ method: 'GET', url, remoteAddress: '192.0.2.7' });
    assert.equal(page.statusCode, 403, url);
  }
});
