import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../e2e/helpers/browser.ts';
import type { ManagerView } from '../shared/manager-api.ts';
import { MANAGER_CSP } from '../main/window-security.ts';

const htmlFile = fileURLToPath(new URL('./manager.html', import.meta.url));
const html = await readFile(htmlFile, 'utf8');

test('the page carries the same CSP as the main process sends (frame-ancestors only works as a header)', () => {
  const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  const expected = MANAGER_CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
  assert.equal(meta, expected);
});

test('no inline script or style that the CSP would block anyway', () => {
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
});

// The page in a real Chromium from its file:// URL under its own CSP, as Electron loads it, with
// the preload bridge replaced by a recorder (the preload needs Electron).

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

const base: ManagerView = {
  lang: 'ko',
  appVersion: '0.1.0',
  phase: 'crashed',
  https: false,
  error: 'Port 5000 is already in use; stop the other program or set SOTONG_PORT to a free port.',
  restartAt: null,
  lanUrls: [],
  localUrl: null,
  openAtLogin: false,
  dataDir: null,
  canInstallCa: false,
};

async function open(view: ManagerView): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e)));
  // A string, not a function: this file's transpiled functions would not survive serialisation.
  await page.addInitScript(`
    window.__commands = [];
    window.__view = ${JSON.stringify({ ...view, restartAt: view.restartAt === null ? null : 'SOON' })};
    if (window.__view.restartAt === 'SOON') window.__view.restartAt = Date.now() + 8500;
    window.sotong = {
      getView: async () => window.__view,
      onView: (listener) => { window.__push = listener; return () => {}; },
      command: async (c) => { window.__commands.push(c); },
      readLog: async () => '2026-01-02 03:04:06 ERROR listen EADDRINUSE 0.0.0.0:5000',
    };`);
  await page.goto(pathToFileURL(htmlFile).href);
  return { page, problems };
}

test('after a crash: the error, the countdown, the log, and a restart button that works', async () => {
  const { page, problems } = await open({ ...base, restartAt: 1 });
  await page.getByText('오류로 멈춤').waitFor();
  assert.match((await page.locator('#phase').textContent()) ?? '', /^오류로 멈춤 \d초 후 다시 시작합니다\.$/);
  assert.equal(await page.locator('#error').textContent(), base.error);
  await page.getByText('EADDRINUSE').waitFor();
  await page.getByRole('button', { name: '지금 다시 시작' }).click();
  await page.getByRole('button', { name: '서버 중지' }).click();
  await page.getByLabel('HTTPS 사용').check();
  assert.deepEqual(await page.evaluate('window.__commands'), [{ type: 'start' }, { type: 'stop' }, { type: 'setHttps', enabled: true }]);
  assert.deepEqual(problems, [], 'no script, CSP or load errors');
  await page.close();
});

test('running, in English: every LAN address with a copy button; pushed views re-render', async () => {
  const { page, problems } = await open({
    ...base,
    lang: 'en',
    phase: 'running',
    error: null,
    https: true,
    lanUrls: ['https://192.168.0.17:5000', 'https://[fd00::2]:5000', 'https://office-pc:5000'],
    localUrl: 'https://localhost:5000',
  });
  await page.getByText('Running · HTTPS').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(await page.locator('#urls code').allTextContents(), ['https://192.168.0.17:5000', 'https://[fd00::2]:5000', 'https://office-pc:5000']);
  assert.equal(await page.getByRole('button', { name: 'Start server' }).isDisabled(), true);
  await page.getByRole('button', { name: 'Copy' }).first().click();
  await page.getByRole('button', { name: 'Copied' }).waitFor();
  await page.getByRole('button', { name: 'Open web messenger' }).click();
  assert.deepEqual(await page.evaluate('window.__commands'), [{ type: 'copyText', text: 'https://192.168.0.17:5000' }, { type: 'openWebClient' }]);

  await page.evaluate(`window.__push({ ...window.__view, phase: 'stopped', lanUrls: [], localUrl: null })`);
  await page.getByText('Stopped', { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Start server' }).isEnabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Open web messenger' }).isDisabled(), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the data folder with "Open folder", and the CA install saying how it went', async () => {
  const { page, problems } = await open({ ...base, lang: 'en', dataDir: 'C:\\ProgramData\\Sotong', canInstallCa: true });
  await page.locator('#data-dir', { hasText: 'C:\\ProgramData\\Sotong' }).waitFor();
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.getByRole('button', { name: 'Install the Sotong certificate on this PC' }).click();
  await page.getByText('This PC now trusts the Sotong certificate').waitFor();
  assert.deepEqual(await page.evaluate('window.__commands'), [{ type: 'openDataFolder' }, { type: 'installCa' }]);
  // A declined administrator prompt rejects the command.
  await page.evaluate(`window.sotong.command = async () => { throw new Error('declined'); }`);
  await page.getByRole('button', { name: 'Install the Sotong certificate on this PC' }).click();
  await page.getByText('The certificate was not installed').waitFor();
  await page.screenshot({ path: fileURLToPath(new URL('../../docs/screenshots/desktop-status-data-folder.png', import.meta.url)), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the CA button is not offered where it cannot work', async () => {
  const { page } = await open({ ...base, lang: 'en', dataDir: '/home/kim/.config/Sotong/data', canInstallCa: false });
  await page.locator('#data-dir', { hasText: '/home/kim' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Install the Sotong certificate on this PC' }).isVisible(), false);
  await page.close();
});
