import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseServerMessage, type ServerToShell } from '../shared/server-messages.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

test('the desktop server process: ready → start → state with the manager URL → HTTPS → stop', async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sotong-shell-'));
  // Port 0 through config.json: the entry reads its settings like the headless server does.
  const child = fork(path.join(here, 'testing', 'parent-port-shim.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, SOTONG_DATA_DIR: dataDir, SOTONG_PORT: '0', SOTONG_HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  t.after(() => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });
  const messages: ServerToShell[] = [];
  const waiters: Array<() => void> = [];
  child.on('message', (data) => {
    const parsed = parseServerMessage(data);
    assert.ok(parsed, `the shell accepts every message: ${JSON.stringify(data)}`);
    messages.push(parsed);
    for (const w of waiters.splice(0)) w();
  });
  const next = async <T extends ServerToShell['type']>(type: T, match: (m: Extract<ServerToShell, { type: T }>) => boolean = () => true) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = messages.find((m) => m.type === type && match(m as Extract<ServerToShell, { type: T }>));
      if (found) return found as Extract<ServerToShell, { type: T }>;
      if (Date.now() > deadline) throw new Error(`no ${type} message`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };

  const ready = await next('ready');
  assert.equal(ready.protocol, 1);
  assert.equal(ready.version, JSON.parse(readFileSync(path.join(here, '../../package.json'), 'utf8')).version);
  child.send({ type: 'start' });
  const running = await next('state', (m) => m.running);
  assert.equal(running.https, false);
  assert.match(running.managerUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/manager#key=[\w-]{20,}$/);
  const key = running.managerUrl!.split('#key=')[1]!;
  const api = new URL('/api/manager/state', running.managerUrl).href;
  const state = await fetch(api, { headers: { 'x-sotong-manager-key': key } });
  assert.equal(state.status, 200);
  assert.equal((await fetch(api)).status, 401);
  // The stats carry the data folder disk's free space, for the tray's low-disk warning.
  const { stats } = await next('stats', (m) => (m.stats.diskFreeBytes ?? 0) > 0);
  assert.equal(typeof stats.diskLow, 'boolean');

  child.send({ type: 'setHttps', enabled: true });
  const secure = await next('state', (m) => m.https);
  assert.match(secure.url ?? '', /^https:\/\/localhost:/);
  assert.ok(secure.cert?.fingerprintSha256);
  assert.equal(secure.cert?.caFile, path.join(dataDir, 'certs', 'ca.crt'));
  assert.equal(JSON.parse(readFileSync(path.join(dataDir, 'config.json'), 'utf8')).https, true);
  // A switch made in the manager console is reported to the shell too.
  await fetch(new URL('/api/manager/https', running.managerUrl), {
    method: 'POST',
    headers: { 'x-sotong-manager-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ enabled: false }),
  });
  await next('state', (m) => m.running && !m.https && m !== running);

  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.send({ type: 'stop' });
  assert.equal(await exited, 0);
});

test('a start-up failure reaches the shell as one sentence, then the process exits', async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sotong-shell-'));
  const child = fork(path.join(here, 'testing', 'parent-port-shim.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, SOTONG_DATA_DIR: dataDir, SOTONG_PORT: 'not-a-port' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const states: ServerToShell[] = [];
  child.on('message', (data) => {
    const m = parseServerMessage(data);
    if (m?.type === 'ready') child.send({ type: 'start' });
    if (m) states.push(m);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 1);
  const failed = states.find((m) => m.type === 'state') as Extract<ServerToShell, { type: 'state' }>;
  assert.equal(failed.running, false);
  assert.match(failed.error ?? '', /^Invalid configuration \(\/port/);
});
