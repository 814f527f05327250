import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../testing/harness.ts';
import { rawRequest } from '../testing/tls-client.ts';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';

test('the manager console refuses requests without the key and from other PCs', async (t) => {
  const server = await startTestServer(t);
  const key = server.services.managerKey;
  assert.equal((await rawRequest(`${server.url}/api/manager/state`)).status, 401);
  assert.equal((await rawRequest(`${server.url}/api/manager/state`, { headers: { [MANAGER_KEY_HEADER]: 'guess' } })).status, 401);
  const ok = await rawRequest(`${server.url}/api/manager/state`, { headers: { [MANAGER_KEY_HEADER]: key } });
  assert.equal(ok.status, 200);
  assert.equal(JSON.parse(ok.body).port, server.port);
  // From another PC, even with the key. (inject() lets the test choose the peer address.)
  const remote = await server.app.inject({ method: 'GET', url: '/api/manager/state', headers: { [MANAGER_KEY_HEADER]: key }, remoteAddress: '192.0.2.7' });
  assert.equal(remote.statusCode, 403);
  const page = await server.app.inject({ method: 'GET', url: '/manager', remoteAddress: '192.0.2.7' });
  assert.equal(page.statusCode, 403);
  const mapped = await server.app.inject({ method: 'GET', url: '/api/manager/state', headers: { [MANAGER_KEY_HEADER]: key }, remoteAddress: '::ffff:127.0.0.1' });
  assert.equal(mapped.statusCode, 200);
});
