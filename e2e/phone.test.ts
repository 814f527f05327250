// A phone-sized screen: one pane at a time, the bottom tab bar, a back button, a long press for
// the message menu, nothing wider than the screen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { approvedUser, HttpClient } from '../server/testing/http-client.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { bubbles, openDmWith, send, setupAdmin, type Person } from './helpers/ui.ts';

const STEP = { timeout: 30_000 };
const WIDTH = 390;

const admin: Person = {
  name: '박지훈',
  employeeNo: 'P-1',
  department: '총무팀',
  position: '과장',
  email: 'jihoon@phone.test',
  password: 'phone-password-1',
};

describe('phone-sized screen', { timeout: 90_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  const noSidewaysScroll = async () =>
    assert.ok((await page.evaluate<number>('document.documentElement.scrollWidth')) <= WIDTH, 'no horizontal overflow');

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    browser = await launchBrowser();
    const ctx = await browser.newContext({
      viewport: { width: WIDTH, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'ko-KR',
    });
    ctx.setDefaultTimeout(10_000);
    page = await ctx.newPage();
  });

  after(() => tearDown({ browser, server, dataDir }));

  it('runs first-time setup on a phone', STEP, async () => {
    await page.goto(server.url);
    await page.getByTestId('setup-form').waitFor();
    await noSidewaysScroll();
    await setupAdmin(page, server.url, admin);
    await page.getByTestId('tab-chats').waitFor();
    await noSidewaysScroll();
  });

  it('opens a chat full-screen with a back button, and goes back to the list', STEP, async () => {
    const adminHttp = new HttpClient(server.url);
    await adminHttp.post('/api/auth/login', { login: admin.email, password: admin.password });
    const colleague = await approvedUser(server.url, adminHttp, '한지민');

    await openDmWith(page, '한지민');
    // The list and the tab bar give way to the conversation.
    assert.equal(await page.getByTestId('people-list').isVisible(), false);
    assert.equal(await page.getByTestId('tab-chats').isVisible(), false);
    assert.equal(await page.getByTestId('back').isVisible(), true);
    await noSidewaysScroll();

    await send(page, '모바일에서 보낸 메시지');
    await bubbles(page, '모바일에서 보낸 메시지').waitFor();
    const ws = await WsClient.connect(server.url, colleague.client.cookie);
    const roomId = Number(await page.getByTestId('chat-view').getAttribute('data-room-id'));
    ws.send({ type: 'send', tempId: 'p1', roomId, body: '휴대폰으로 답장 확인' });
    await bubbles(page, '휴대폰으로 답장 확인').waitFor();
    ws.close();

    // No hover on a phone: a long press on my own message opens its menu.
    const mine = page.getByTestId('message').filter({ has: bubbles(page, '모바일에서 보낸 메시지') });
    const seq = await mine.getAttribute('data-seq');
    assert.equal(await mine.getByTestId('message-menu').isVisible(), false);
    const body = mine.getByTestId('message-body');
    const at = (await body.boundingBox())!;
    const touch = { identifier: 1, clientX: at.x + 10, clientY: at.y + 10 };
    await body.dispatchEvent('touchstart', { touches: [touch], changedTouches: [touch] });
    await page.waitForTimeout(600);
    await body.dispatchEvent('touchend', { touches: [], changedTouches: [touch] });
    await page.getByTestId('delete-message').click();
    await page.getByTestId('confirm-delete-button').click();
    await page.locator(`[data-testid="message"][data-seq="${seq}"] [data-testid="message-deleted"]`).waitFor();
    await noSidewaysScroll();

    const composer = await page.getByTestId('composer').boundingBox();
    assert.ok(composer && composer.y + composer.height <= 844, 'composer on screen');

    await page.getByTestId('back').click();
    await page.getByTestId('room-list').waitFor();
    assert.equal(await page.getByTestId('chat-view').count(), 0);
    await page.getByTestId('room-preview').filter({ hasText: '휴대폰으로 답장 확인' }).waitFor();
    await noSidewaysScroll();
  });
});
