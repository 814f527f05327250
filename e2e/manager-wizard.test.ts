// The first-run wizard and the settings that tell the truth, in Chromium against the real server
// run by a ServerHost (as the CLI runs it, so "restart now" works): from a fresh data folder to an
// employee chatting, a setting an environment variable overrides, a saved log level applied by a
// restart. Screenshots for the docs with SOTONG_SCREENSHOTS=1.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { ServerHost } from '../server/lifecycle/server-host.ts';
import { launchBrowser } from './helpers/browser.ts';
import { assertWebBuilt, removeDataDir, tempDataDir, WEB_ROOT } from './helpers/server.ts';
import { approveAll, bubbles, openDmWith, send, signUp, type Person } from './helpers/ui.ts';

const STEP = { timeout: 30_000 };
const SHOTS = process.env.SOTONG_SCREENSHOTS
  ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots')
  : path.join(tmpdir(), 'sotong-wizard-shots');
const KEY = 'wizard-e2e-manager-key-0123456789';

const admin: Person = { name: '박관리', employeeNo: 'A-001', department: '전산팀', position: '팀장', email: 'admin@example.com', password: 'correct horse battery' };
const employee: Person = { name: '최직원', employeeNo: 'E-100', department: '영업팀', position: '사원', email: 'staff@example.com', password: 'staple battery horse' };

describe('manager: first-run wizard and settings', { timeout: 180_000 }, () => {
  let dataDir: string;
  let host: ServerHost;
  let server: RunningServer;
  let browser: Browser;
  let managerCtx: BrowserContext;
  let staffCtx: BrowserContext;
  let page: Page;

  before(async () => {
    assertWebBuilt();
    dataDir = tempDataDir();
    // The listen address comes from the environment, as SOTONG_PORT would: the console must say so.
    host = new ServerHost({ dataDir, port: 0, env: { SOTONG_HOST: '127.0.0.1' }, logToStdout: false, webRoot: WEB_ROOT, managerKey: KEY });
    server = await host.start();
    browser = await launchBrowser();
    managerCtx = await browser.newContext({ viewport: { width: 1100, height: 860 }, locale: 'ko-KR' });
    staffCtx = await browser.newContext({ viewport: { width: 1000, height: 760 }, locale: 'ko-KR' });
    for (const c of [managerCtx, staffCtx]) c.setDefaultTimeout(10_000);
    page = await managerCtx.newPage();
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    for (const c of [managerCtx, staffCtx]) await c?.close().catch(() => {});
    await browser?.close();
    await host?.close();
    if (dataDir) removeDataDir(dataDir);
  });

  it('opens with the wizard on a fresh data folder and creates the first admin', STEP, async () => {
    await page.goto(`${server.url}/manager#key=${KEY}`);
    const wizard = page.locator('[data-testid="wizard"][data-step="admin"]');
    await wizard.waitFor();
    assert.match(await page.getByTestId('wizard-setup-code').innerText(), /\d{4}-\d{4}/, 'the code for another PC is there too');
    assert.equal(await page.getByTestId('dashboard').count(), 0);
    // The same wizard in English for a browser that does not prefer Korean.
    const english = await browser.newContext({ locale: 'en-US' });
    const en = await english.newPage();
    await en.goto(`${server.url}/manager#key=${KEY}`);
    assert.match(await en.getByTestId('wizard').innerText(), /Setting up the Sotong server[\s\S]*Create the admin account/);
    await english.close();
    for (const field of ['name', 'employeeNo', 'department', 'position', 'email', 'password'] as const) {
      await page.getByTestId(`wizard-${field}`).fill(admin[field]);
    }
    await page.screenshot({ path: path.join(SHOTS, 'wizard-admin.png') });
    await page.getByTestId('wizard-create-admin').click();
    await page.locator('[data-testid="wizard"][data-step="address"]').waitFor();
    assert.match(await page.getByTestId('wizard-admin-done').innerText(), /박관리/);
    assert.equal(await server.services.users.hasAdmin(), true);
  });

  it('shows the port with who sets it, then HTTPS with the CA guide, then the address and QR', STEP, async () => {
    assert.equal(await page.getByTestId('setting-port').inputValue(), String(server.port));
    assert.equal(await page.getByTestId('setting-row-port').getAttribute('data-source'), 'launch');
    await page.getByTestId('wizard-next').click();
    await page.locator('[data-testid="wizard"][data-step="https"]').waitFor();
    assert.equal(await page.getByTestId('wizard-ca-guide').getAttribute('href'), '/ca');
    await page.getByTestId('wizard-https-switch').click();
    await page.locator('[data-testid="wizard-https-switch"][aria-checked="true"]').waitFor();
    assert.equal(server.services.https.enabled, true);
    await page.getByTestId('wizard-https-switch').click();
    await page.locator('[data-testid="wizard-https-switch"][aria-checked="false"]').waitFor();
    assert.equal(server.services.https.enabled, false);
    await page.getByTestId('wizard-next').click();
    await page.locator('[data-testid="wizard"][data-step="share"]').waitFor();
    const { urls, loopbackOnly } = (await (await fetch(`${server.url}/api/manager/state`, { headers: { 'x-sotong-manager-key': KEY } })).json()) as { urls: string[]; loopbackOnly: boolean };
    if (loopbackOnly) {
      // This test server listens on 127.0.0.1: the step says only this PC can connect, with no QR code.
      await page.getByTestId('loopback-only').waitFor();
      assert.equal(await page.getByTestId('address-qr').count(), 0);
    } else if (urls[0]) {
      assert.equal(await page.getByTestId('main-address').innerText(), urls[0]);
      assert.ok(await page.getByTestId('address-qr').locator('path').count(), 'a QR code is drawn');
    } else {
      // A machine with no LAN address at all: the page says so.
      await page.getByTestId('no-address').waitFor();
    }
    await page.screenshot({ path: path.join(SHOTS, 'wizard-share.png') });
    await page.getByTestId('wizard-finish').click();
    await page.getByTestId('dashboard').waitFor();
  });

  it('an employee signs up, the admin approves in the web app, and they chat', { timeout: 60_000 }, async () => {
    const staff = await staffCtx.newPage();
    await signUp(staff, server.url, employee);
    // The wizard's setup opened the admin's session in this browser: the web app opens logged in.
    const adminApp = await managerCtx.newPage();
    await adminApp.goto(server.url);
    await adminApp.getByTestId('main-app').waitFor();
    await approveAll(adminApp, [employee.name]);
    await staff.getByTestId('main-app').waitFor({ timeout: 15_000 });
    await openDmWith(adminApp, employee.name);
    await send(adminApp, '환영합니다! 소통에 오신 것을 축하해요');
    await openDmWith(staff, admin.name);
    await bubbles(staff, '환영합니다! 소통에 오신 것을 축하해요').waitFor();
    await send(staff, '감사합니다 😀');
    await bubbles(adminApp, '감사합니다 😀').waitFor();
    await adminApp.close();
    await staff.close();
  });

  it('says which setting an environment variable overrides, and edits the upload limit and file types', STEP, async () => {
    await page.bringToFront();
    const hostRow = page.getByTestId('setting-row-host');
    assert.equal(await hostRow.getAttribute('data-source'), 'env');
    const override = await page.getByTestId('env-override-host').innerText();
    assert.match(override, /SOTONG_HOST/);
    assert.match(override, /127\.0\.0\.1/);

    await page.getByTestId('setting-pingIntervalMs').fill('0.5');
    await page.getByTestId('settings-save').click();
    assert.match(await page.getByTestId('setting-problem-pingIntervalMs').innerText(), /1–600/);
    await page.getByTestId('setting-pingIntervalMs').fill('25');

    await page.getByTestId('setting-maxUploadBytes').fill('25');
    await page.getByTestId('setting-allowedExtensions').fill('pdf hwp zip dwg');
    await page.getByTestId('settings-save').click();
    await page.locator('[data-testid="settings-result"]', { hasText: '저장했습니다.' }).waitFor();
    assert.equal(server.services.config.maxUploadBytes, 25 * 1024 * 1024);
    assert.deepEqual(server.services.config.allowedExtensions, ['pdf', 'hwp', 'zip', 'dwg']);
    const saved = JSON.parse(readFileSync(path.join(dataDir, 'config.json'), 'utf8'));
    assert.equal(saved.maxUploadBytes, 25 * 1024 * 1024);
    assert.equal(saved.pingIntervalMs, undefined, 'an unchanged field is not written');
  });

  it('flags a saved log level as waiting for a restart, and "restart now" applies it', { timeout: 45_000 }, async () => {
    await page.getByTestId('setting-logLevel').selectOption('warn');
    await page.getByTestId('settings-save').click();
    await page.locator('[data-testid="settings-result"]', { hasText: '다시 시작' }).waitFor();
    await page.getByTestId('restart-pending-logLevel').waitFor();
    await page.getByTestId('restart-bar').waitFor();
    // The console's header stays on top while scrolling; not over the card in its picture.
    await page.addStyleTag({ content: '.top { position: static !important; }' });
    await page.getByTestId('settings-card').screenshot({ path: path.join(SHOTS, 'manager-settings.png') });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SHOTS, 'manager-restart.png') });
    assert.equal(server.services.config.logLevel, 'info', 'the running server keeps its level');

    const restarted = new Promise<RunningServer>((resolve) => host.onRestarted(resolve));
    await page.getByTestId('restart-now').click();
    server = await restarted;
    assert.equal(server.services.config.logLevel, 'warn');
    await page.locator('[data-testid="restart-text"]', { hasText: '다시 시작했습니다' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('restart-pending-logLevel').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('restart-now').count(), 0);
  });
});
