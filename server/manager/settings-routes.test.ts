import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { SettingView } from '../protocol/manager.ts';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';
import { ServerHost } from '../lifecycle/server-host.ts';
import { startServer, type RunningServer } from '../index.ts';
import { startTestServer, tempDataDir } from '../testing/harness.ts';
import { rawRequest } from '../testing/tls-client.ts';
import { startRestartable } from '../testing/restartable.ts';

// PUT /api/manager/settings and the settings in GET /api/manager/state: every key of config.json,
// checked with config.json's own schema; where an environment variable wins; what waits for a restart.

function manager(server: RunningServer) {
  const headers = { origin: new URL(server.url).origin, [MANAGER_KEY_HEADER]: server.services.managerKey };
  return {
    put: (body: unknown) => rawRequest(`${server.url}/api/manager/settings`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    state: async () => JSON.parse((await rawRequest(`${server.url}/api/manager/state`, { headers })).body) as { settings: SettingView[]; restartPending: boolean; restartAvailable: boolean; needsSetup: boolean },
  };
}
const setting = (settings: SettingView[], key: string) => settings.find((s) => s.key === key)!;
const savedFile = (server: RunningServer) => JSON.parse(readFileSync(path.join(server.services.config.dataDir, 'config.json'), 'utf8'));

test('the upload limit and file types are saved and applied at once; every key is listed with its shape', async (t) => {
  const server = await startTestServer(t);
  const api = manager(server);
  const before = await api.state();
  assert.equal(before.needsSetup, true);
  assert.equal(before.restartAvailable, false);
  assert.deepEqual(before.settings.map((s) => s.key).sort(), Object.keys(server.services.config).sort());
  assert.deepEqual(setting(before.settings, 'logLevel').choices, ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
  assert.deepEqual({ ...setting(before.settings, 'maxUploadBytes'), value: 0 }.min, 1024);
  assert.equal(setting(before.settings, 'allowedExtensions').kind, 'list');
  assert.equal(setting(before.settings, 'maxUploadBytes').source, 'default');

  const res = await api.put({ maxUploadBytes: 20 * 1024 * 1024, allowedExtensions: ['pdf', 'hwp', 'dwg'] });
  assert.equal(res.status, 200, res.body);
  assert.deepEqual(JSON.parse(res.body), { restartNeeded: false, overridden: [] });
  assert.equal(server.services.config.maxUploadBytes, 20 * 1024 * 1024, 'the upload route reads this object');
  assert.deepEqual(server.services.config.allowedExtensions, ['pdf', 'hwp', 'dwg']);
  assert.equal(savedFile(server).maxUploadBytes, 20 * 1024 * 1024);
  const after = await api.state();
  assert.equal(setting(after.settings, 'maxUploadBytes').source, 'file');
  assert.equal(setting(after.settings, 'maxUploadBytes').saved, 20 * 1024 * 1024);
});

test('a value config.json would refuse is refused with the catalogue’s error, and nothing is saved', async (t) => {
  const server = await startTestServer(t);
  const api = manager(server);
  const bad = [
    { maxUploadBytes: 10 },
    { maxUploadBytes: '10MB' },
    { allowedExtensions: ['P DF'] },
    { allowedExtensions: ['pdf', 'pdf'] },
    { logLevel: 'loud' },
    { port: 70000 },
    { port: 80.5 },
  ];
  for (const body of bad) {
    const res = await api.put(body);
    assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.body}`);
    const err = JSON.parse(res.body);
    assert.equal(err.code, 'BAD_REQUEST');
    assert.ok(err.message.ko && err.message.en);
  }
  assert.equal(server.services.config.maxUploadBytes, 10 * 1024 * 1024);
  assert.throws(() => readFileSync(path.join(server.services.config.dataDir, 'config.json')), /ENOENT/);

  // Keys the console may not set are dropped like any unknown field of any route: never saved.
  const dropped = await api.put({ dataDir: '/tmp/elsewhere', https: true, noSuchSetting: 1, maxConnections: 77 });
  assert.equal(dropped.status, 200, dropped.body);
  assert.deepEqual(savedFile(server), { maxConnections: 77 });
  assert.equal(server.services.https.enabled, false);
});

test('a setting an environment variable overrides says so, and saving it changes config.json only', async (t) => {
  // Started without a log level of its own, as the CLI starts it, so the variable is what wins.
  const dataDir = tempDataDir();
  const server = await startServer({ port: 0, host: '127.0.0.1', logToStdout: false, env: { SOTONG_LOG_LEVEL: 'error' }, dataDir });
  t.after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const api = manager(server);
  const level = setting((await api.state()).settings, 'logLevel');
  assert.equal(level.value, 'error');
  assert.equal(level.source, 'env');
  assert.deepEqual(level.envOverride, { name: 'SOTONG_LOG_LEVEL', value: 'error' });

  const res = await api.put({ logLevel: 'debug' });
  assert.equal(res.status, 200, res.body);
  assert.deepEqual(JSON.parse(res.body), { restartNeeded: false, overridden: ['logLevel'] });
  const after = setting((await api.state()).settings, 'logLevel');
  assert.equal(after.saved, 'debug');
  assert.equal(after.value, 'error', 'the variable still wins');
  assert.equal(after.restartPending, false, 'a restart would not change it');
});

test('a start-up setting is flagged until the restart applies it', async (t) => {
  const dataDir = tempDataDir();
  const host = new ServerHost({ port: 0, host: '127.0.0.1', logToStdout: false, env: {}, dataDir, managerKey: 'settings-test-key-0123456789' });
  t.after(async () => {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const first = await host.start();
  const api = manager(first);
  assert.equal((await api.state()).restartAvailable, true);

  const res = await api.put({ logLevel: 'warn', maxConnectionsPerUser: 3 });
  assert.deepEqual(JSON.parse(res.body), { restartNeeded: true, overridden: [] });
  const state = await api.state();
  assert.equal(state.restartPending, true);
  assert.equal(setting(state.settings, 'logLevel').restartPending, true);
  assert.equal(setting(state.settings, 'logLevel').value, 'info', 'still the running level');
  assert.equal(setting(state.settings, 'maxConnectionsPerUser').restartPending, false, 'applied at once');
  assert.equal(first.services.config.maxConnectionsPerUser, 3);

  const restarted = new Promise<RunningServer>((resolve) => host.onRestarted(resolve));
  const ask = await rawRequest(`${first.url}/api/manager/restart`, { method: 'POST', headers: { origin: new URL(first.url).origin, [MANAGER_KEY_HEADER]: first.services.managerKey } });
  assert.equal(ask.status, 202);
  const second = await restarted;
  const again = await manager(second).state();
  assert.equal(setting(again.settings, 'logLevel').value, 'warn');
  assert.equal(again.restartPending, false);
});

test('a restart goes through while the console’s live feed is open, and the feed ends so it can reconnect', async (t) => {
  const host = await startRestartable(t);
  const first = host.current();
  const headers = { [MANAGER_KEY_HEADER]: first.services.managerKey };
  const feed = await fetch(`${first.url}/api/manager/events`, { headers });
  const reader = feed.body!.getReader();
  assert.ok((await reader.read()).value, 'the first event arrived');
  const restarted = host.restarted();
  const ask = await rawRequest(`${first.url}/api/manager/restart`, { method: 'POST', headers: { origin: new URL(first.url).origin, ...headers } });
  assert.equal(ask.status, 202);
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the restart waited for the open feed')), 5000).unref());
  await Promise.race([restarted, timeout]);
  for (;;) if ((await Promise.race([reader.read(), timeout])).done) break;
});
