import assert from 'node:assert/strict';
import { test } from 'node:test';
import { managerView } from './manager-view.ts';
import { ServerSupervisor } from './supervisor.ts';

test('addresses are offered only while the server is running', () => {
  const status = new ServerSupervisor({ fork: () => assert.fail('not started') }).status;
  const input = { addresses: ['192.168.0.17'], hostname: 'PC1', openAtLogin: true, lang: 'ko' as const, appVersion: '0.1.0', dataDir: 'C:\\ProgramData\\Sotong', canInstallCa: true };
  const running = managerView({ ...input, status: { ...status, phase: 'running', https: true, port: 5000, url: 'https://localhost:5000' } });
  assert.deepEqual(running.lanUrls, ['https://192.168.0.17:5000', 'https://pc1:5000']);
  assert.equal(running.localUrl, 'https://localhost:5000');
  const stopped = managerView({ ...input, status: { ...status, phase: 'stopped', port: 5000 } });
  assert.deepEqual(stopped.lanUrls, []);
  assert.equal(stopped.localUrl, null);
});

test('the data folder is shown before the server has ever started, and the server’s own report wins', () => {
  const status = new ServerSupervisor({ fork: () => assert.fail('not started') }).status;
  const input = { addresses: [], hostname: 'PC1', openAtLogin: false, lang: 'en' as const, appVersion: '0.1.0', dataDir: 'C:\\ProgramData\\Sotong', canInstallCa: true };
  assert.equal(managerView({ ...input, status }).dataDir, 'C:\\ProgramData\\Sotong');
  assert.equal(managerView({ ...input, status: { ...status, dataDir: 'D:\\Sotong' } }).dataDir, 'D:\\Sotong');
  assert.equal(managerView({ ...input, status }).canInstallCa, true);
});
