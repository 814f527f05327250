// The installable, offline-capable client (issue 11) on localhost (a secure context): the manifest
// and its icons, the service worker taking control; with the real server stopped, a new page shows
// the last rooms and messages from IndexedDB at once and catches up with what it missed once the
// server is back; after logging out nothing is kept, and a reload with the server stopped shows
// the "server unreachable" screen instead of the browser's error page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import type { Message } from '../server/protocol/models.ts';
import { approvedUser, setupAdmin } from '../server/testing/http-client.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { pngSize } from '../web/pwa/png.ts';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { bubbles, logIn } from './helpers/ui.ts';

const STEP = { timeout: 30_000 };
const SHOTS = process.env.SOTONG_SHOTS;

describe('installable and offline-capable', { timeout: 120_000 }, () => {
  let dataDir: string;
  let server: RunningServer | undefined;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let port = 0;
  let url = '';
  let a: Awaited<ReturnType<typeof approvedUser>>;
  let b: Awaited<ReturnType<typeof approvedUser>>;
  let plain: Browser | undefined;
  let dm = 0;
  const sent: Message[] = [];

  /** Alice, over her own socket (a fresh one each time: the server restarts in between). */
  const asAlice = async (act: (ws: WsClient) => Promise<void>) => {
    const ws = await WsClient.connect(url, a.client.cookie);
    await ws.next('ready');
    try {
      await act(ws);
    } finally {
      ws.close();
    }
  };
  const say = (body: string) =>
    asAlice(async (ws) => {
      ws.send({ type: 'send', tempId: body, roomId: dm, body });
      sent.push((await ws.next('ack', (f) => f.tempId === body)).message);
    });
  const snapshotTexts = (p: Page) =>
    p.evaluate(`new Promise((resolve) => {
      const req = indexedDB.open('sotong-offline', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('snapshot');
      req.onsuccess = () => {
        const get = req.result.transaction('snapshot').objectStore('snapshot').get('last');
        get.onsuccess = () => resolve(get.result ? get.result.timelines.flatMap((t) => t.messages.map((m) => m.body)) : null);
      };
    })`) as Promise<string[] | null>;

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    ({ port, url } = server);
    const admin = await setupAdmin(url);
    a = await approvedUser(url, admin.client, '김하늘');
    b = await approvedUser(url, admin.client, '박지민');
    dm = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
    for (const body of ['첫 번째 메시지', '고쳐질 메시지']) await say(body);
    browser = await launchBrowser();
    ctx = await browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'ko-KR' });
    ctx.setDefaultTimeout(10_000);
    page = await ctx.newPage();
    await page.goto(url);
    await logIn(page, b.fields.email, b.fields.password);
  });

  after(async () => {
    await plain?.close();
    await tearDown({ browser, ...(server ? { server } : {}), dataDir });
  });

  it('links a valid manifest whose icons are PNGs of the sizes it says', STEP, async () => {
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    assert.equal(href, '/manifest.webmanifest');
    const res = await fetch(new URL(href, url));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/manifest\+json/);
    const m = (await res.json()) as Record<string, unknown> & { icons: Array<{ src: string; sizes: string; type: string; purpose: string }> };
    for (const field of ['name', 'short_name', 'start_url', 'scope', 'theme_color', 'background_color']) assert.equal(typeof m[field], 'string', field);
    assert.equal(m.display, 'standalone');
    assert.equal(m.start_url, '/');
    const sizes = new Set<string>();
    for (const icon of m.icons) {
      const png = await fetch(new URL(icon.src, url));
      assert.equal(png.status, 200, icon.src);
      assert.equal(png.headers.get('content-type'), 'image/png');
      const { width, height } = pngSize(new Uint8Array(await png.arrayBuffer()));
      assert.equal(`${width}x${height}`, icon.sizes, icon.src);
      sizes.add(`${icon.sizes} ${icon.purpose}`);
    }
    assert.deepEqual([...sizes].sort(), ['192x192 any', '192x192 maskable', '512x512 any', '512x512 maskable']);
    // And the browser decodes them as images of those sizes.
    // (In-page code as text: the Node-side tsconfig has no DOM types.)
    const decoded: unknown = await page.evaluate(`(async () => {
      const img = new Image();
      img.src = '/icon-512.png';
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    })()`);
    assert.deepEqual(decoded, [512, 512]);
  });

  it('serves sw.js uncached, and the service worker controls the page with the shell precached', STEP, async () => {
    const sw = await fetch(new URL('/sw.js', url));
    assert.equal(sw.status, 200);
    assert.equal(sw.headers.get('cache-control'), 'no-cache');
    const state = (await page.evaluate(`(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 50 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100));
      const names = await caches.keys();
      const shell = names.find((n) => n.startsWith('sotong-shell-'));
      const paths = shell ? (await (await caches.open(shell)).keys()).map((r) => new URL(r.url).pathname).sort() : [];
      return { controlled: !!navigator.serviceWorker.controller, names, paths };
    })()`)) as { controlled: boolean; names: string[]; paths: string[] };
    assert.ok(state.controlled, 'the service worker controls the page');
    assert.equal(state.names.filter((n) => n.startsWith('sotong-shell-')).length, 1, state.names.join());
    // The shell: the page, the content-hashed entry, chunk and stylesheet it names, the manifest and icons.
    const named = (await page.evaluate(`[...document.querySelectorAll('script[src], link[rel=stylesheet], link[rel=modulepreload]')].map((e) => new URL(e.src || e.href).pathname)`)) as string[];
    assert.ok(named.length >= 3, named.join());
    for (const p of ['/index.html', ...named, '/manifest.webmanifest', '/icon-192.png']) assert.ok(state.paths.includes(p), `${p} precached: ${state.paths.join()}`);
    // Never the API or the socket.
    assert.ok(!state.paths.some((p) => p.startsWith('/api') || p === '/ws' || p === '/sw.js'), state.paths.join());
  });

  // Longer than the other steps: the page's reconnect backoff (up to 10 s) runs while the server is down.
  it('with the server stopped, a new page shows the last messages at once, then what it missed once the server is back', { timeout: 60_000 }, async () => {
    await page.locator(`[data-testid="room-item"][data-room-id="${dm}"]`).click();
    await bubbles(page, '고쳐질 메시지').waitFor();
    // Kept a second after the change; bounded and only what the server acknowledged.
    for (let i = 0; i < 50 && !(await snapshotTexts(page))?.includes('고쳐질 메시지'); i++) await page.waitForTimeout(100);
    assert.deepEqual(await snapshotTexts(page), ['첫 번째 메시지', '고쳐질 메시지']);
    await page.close();

    // While nobody looks: a new message and an edit; then the server goes down.
    await say('없는 동안 온 메시지');
    await asAlice(async (ws) => {
      ws.send({ type: 'edit', messageId: sent[1]!.id, body: '고친 메시지' });
      await ws.next('edited');
    });
    await server!.close();
    server = undefined;

    page = await ctx.newPage();
    await page.goto(url);
    await page.getByTestId('main-app').waitFor();
    await page.locator(`[data-testid="room-item"][data-room-id="${dm}"]`).click();
    await bubbles(page, '고쳐질 메시지').waitFor();
    assert.equal(await bubbles(page, '첫 번째 메시지').count(), 1);
    assert.equal(await bubbles(page, '없는 동안 온 메시지').count(), 0, 'nothing the cache did not have');
    const banner = page.locator('[data-testid="connection-banner"][data-status="offline"]');
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /서버에 연결할 수 없어 저장된 대화를 보여 줍니다/);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/offline-cached.png` });

    server = await startSotong(dataDir, port);
    await bubbles(page, '없는 동안 온 메시지').waitFor({ timeout: 20_000 });
    await bubbles(page, '고친 메시지').waitFor();
    assert.equal(await bubbles(page, '고쳐질 메시지').count(), 0);
    assert.equal(await bubbles(page, '첫 번째 메시지').count(), 1, 'no message twice');
  });

  it('logged out, nothing is kept; reloaded with the server stopped, the unreachable screen, then the login once it is back', STEP, async () => {
    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
    for (let i = 0; i < 20 && (await snapshotTexts(page)) !== null; i++) await page.waitForTimeout(100);
    assert.equal(await snapshotTexts(page), null);

    await server!.close();
    server = undefined;
    await page.reload();
    const screen = page.getByTestId('unreachable-screen');
    await screen.waitFor();
    assert.match((await screen.textContent()) ?? '', /서버에 연결할 수 없습니다/);
    assert.equal(await page.title(), '소통');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/offline-unreachable.png` });

    server = await startSotong(dataDir, port);
    await page.getByTestId('unreachable-retry').click();
    await page.getByTestId('login-submit').waitFor();
  });

  it('on plain HTTP under a LAN name (not a secure context) registers nothing and works as before', STEP, async () => {
    // sotong.test → 127.0.0.1 in this browser only: an http:// origin that is not loopback.
    plain = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP sotong.test 127.0.0.1'] });
    const lan = await (await plain.newContext({ locale: 'ko-KR' })).newPage();
    const errors: string[] = [];
    lan.on('pageerror', (e) => errors.push(e.message));
    await lan.goto(`http://sotong.test:${port}/`);
    assert.equal(await lan.evaluate('window.isSecureContext'), false);
    await logIn(lan, b.fields.email, b.fields.password);
    await lan.locator(`[data-testid="room-item"][data-room-id="${dm}"]`).click();
    await bubbles(lan, '없는 동안 온 메시지').waitFor();
    assert.equal(await lan.evaluate("'serviceWorker' in navigator && !!navigator.serviceWorker.controller"), false);
    assert.deepEqual(errors, []);
  });
});
