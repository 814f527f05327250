// Desktop notifications in Chromium: the permission is granted to the browser context and the
// page's Notification constructor is wrapped (the real one still runs) so the test sees each one
// created. Bob's page has a DM open while Alice writes in two groups: a message in another room
// notifies (one per room: a burst says how many), a room Bob muted from its header stays silent
// with a grey badge, a mention of Bob in that muted room still notifies, and so does a message
// into the open room once the page is hidden. A second browser, not yet asked, gets the in-app
// banner instead of a prompt at page load, and its "not now" is remembered.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { approvedUser, setupAdmin } from '../server/testing/http-client.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { bubbles, logIn } from './helpers/ui.ts';

declare const window: any, document: any, location: any;

const STEP = { timeout: 30_000 };
/** A folder to save screenshots in, when set (SOTONG_SHOTS=docs/screenshots makes the ones there). */
const SHOTS = process.env.SOTONG_SHOTS;

interface Shown {
  title: string;
  body: string;
  tag: string;
}

describe('desktop notifications', { timeout: 120_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let page: Page;
  let alice: WsClient;
  let a: Awaited<ReturnType<typeof approvedUser>>;
  let b: Awaited<ReturnType<typeof approvedUser>>;
  let dm = 0;
  let planning = 0;
  let chatter = 0;
  let n = 0;

  const say = async (roomId: number, body: string, extra: Record<string, unknown> = {}) => {
    const tempId = `n${++n}`;
    alice.send({ type: 'send', tempId, roomId, body, ...extra });
    await alice.next('ack', (f) => f.tempId === tempId);
  };
  const shown = (): Promise<Shown[]> => page.evaluate(() => window.__notifications);
  const roomItem = (id: number) => page.locator(`[data-testid="room-item"][data-room-id="${id}"]`);
  /** The message has reached the page (its room's preview shows it), so a notification would have been made by now. */
  const arrived = (roomId: number, text: string) => roomItem(roomId).getByTestId('room-preview').filter({ hasText: text }).waitFor();

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    const admin = await setupAdmin(server.url);
    a = await approvedUser(server.url, admin.client, '김하늘');
    b = await approvedUser(server.url, admin.client, '박지민');
    dm = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
    planning = (await a.client.post('/api/rooms', { name: '기획팀', memberIds: [b.user.id] })).json.room.id;
    chatter = (await a.client.post('/api/rooms', { name: '잡담방', memberIds: [b.user.id] })).json.room.id;
    alice = await WsClient.connect(server.url, a.client.cookie);
    await alice.next('ready');
    await say(dm, '안녕하세요');

    browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 720 }, locale: 'ko-KR', permissions: ['notifications'] });
    ctx.setDefaultTimeout(10_000);
    contexts.push(ctx);
    await ctx.addInitScript(() => {
      const Real = window.Notification;
      window.__notifications = [];
      window.__made = [];
      window.__chimes = 0;
      window.Notification = class extends Real {
        constructor(title: string, options: any = {}) {
          super(title, options);
          window.__notifications.push({ title, body: options.body, tag: options.tag });
          window.__made.push(this);
        }
      };
      const RealOscillator = window.OscillatorNode;
      window.AudioContext.prototype.createOscillator = function (this: any) {
        window.__chimes++;
        return new RealOscillator(this);
      };
    });
    page = await ctx.newPage();
    await page.goto(server.url);
    await logIn(page, b.fields.email, b.fields.password);
    await roomItem(dm).click();
    await bubbles(page, '안녕하세요').waitFor();
  });

  after(async () => {
    alice?.close();
    await tearDown({ contexts, browser, server, dataDir });
  });

  it('asks nothing of a browser that already allows notifications', STEP, async () => {
    assert.equal(await page.evaluate(() => window.Notification.permission), 'granted');
    assert.equal(await page.getByTestId('notify-banner').count(), 0);
  });

  it('notifies of a message in another room, with sender, room and the first line; a burst is one per room with a count', STEP, async () => {
    await say(planning, '회의실이 3층으로 바뀌었어요\n자세한 건 공지 참고');
    await arrived(planning, '회의실이 3층으로');
    assert.deepEqual(await shown(), [{ title: '김하늘 · 기획팀', body: '회의실이 3층으로 바뀌었어요', tag: `room-${planning}` }]);
    await say(planning, '10분 뒤 시작합니다');
    await arrived(planning, '10분 뒤 시작합니다');
    const list = await shown();
    assert.equal(list.length, 2);
    // The same tag: the browser shows the second in place of the first.
    assert.deepEqual(list[1], { title: '김하늘 · 기획팀', body: '새 메시지 2개\n10분 뒤 시작합니다', tag: `room-${planning}` });
  });

  it('shows nothing for the open room while the page is in view', STEP, async () => {
    const before = (await shown()).length;
    await say(dm, '지금 보고 있죠?');
    await bubbles(page, '지금 보고 있죠?').waitFor();
    assert.equal((await shown()).length, before);
  });

  it('a room muted from its header stays silent, with a grey unread badge', STEP, async () => {
    await roomItem(chatter).click();
    await page.getByTestId('chat-title').filter({ hasText: '잡담방' }).waitFor();
    await page.getByTestId('mute-button').click();
    await page.getByTestId('mute-menu').waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/mute-menu.png` });
    await page.getByTestId('mute-forever').click();
    await page.locator('[data-testid="mute-button"][data-muted="true"]').waitFor();
    const saved = await b.client.get('/api/me/settings');
    assert.deepEqual(saved.json.settings.mutes, [{ roomId: chatter, until: null }]);
    await roomItem(dm).click();
    await bubbles(page, '지금 보고 있죠?').waitFor();

    const before = (await shown()).length;
    await say(chatter, '점심 뭐 먹을까요');
    await arrived(chatter, '점심 뭐 먹을까요');
    assert.equal((await shown()).length, before);
    assert.equal(await roomItem(chatter).getByTestId('room-unread').getAttribute('data-quiet'), 'true');
    assert.equal(await roomItem(planning).getByTestId('room-unread').getAttribute('data-quiet'), 'false');
    assert.equal(await roomItem(chatter).getByTestId('room-muted').count(), 1);
    assert.equal(await roomItem(planning).getByTestId('room-muted').count(), 0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/muted-room.png` });
  });

  it('a mention of me in the muted room still notifies', STEP, async () => {
    const before = (await shown()).length;
    await say(chatter, '@박지민 이 문서 확인 부탁해요', { mentions: [b.user.id] });
    await arrived(chatter, '확인 부탁해요');
    const list = await shown();
    assert.equal(list.length, before + 1);
    assert.equal(list.at(-1)!.title, '김하늘 · 잡담방');
    assert.equal(list.at(-1)!.body, '@박지민 이 문서 확인 부탁해요');
  });

  it('notifies of a message into the open room once the page is hidden', STEP, async () => {
    // As a string: tsx would wrap a named getter in a helper the page does not have.
    await page.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));`);
    const before = (await shown()).length;
    await say(dm, '자리 비우셨나요?');
    await bubbles(page, '자리 비우셨나요?').waitFor();
    const list = await shown();
    assert.equal(list.length, before + 1);
    // A DM is named by its sender alone.
    assert.deepEqual(list.at(-1), { title: '김하늘', body: '자리 비우셨나요?', tag: `room-${dm}` });
  });

  it('clicking a notification opens its room', STEP, async () => {
    await page.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'visible' })`);
    const tags: string[] = await page.evaluate(() => window.__made.map((x: any) => x.tag));
    const i = tags.indexOf(`room-${planning}`);
    assert.ok(i >= 0);
    await page.evaluate((at) => window.__made[at].onclick(), i);
    await page.getByTestId('chat-title').filter({ hasText: '기획팀' }).waitFor();
    assert.equal(await page.evaluate(() => location.hash), `#/room/${planning}`);
    await bubbles(page, '10분 뒤 시작합니다').waitFor();
  });

  it('a browser not yet asked gets the in-app banner, and "not now" is remembered', STEP, async () => {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 720 }, locale: 'ko-KR' });
    ctx.setDefaultTimeout(10_000);
    contexts.push(ctx);
    const other = await ctx.newPage();
    await other.goto(server.url);
    // Not on the login page, and the browser's own prompt is never opened by itself.
    assert.equal(await other.getByTestId('notify-banner').count(), 0);
    await logIn(other, a.fields.email, a.fields.password);
    await other.getByTestId('notify-banner').waitFor();
    if (SHOTS) await other.screenshot({ path: `${SHOTS}/notify-banner.png` });
    assert.equal(await other.evaluate(() => window.Notification.permission), 'default');
    await other.getByTestId('notify-later').click();
    await other.getByTestId('notify-banner').waitFor({ state: 'detached' });
    await other.reload();
    await other.getByTestId('main-app').waitFor();
    await other.getByTestId('room-list').waitFor();
    assert.equal(await other.getByTestId('notify-banner').count(), 0);
  });

  it('the settings section shows the permission and saves each switch to my settings', STEP, async () => {
    await page.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'visible' })`);
    await page.getByTestId('tab-settings').click();
    const section = page.getByTestId('notification-settings');
    await section.waitFor();
    assert.equal(await section.getByTestId('notification-permission').getAttribute('data-permission'), 'granted');
    assert.equal(await section.getByTestId('setting-sound').isChecked(), false, 'the sound is off by default');
    await section.getByTestId('setting-sound').check();
    await section.getByTestId('setting-dnd').check();
    await section.getByTestId('dnd-from').fill('18:30');
    await page.waitForFunction(() => document.querySelector('[data-testid="dnd-from"]')?.value === '18:30');
    let saved: any;
    for (let i = 0; i < 50; i++) {
      saved = (await b.client.get('/api/me/settings')).json.settings.notifications;
      if (saved.sound && saved.dnd.enabled && saved.dnd.from === '18:30') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(saved, { desktop: true, sound: true, mentionsWhenMuted: true, dnd: { enabled: true, from: '18:30', to: '08:00' } });
    // The sound is on: the next notification plays the chime (outside the do-not-disturb hours).
    // 기획팀 is still the chosen room, but the settings screen hides it: a message there is news.
    await section.getByTestId('setting-dnd').uncheck();
    await page.waitForFunction(() => !document.querySelector('[data-testid="setting-dnd"]')?.checked);
    const before = (await shown()).length;
    assert.equal(await page.evaluate(() => window.__chimes), 0, 'no sound while it was off');
    await say(planning, '소리 들리나요?');
    await page.waitForFunction((n) => window.__notifications.length > n, before);
    assert.ok((await page.evaluate(() => window.__chimes)) > 0);
    if (SHOTS) await section.screenshot({ path: `${SHOTS}/notification-settings.png` });
    if (SHOTS) {
      // The header's bell on a phone: the muted room's title still fits.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('tab-chats').click();
      await page.evaluate(`location.hash = '#/room/${chatter}'`);
      await page.locator('[data-testid="mute-button"][data-muted="true"]').waitFor();
      await page.screenshot({ path: `${SHOTS}/mute-phone.png` });
    }
  });
});
