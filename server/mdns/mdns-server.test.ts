import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestServer } from '../testing/harness.ts';
import { MANAGER_KEY_HEADER, type ManagerState } from '../protocol/manager.ts';

// On loopback (as every test server is) the responder answers nowhere, so no multicast leaves the
// machine; the network-namespace test covers the answering.

async function state(server: Awaited<ReturnType<typeof startTestServer>>): Promise<ManagerState> {
  const res = await server.app.inject({ method: 'GET', url: '/api/manager/state', headers: { [MANAGER_KEY_HEADER]: server.services.managerKey } });
  return res.json() as ManagerState;
}

test('the .local name is in the server certificate, and the manager says loopback is this PC only', async (t) => {
  const server = await startTestServer(t, { https: true, mdnsName: 'office-chat' });
  assert.ok(server.services.https.state().cert?.dns.includes('office-chat.local'));
  const s = await state(server);
  assert.equal(s.loopbackOnly, true);
  assert.deepEqual(s.urls, []);
  assert.deepEqual(s.mdns, { enabled: true, hostname: 'office-chat.local', url: null, interfaces: [] });
});

test('with the switch off the name stays out of the certificate', async (t) => {
  const server = await startTestServer(t, { https: true, mdns: false });
  assert.equal(server.services.https.state().cert?.dns.includes('sotong.local'), false);
  assert.equal((await state(server)).mdns.enabled, false);
});

test('a name that is not one DNS label is refused at start-up', async (t) => {
  await assert.rejects(startTestServer(t, { mdnsName: 'sotong.local' }), /mdnsName/);
});
