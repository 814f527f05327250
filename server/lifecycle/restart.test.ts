import { test } from 'node:test';
import assert from 'node:assert/strict';
import { saveConfigValues } from '../config/config.ts';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';
import { startTestServer } from '../testing/harness.ts';
import { startRestartable } from '../testing/restartable.ts';
import { rawRequest } from '../testing/tls-client.ts';

// POST /api/manager/restart: answered first, then the host closes the server and starts a new one
// in the same process, on the same port, with config.json read again.

test('a restart asked from the manager answers 202, then a new server listens on the same port with the saved config', async (t) => {
  const host = await startRestartable(t);
  const first = host.current();
  const key = first.services.managerKey;
  // A setting that only a restart applies, saved the way the manager saves it.
  saveConfigValues(first.services.config.dataDir, { maxConnections: 1234 });
  assert.notEqual(first.services.config.maxConnections, 1234);

  const restarted = host.restarted();
  const res = await rawRequest(`${first.url}/api/manager/restart`, { method: 'POST', headers: { origin: new URL(first.url).origin, [MANAGER_KEY_HEADER]: key } });
  assert.equal(res.status, 202, res.body);
  assert.deepEqual(JSON.parse(res.body), { ok: true });
  const second = await restarted;
  assert.notEqual(second, first, 'a new server');
  assert.equal(second.port, first.port, 'the same port');
  assert.equal(second.services.config.maxConnections, 1234, 'config.json read again');
  assert.equal(second.services.managerKey, key, 'the manager key survives, so the console stays open');
  const health = await rawRequest(`${second.url}/api/health`);
  assert.equal(health.status, 200);
  const audit = await second.services.audit.list({ limit: 10, offset: 0, action: 'server_restarted' });
  assert.equal(audit.total, 1, 'recorded');
});

test('a restart is refused without the key, from another PC, and where no host can restart', async (t) => {
  const host = await startRestartable(t);
  const server = host.current();
  const origin = new URL(server.url).origin;
  assert.equal((await rawRequest(`${server.url}/api/manager/restart`, { method: 'POST', headers: { origin } })).status, 401);
  assert.equal((await rawRequest(`${server.url}/api/manager/restart`, { method: 'POST', headers: { origin, [MANAGER_KEY_HEADER]: 'guess' } })).status, 401);
  const remote = await server.app.inject({ method: 'POST', url: '/api/manager/restart', headers: { [MANAGER_KEY_HEADER]: server.services.managerKey }, remoteAddress: '192.0.2.7' });
  assert.equal(remote.statusCode, 403);

  const plain = await startTestServer(t);
  const refused = await rawRequest(`${plain.url}/api/manager/restart`, { method: 'POST', headers: { origin: new URL(plain.url).origin, [MANAGER_KEY_HEADER]: plain.services.managerKey } });
  assert.equal(refused.status, 409);
  const body = JSON.parse(refused.body);
  assert.equal(body.code, 'RESTART_UNAVAILABLE');
  assert.ok(body.message.ko && body.message.en);
  assert.equal((await rawRequest(`${plain.url}/api/health`)).status, 200, 'still running');
});
