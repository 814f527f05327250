// A long conversation in the browser: the newest page first, older pages on scrolling up without
// the view jumping, the "new messages" button when reading history, an over-long message caught in
// the composer, and a refused message that shows as failed with retry/discard.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { errorBody } from '../server/protocol/errors.ts';
import { MESSAGE_MAX } from '../server/protocol/limits.ts';
import { approvedUser, setupAdmin } from '../server/testing/http-client.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { bubbles, logIn, send } from './helpers/ui.ts';

const TOTAL = 120;
const REFUSED = '서버가 거절할 메시지';
const STEP = { timeout: 30_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('history, scrolling and failed sends', { timeout: 120_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let ws: WsClient;
  let roomId: number;
  let tempN = 0;

  const say = async (body: string) => {
    const tempId = `h${++tempN}`;
    ws.send({ type: 'send', tempId, roomId, body });
    await ws.next('ack', (f) => f.tempId === tempId);
  };
  const scroller = () => page.getByTestId('messages');
  const distanceFromBottom = () => scroller().evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    const admin = await setupAdmin(server.url);
    const reader = await approvedUser(server.url, admin.client, '이서연');
    roomId = (await admin.client.post('/api/rooms/dm', { userId: reader.user.id })).json.room.id;
    ws = await WsClient.connect(server.url, admin.client.cookie);
    // Paced under the server's per-connection rate limit.
    for (let i = 1; i <= TOTAL; i++) {
      await say(`기록 메시지 ${i}`);
      if (i > 50) await sleep(35);
    }
    browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 700 }, locale: 'ko-KR' });
    ctx.setDefaultTimeout(10_000);
    page = await ctx.newPage();
    // Stands in for a server that refuses one particular message (as it would a rate-limited one):
    // everything else passes through to the real server untouched.
    await page.routeWebSocket(/\/ws(\?|$)/, (ws) => {
      const real = ws.connectToServer();
      ws.onMessage((data) => {
        const frame = typeof data === 'string' ? (JSON.parse(data) as { type: string; body?: string; tempId?: string }) : null;
        if (frame?.type === 'send' && frame.body?.startsWith(REFUSED)) {
          ws.send(JSON.stringify({ type: 'error', ...errorBody('RATE_LIMITED'), tempId: frame.tempId }));
          return;
        }
        real.send(data);
      });
    });
    await page.goto(server.url);
    await logIn(page, reader.fields.email, reader.fields.password);
  });

  after(async () => {
    ws?.close();
    await tearDown({ browser, server, dataDir });
  });

  it('opens on the newest page, scrolled to the end', STEP, async () => {
    await page.locator(`[data-testid="room-item"][data-room-id="${roomId}"]`).click();
    await bubbles(page, `기록 메시지 ${TOTAL}`).waitFor();
    assert.equal(await page.getByTestId('message').count(), 50);
    assert.ok((await distanceFromBottom()) < 5);
  });

  it('loads older pages when scrolled to the top and keeps the view still', STEP, async () => {
    const anchor = bubbles(page, `기록 메시지 ${TOTAL - 49}`);
    await scroller().evaluate((el) => (el.scrollTop = 0));
    await page.getByTestId('message').nth(99).waitFor({ state: 'attached' });
    // The message that was at the top is still on screen, not pushed away by the new page.
    const box = await anchor.boundingBox();
    const view = await scroller().boundingBox();
    assert.ok(box && view && box.y >= view.y - 5 && box.y < view.y + view.height, 'anchor message stays in view');
    await scroller().evaluate((el) => (el.scrollTop = 0));
    await page.getByText('대화의 시작입니다.').waitFor();
    assert.equal(await page.getByTestId('message').count(), TOTAL);
    const seqs = await page.getByTestId('message').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    assert.deepEqual(seqs, Array.from({ length: TOTAL }, (_, i) => i + 1));
  });

  it('offers a "new messages" button instead of yanking the reader down', STEP, async () => {
    await scroller().evaluate((el) => (el.scrollTop = 0));
    await say('읽는 동안 도착한 메시지');
    await page.getByTestId('jump-bottom').filter({ hasText: '새 메시지' }).waitFor();
    assert.ok((await scroller().evaluate((el) => el.scrollTop)) < 50);
    await page.getByTestId('jump-bottom').click();
    assert.ok((await distanceFromBottom()) < 5);
    // At the bottom, new messages keep it pinned there.
    await say('바닥에 있을 때 도착한 메시지');
    await bubbles(page, '바닥에 있을 때 도착한 메시지').waitFor();
    await page.waitForTimeout(100);
    assert.ok((await distanceFromBottom()) < 5);
  });

  it('catches a message over the length limit in the composer, before sending', STEP, async () => {
    const box = page.getByTestId('composer');
    const pendingBefore = await page.getByTestId('msg-pending').count();
    await box.fill('가'.repeat(MESSAGE_MAX + 1));
    const counter = page.getByTestId('char-count');
    await counter.filter({ hasText: '10,001 / 10,000' }).waitFor();
    await counter.getByText('메시지가 너무 깁니다').waitFor();
    assert.equal(await page.getByTestId('send').isDisabled(), true);
    await box.press('Enter');
    await page.waitForTimeout(200);
    assert.equal(await page.getByTestId('msg-pending').count(), pendingBefore);
    assert.equal(await page.getByTestId('msg-failed').count(), 0);
    assert.equal((await box.inputValue()).length, MESSAGE_MAX + 1, 'nothing lost; the writer can shorten it');
    // At the limit exactly it may go.
    await box.fill('가'.repeat(MESSAGE_MAX));
    assert.equal(await page.getByTestId('send').isDisabled(), false);
    await box.fill('');
    await counter.waitFor({ state: 'detached' });
  });

  it('shows a refused message as failed, with retry and discard', STEP, async () => {
    await send(page, `${REFUSED} 1`);
    const failed = page.getByTestId('msg-failed');
    await failed.waitFor();
    await failed.getByText('요청이 너무 많습니다').waitFor();
    await failed.getByTestId('retry').click();
    await failed.waitFor(); // refused again
    await failed.getByTestId('discard').click();
    await failed.waitFor({ state: 'detached' });
    await send(page, 'Enter로 보낸 짧은 메시지');
    await bubbles(page, 'Enter로 보낸 짧은 메시지').waitFor();
  });

  it('Shift+Enter makes a new line instead of sending', STEP, async () => {
    const box = page.getByTestId('composer');
    await box.click();
    await box.pressSequentially('첫 줄');
    await box.press('Shift+Enter');
    await box.pressSequentially('둘째 줄');
    assert.equal(await box.inputValue(), '첫 줄\n둘째 줄');
    await box.press('Enter');
    await bubbles(page, '첫 줄\n둘째 줄').waitFor();
    assert.equal(await box.inputValue(), '');
  });
});
