// The split web client in Chromium: the first screen loads only the entry, its one chunk and the
// stylesheet (every file precompressed and negotiated), and the parts loaded on demand — admin,
// search, profile, the emoji picker, the room drawers — arrive when opened, with no failed request
// and no page error; a part whose file is gone says so instead of a blank screen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { approvedUser, setupAdmin } from '../server/testing/http-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';

const STEP = { timeout: 30_000 };

describe('the split web client loads its lazy parts', { timeout: 120_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const scripts: string[] = [];
  const failures: string[] = [];
  const errors: string[] = [];

  /** Script files fetched since `from`, as bare names without the hash (AdminPanel, chunk…). */
  const fetchedSince = (from: number) => scripts.slice(from).map((f) => f.replace(/\.[A-Z2-7]{8}\.js$/, ''));

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    const admin = await setupAdmin(server.url);
    const colleague = await approvedUser(server.url, admin.client, '김지우');
    await admin.client.post('/api/rooms', { name: '기획팀', memberIds: [colleague.user.id] });
    browser = await launchBrowser();
    // No service worker: it would serve the parts from its precache (docs/offline.md), and this test
    // is about what the server sends and what happens when a file is gone.
    context = await browser.newContext({ viewport: { width: 1200, height: 760 }, locale: 'ko-KR', serviceWorkers: 'block' });
    context.setDefaultTimeout(10_000);
    const [name, value] = admin.client.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/https-probe') && errors.push(m.text()));
    // The HTTPS trust probe fails by design in a browser that does not trust the CA (docs/https.md).
    page.on('requestfailed', (r) => new URL(r.url()).pathname !== '/https-probe' && failures.push(`${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (r.status() >= 400) failures.push(`${url.pathname} ${r.status()}`);
      if (url.pathname.endsWith('.js')) scripts.push(url.pathname.slice(1));
    });
  });

  after(async () => {
    await tearDown({ contexts: [context], browser, server, dataDir });
  });

  it('the first screen is the entry, one chunk and the stylesheet, brotli-encoded', STEP, async () => {
    const css: Array<string | undefined> = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.css')) css.push(r.headers()['content-encoding']);
    });
    const doc = await page.goto(server.url);
    assert.equal(doc?.headers()['cache-control'], 'no-cache');
    await page.getByTestId('room-item').first().waitFor();
    assert.deepEqual(fetchedSince(0).sort(), ['app', 'chunk']);
    const entry = await page.evaluate(() => (globalThis as any).document.querySelector('script[type=module]').src as string);
    const reply = await page.request.get(entry, { headers: { 'accept-encoding': 'br' } });
    assert.equal(reply.headers()['cache-control'], 'public, max-age=31536000, immutable');
    assert.deepEqual(css, ['br']);
  });

  it('opens admin, search and profile, each fetching its own file once', STEP, async () => {
    for (const [tab, testid, part] of [
      ['tab-admin', 'admin-panel', 'AdminPanel'],
      ['tab-search', 'search-panel', 'SearchPanel'],
      ['me', 'profile-screen', 'ProfileScreen'],
    ] as const) {
      const from = scripts.length;
      await page.getByTestId(tab).click();
      await page.getByTestId(testid).waitFor();
      assert.ok(fetchedSince(from).includes(part), `${part} fetched when ${tab} opened: ${fetchedSince(from).join(', ')}`);
    }
    // Shown again: from memory, no new request.
    const from = scripts.length;
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('admin-panel').waitFor();
    assert.deepEqual(fetchedSince(from), []);
  });

  it('opens the emoji picker and the room drawers in a chat', STEP, async () => {
    await page.getByTestId('tab-chats').click();
    await page.getByTestId('room-item').filter({ hasText: '기획팀' }).click();
    await page.getByTestId('chat-view').waitFor();
    for (const [button, testid, part] of [
      ['emoji-button', 'emoji-picker', 'EmojiPicker'],
      ['files-drawer-button', 'files-drawer', 'FilesDrawer'],
      ['room-info-button', 'room-info', 'RoomInfoDrawer'],
    ] as const) {
      const from = scripts.length;
      await page.getByTestId(button).click();
      await page.getByTestId(testid).waitFor();
      assert.ok(fetchedSince(from).includes(part), `${part} fetched: ${fetchedSince(from).join(', ')}`);
      if (testid === 'emoji-picker') await page.keyboard.press('Escape');
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(errors, []);
  });

  it('a part whose file is gone (the server was updated since) says so, with a reload button', STEP, async () => {
    const fresh = await context.newPage();
    // The first screen as it was; every lazy part's file now missing, as after an update.
    await fresh.route(/\/(?!app\.|chunk\.)[A-Za-z]+\.[A-Z2-7]{8}\.js$/, (route) => route.fulfill({ status: 404, body: '' }));
    await fresh.goto(server.url);
    await fresh.getByTestId('tab-search').click();
    await fresh.getByTestId('lazy-failed').waitFor();
    assert.match(await fresh.getByTestId('lazy-failed').innerText(), /불러오지 못했습니다/);
    await fresh.getByTestId('lazy-failed').getByRole('button', { name: '새로 고침' }).waitFor();
    await fresh.close();
  });
});
