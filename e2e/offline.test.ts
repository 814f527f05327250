// The installable, offline-capable client (issue 11) on localhost (a secure context): the manifest
// and its icons, the service worker taking control, and a reload with the real server stopped
// showing the app shell with its "server unreachable" screen — then the app again once the server
// is back on the same port, without a reload.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { approvedUser, setupAdmin } from '../server/testing/http-client.ts';
import { pngSize } from '../web/pwa/png.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { logIn } from './helpers/ui.ts';

const STEP = { timeout: 30_000 };
const SHOTS = process.env.SOTONG_SHOTS;

describe('installable and offline-capable', { timeout: 120_000 }, () => {
  let dataDir: string;
  let server: RunningServer | undefined;
  let browser: Browser;
  let page: Page;
  let port = 0;
  let url = '';

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    ({ port, url } = server);
    const admin = await setupAdmin(url);
    const b = await approvedUser(url, admin.client, '박지민');
    browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'ko-KR' });
    ctx.setDefaultTimeout(10_000);
    page = await ctx.newPage();
    await page.goto(url);
    await logIn(page, b.fields.email, b.fields.password);
  });

  after(async () => {
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
    for (const p of ['/index.html', '/app.js', '/app.css', '/manifest.webmanifest', '/icon-192.png']) assert.ok(state.paths.includes(p), p);
    // Never the API or the socket.
    assert.ok(!state.paths.some((p) => p.startsWith('/api') || p === '/ws' || p === '/sw.js'), state.paths.join());
  });

  it('reloaded with the server stopped, shows the app with the unreachable screen, then the app once the server is back', STEP, async () => {
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
    await page.getByTestId('main-app').waitFor();
  });
});
