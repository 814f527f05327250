import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { FakeConfig, record as Record } from './testing/fake-electron.ts';

// main.ts end to end with a fake `electron` (its binary cannot run here) and a real child
// process playing the server: start-up, tray, window, IPC checks, the HTTPS switch and quit.

const here = fileURLToPath(new URL('.', import.meta.url));

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('main.ts starts the server, shows it in the tray and window, and stops it on quit', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'sotong-main-'));
  const bundle = join(dir, 'main.cjs');
  await build({
    entryPoints: [join(here, 'main.ts')],
    outfile: bundle,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    alias: { electron: join(here, 'testing', 'fake-electron.ts') },
    logLevel: 'warning',
  });
  const config: FakeConfig = { appPath: join(dir, 'app'), userData: join(dir, 'user'), serverScript: join(here, 'testing', 'fixture-server.ts') };
  (globalThis as { __sotongFakeConfig?: FakeConfig }).__sotongFakeConfig = config;
  createRequire(import.meta.url)(bundle);
  const fake = (globalThis as unknown as { __sotongFake: typeof Record }).__sotongFake;
  t.after(async () => {
    // Quit through the app first, or the supervisor would restart a killed server.
    if (!fake.quit) fake.trays[0]?.menu.find((i) => i.label === '종료')?.click?.();
    await until('the app to quit', () => fake.quit, 7_000).catch(() => undefined);
    for (const f of fake.forks) f.kill();
    await rm(dir, { recursive: true, force: true });
  });

  // Start-up: one tray, the server forked from the app's dist folder with its data folder.
  await until('the server to run', () => fake.trays[0]?.tooltip.includes('실행 중') === true);
  const tray = fake.trays[0]!;
  assert.equal(fake.forks.length, 1);
  assert.equal(fake.forks[0]!.entry, join(config.appPath, 'dist', 'electron', 'server.mjs'));
  assert.equal(fake.forks[0]!.env.SOTONG_DATA_DIR, join(config.userData, 'data'));
  assert.match(tray.image, /[\\/]dist[\\/]electron[\\/]icons[\\/]tray[\\/]running-http\.(png|ico)$/);
  assert.deepEqual(
    tray.menu.filter((i) => i.type !== 'separator').map((i) => i.label),
    [tray.menu[0]!.label, '관리 창 열기', '웹 메신저 열기', tray.menu[4]!.label, '서버 중지', 'HTTPS 사용', '로그인할 때 자동 실행', '종료'],
  );

  // The manager window: sandboxed, shown at start-up, on the server's console once it runs.
  const win = fake.windows[0]!;
  const managerUrl = pathToFileURL(join(config.appPath, 'dist', 'electron', 'renderer', 'manager.html')).href;
  await until('the console', () => win.url.startsWith('http://127.0.0.1:5555/manager#key='));
  const firstConsole = win.url;
  assert.equal(win.options.webPreferences.sandbox, true);
  assert.equal(win.options.webPreferences.contextIsolation, true);
  assert.equal(win.options.webPreferences.nodeIntegration, false);
  await until('the window to show', () => win.visible);
  win.emit('close', { preventDefault: () => undefined });
  assert.equal(win.visible, false, 'closing hides the window; the app stays in the tray');

  // IPC: our status page gets the view; any other page, the console included, is refused.
  const getView = fake.ipc.get('sotong:get-view')!;
  const view = (await getView({ senderFrame: { url: managerUrl } })) as { phase: string; localUrl: string };
  assert.equal(view.phase, 'running');
  assert.equal(view.localUrl, 'http://localhost:5555');
  assert.throws(() => getView({ senderFrame: { url: 'https://evil.example/' } }), /Refused/);
  assert.throws(() => getView({ senderFrame: { url: firstConsole } }), /Refused/);
  const command = fake.ipc.get('sotong:command')!;
  await assert.rejects(async () => command({ senderFrame: { url: managerUrl } }, { type: 'rm -rf' }), /Unknown command/);

  // The HTTPS switch goes to the server; the tray follows what the server reports.
  await command({ senderFrame: { url: managerUrl } }, { type: 'setHttps', enabled: true });
  await until('the HTTPS icon', () => /running-https\./.test(tray.image));

  // Tray menu: copy the address; start at login.
  tray.menu.find((i) => i.label?.startsWith('주소 복사'))!.click!();
  assert.match(fake.clipboard.at(-1)!, /^https:\/\/.+:5555$/);
  tray.menu.find((i) => i.label === '로그인할 때 자동 실행')!.click!();
  assert.equal(fake.openAtLogin, process.platform === 'win32' || process.platform === 'darwin', 'login items exist on Windows and macOS only');

  // Stop from the tray: the window falls back to the status page; Start brings a new process,
  // with a new console key.
  tray.menu.find((i) => i.label === '서버 중지')!.click!();
  await until('the status page', () => win.url === managerUrl && tray.tooltip.includes('중지됨'));
  tray.menu.find((i) => i.label === '서버 시작')!.click!();
  await until('the new console', () => win.url.startsWith('http://127.0.0.1:5555/manager#key=') && win.url !== firstConsole);
  assert.equal(fake.forks.length, 2);

  // Quit: the server is asked to stop and exits before the app really quits.
  tray.menu.find((i) => i.label === '종료')!.click!();
  assert.equal(fake.quit, false, 'not before the server has stopped');
  await until('the app to quit', () => fake.quit);
  assert.equal(tray.destroyed, true);
  assert.equal(fake.forks.length, 2, 'no restart after a requested stop');
});
