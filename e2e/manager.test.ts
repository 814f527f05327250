// The server manager console (/manager) against the real server: the key gate, live statistics,
// HTTPS on and off from the UI, settings, the log; screenshots for the docs at desktop and phone size.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../server/index.ts';
import { approvedUser, HttpClient, setupAdmin, signupFields } from '../server/testing/http-client.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { tempDataDir, WEB_ROOT } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';

const STEP = { timeout: 30_000 };
// The committed screenshots are refreshed with SOTONG_SCREENSHOTS=1; ordinary runs write them to a
// temporary folder so a test run leaves the working tree as it was.
const SHOTS = process.env.SOTONG_SCREENSHOTS
  ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots')
  : path.join(tmpdir(), 'sotong-manager-shots');
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/** The number a stat card shows, digits only ("1,234" → 1234). */
async function statValue(page: Page, id: string): Promise<number> {
  const text = await page.getByTestId(`stat-${id}-value`).innerText();
  return Number(text.replace(/[^0-9.]/g, ''));
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('server manager console', { timeout: 180_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let managerUrl: string;
  const sockets: WsClient[] = [];

  before(async () => {
    if (!existsSync(path.join(WEB_ROOT, 'manager', 'index.html')) || !existsSync(path.join(WEB_ROOT, 'manager', 'app.js'))) {
      throw new Error(`The manager console is not built (${WEB_ROOT}/manager). Run \`tsx web/manager/build.ts\` first.`);
    }
    dataDir = tempDataDir();
    server = await startServer({ dataDir, port: 0, host: '127.0.0.1', logToStdout: false, env: {}, webRoot: WEB_ROOT });
    managerUrl = `${server.url}/manager`;
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'ko-KR' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });

  after(async () => {
    for (const s of sockets) s.close();
    await tearDown({ browser, server, dataDir });
  });

  it('without a key, explains where the address with the key is found', STEP, async () => {
    await page.goto(managerUrl);
    const gate = page.getByTestId('no-key');
    await gate.waitFor();
    assert.equal(await gate.getAttribute('data-reason'), 'missing');
    const text = await gate.innerText();
    assert.match(text, /키가 없습니다/);
    assert.match(text, /#key=/);
    assert.match(text, /트레이/);
    assert.match(text, /--cli/);
    assert.equal(await page.getByTestId('dashboard').count(), 0);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'manager-no-key.png') });

    // The same page in English for a browser that does not prefer Korean.
    const english = await browser.newContext({ locale: 'en-US' });
    const enPage = await english.newPage();
    await enPage.goto(managerUrl);
    assert.match(await enPage.getByTestId('no-key').innerText(), /needs its key/);
    await english.close();
  });

  it('with an old or wrong key, says the key does not match', STEP, async () => {
    const other = await browser.newContext({ locale: 'ko-KR' });
    const p = await other.newPage();
    await p.goto(`${managerUrl}#key=not-the-key`);
    await p.locator('[data-testid="no-key"][data-reason="wrong"]').waitFor();
    assert.match(await p.getByTestId('no-key').innerText(), /키가 맞지 않습니다/);
    await other.close();
  });

  it('opens with the key, takes it out of the address bar and keeps it for the tab', STEP, async () => {
    await page.goto(`${managerUrl}#key=${server.services.managerKey}`);
    await page.getByTestId('dashboard').waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the key is gone from the address bar');
    assert.ok(!page.url().includes(server.services.managerKey));
    await page.reload();
    await page.getByTestId('dashboard').waitFor();

    assert.match(await page.getByTestId('server-status').innerText(), /실행 중/);
    assert.equal(await page.getByTestId('version').innerText(), server.services.version);
    // The address for employees: a LAN address of this PC (or an honest note when there is none).
    const state = await managerState(server);
    if (state.loopbackOnly) {
      // Bound to 127.0.0.1 (as these tests are): said honestly, with no LAN address or QR code.
      assert.match(await page.getByTestId('main-address').innerText(), /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(await page.getByTestId('loopback-only').innerText(), /127\.0\.0\.1.*0\.0\.0\.0/s);
      assert.equal(await page.getByTestId('address-qr').count(), 0);
    } else if (state.urls[0]) {
      assert.equal(await page.getByTestId('main-address').innerText(), state.urls[0]);
      assert.ok(await page.getByTestId('address-qr').locator('path').count(), 'a QR code is drawn');
    } else {
      await page.getByTestId('no-address').waitFor();
    }
  });

  it('shows the first-run setup code while there is no admin, then the sign-ups waiting', STEP, async () => {
    const code = server.services.setupCode.current;
    assert.ok(code);
    assert.equal(await page.getByTestId('setup-code').innerText(), code);

    const admin = await setupAdmin(server.url);
    await page.getByTestId('setup-card').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('pending-count').innerText(), '0');

    const waiting = new HttpClient(server.url);
    assert.equal((await waiting.post('/api/auth/signup', signupFields('대기중'))).status, 201);
    await page.locator('[data-testid="pending-count"]', { hasText: '1' }).waitFor();
    assert.match(await page.getByTestId('pending-card').innerText(), /웹 앱/);

    // Some people online and talking, for the statistics below.
    const a = await approvedUser(server.url, admin.client, '김민수');
    const b = await approvedUser(server.url, admin.client, '이서연');
    for (const who of [admin.client, a.client, b.client]) sockets.push(await WsClient.connect(server.url, who.cookie));
    const dm = await a.client.post('/api/rooms/dm', { userId: b.user.id });
    assert.equal(dm.status, 200);
    for (let i = 0; i < 6; i++) sockets[1]!.send({ type: 'send', tempId: `m${i}`, roomId: dm.json.room.id, body: `안녕하세요 ${i}` });
    await sockets[1]!.next('ack', (f) => f.tempId === 'm5');
  });

  it('shows live statistics that move with traffic', STEP, async () => {
    await waitFor('three connected sockets', async () => (await statValue(page, 'connections')) === 3);
    await waitFor('three online users', async () => (await statValue(page, 'onlineUsers')) === 3);
    await waitFor('messages counted', async () => (await statValue(page, 'messages')) >= 6);

    const before = await statValue(page, 'httpRequests');
    const uptimeBefore = await page.getByTestId('uptime').innerText();
    for (let i = 0; i < 25; i++) assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
    await waitFor('the request count to rise by 25', async () => (await statValue(page, 'httpRequests')) >= before + 25);
    await waitFor('the uptime to tick', async () => (await page.getByTestId('uptime').innerText()) !== uptimeBefore);

    // Every card has its sparkline, fed every second from the event stream.
    for (const id of ['connections', 'onlineUsers', 'messages', 'httpRequests', 'cpu', 'memory', 'loopDelay', 'db', 'uploads', 'disk']) {
      await page.getByTestId(`stat-${id}`).waitFor();
    }
    const points = async () => Number(await page.getByTestId('spark-httpRequests').getAttribute('data-points'));
    const p0 = await points();
    await waitFor('the sparkline to grow', async () => (await points()) > p0);
    assert.ok((await statValue(page, 'memory')) > 0);
    assert.ok(Number(await page.getByTestId('hour-chart').locator('svg').getAttribute('data-points')) >= 1);
  });

  it('turns HTTPS on from the switch, shows the certificate, and re-issues it', STEP, async () => {
    const card = page.getByTestId('https-card');
    assert.equal(await card.getAttribute('data-https'), 'off');
    await page.getByTestId('https-switch').click();
    await page.locator('[data-testid="https-card"][data-https="on"]').waitFor();
    assert.equal(server.services.https.enabled, true);
    assert.match(await page.getByTestId('header-https').innerText(), /켜짐/);
    assert.equal(await page.getByTestId('https-switch').getAttribute('aria-checked'), 'true');

    const fingerprint = await page.getByTestId('cert-fingerprint').innerText();
    assert.match(fingerprint, FINGERPRINT);
    const cert = server.services.https.state().cert!;
    assert.equal(fingerprint.replace(/:/g, '').toLowerCase(), cert.fingerprintSha256.replace(/:/g, '').toLowerCase());
    const addresses = await page.getByTestId('cert-addresses').innerText();
    for (const a of [...cert.dns, ...cert.ip]) assert.ok(addresses.includes(a), `certificate address ${a} shown`);
    assert.match(await page.getByTestId('cert-expiry').innerText(), /\d/);
    const state = await managerState(server);
    if (state.urls[0]) await page.locator('[data-testid="main-address"]', { hasText: /^https:\/\// }).waitFor();
    assert.equal(await page.getByTestId('ca-link').getAttribute('href'), '/ca');

    // The console keeps working over plain http on loopback while HTTPS is on.
    const ticks = await page.getByTestId('uptime').innerText();
    await waitFor('the live feed to continue', async () => (await page.getByTestId('uptime').innerText()) !== ticks);

    await page.getByTestId('cert-reissue').click();
    await page.getByTestId('https-message').waitFor();
    await waitFor('a new fingerprint', async () => (await page.getByTestId('cert-fingerprint').innerText()) !== fingerprint);
    assert.match(await page.getByTestId('cert-fingerprint').innerText(), FINGERPRINT);
  });

  it('saves settings; a new port is flagged as needing a restart', STEP, async () => {
    await page.getByTestId('setting-pingInterval').fill('20');
    await page.getByTestId('setting-pingTimeout').fill('15');
    await page.getByTestId('setting-maxConnections').fill('500');
    await page.getByTestId('settings-save').click();
    await page.locator('[data-testid="settings-result"]', { hasText: '저장했습니다.' }).waitFor();
    assert.doesNotMatch(await page.getByTestId('settings-result').innerText(), /다시 시작/);
    assert.equal(server.services.config.pingIntervalMs, 20_000);
    assert.equal(server.services.config.pingTimeoutMs, 15_000);
    assert.equal(server.services.config.maxConnections, 500);
    const saved = JSON.parse(readFileSync(path.join(dataDir, 'config.json'), 'utf8'));
    assert.equal(saved.maxConnections, 500);
    // The feed repeats the settings every second; what was saved stays in the form.
    await page.waitForTimeout(1500);
    assert.equal(await page.getByTestId('setting-maxConnections').inputValue(), '500');

    const newPort = server.port === 65535 ? 65534 : server.port + 1;
    await page.getByTestId('setting-port').fill(String(newPort));
    await page.getByTestId('settings-save').click();
    await page.locator('[data-testid="settings-result"]', { hasText: '다시 시작' }).waitFor();
    assert.equal(JSON.parse(readFileSync(path.join(dataDir, 'config.json'), 'utf8')).port, newPort);
    assert.equal(server.services.config.port === newPort, false, 'the running server keeps its port');
  });

  it('shows the recent log with levels, refreshed on its own', STEP, async () => {
    await page.locator('[data-testid="log-line"]', { hasText: 'HTTPS on' }).waitFor({ timeout: 12_000 });
    const line = page.locator('[data-testid="log-line"]', { hasText: 'HTTPS on' }).first();
    assert.equal(await line.getAttribute('data-level'), 'info');
    assert.match(await line.innerText(), /^\d{2}:\d{2}:\d{2}/);
    assert.ok(await page.locator('[data-testid="log-line"][data-level="warn"]').count(), 'the no-admin warning is there');
    await page.getByTestId('log-problems').check();
    assert.equal(await page.locator('[data-testid="log-line"][data-level="info"]').count(), 0);
    await page.getByTestId('log-problems').uncheck();
  });

  it('takes screenshots at desktop and phone size', { timeout: 60_000 }, async () => {
    mkdirSync(SHOTS, { recursive: true });
    await page.getByTestId('hour-metric-httpRequests').click();
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(1200);
    await page.screenshot({ path: path.join(SHOTS, 'manager.png') });
    await page.screenshot({ path: path.join(SHOTS, 'manager-full.png'), fullPage: true });

    // The same open page at phone width.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(800);
    assert.ok((await page.evaluate<number>('document.documentElement.scrollWidth')) <= 390, 'no sideways scrolling on a phone');
    await page.screenshot({ path: path.join(SHOTS, 'manager-phone.png') });
    await page.setViewportSize({ width: 1100, height: 800 });

  });

  // The desktop shell opens the console over http://127.0.0.1 whatever the HTTPS setting.
  it('loads afresh over http://127.0.0.1 while HTTPS is on', STEP, async () => {
    const fresh = await browser.newContext({ locale: 'ko-KR' });
    try {
      const p = await fresh.newPage();
      await p.goto(`${managerUrl}#key=${server.services.managerKey}`);
      await p.getByTestId('dashboard').waitFor({ timeout: 5000 });
    } finally {
      await fresh.close();
    }
  });

  it('turns HTTPS off again from the switch', STEP, async () => {
    await page.getByTestId('https-switch').click();
    await page.locator('[data-testid="https-card"][data-https="off"]').waitFor();
    assert.equal(server.services.https.enabled, false);
    assert.match(await page.getByTestId('header-https').innerText(), /꺼짐/);
    const state = await managerState(server);
    if (state.urls[0]) await page.locator('[data-testid="main-address"]', { hasText: /^http:\/\// }).waitFor();
  });
});

async function managerState(server: RunningServer): Promise<{ urls: string[]; loopbackOnly: boolean }> {
  const res = await fetch(`${server.url}/api/manager/state`, { headers: { 'x-sotong-manager-key': server.services.managerKey } });
  assert.equal(res.status, 200);
  return (await res.json()) as { urls: string[]; loopbackOnly: boolean };
}
