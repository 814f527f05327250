// Searching in the browser: 회의 finds 회의실 and not 의회; a result deep in history opens its room
// at the message (highlighted, with context), live messages wait while the view is away from the
// newest end, scrolling down joins it again; searching one room from its header; a phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { approvedUser, setupAdmin } from '../server/testing/http-client.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { bubbles, logIn } from './helpers/ui.ts';

// Page-side callbacks run in the browser; the Node project has no DOM typings.
declare const document: any;

const TOTAL = 400;
/** Which of the seeded texts is the one searched for (its seq is known once stored). */
/** Far from the newest page (50 messages): only a jump brings it on screen. */
const DEEP_AT = 37;
const DEEP_TEXT = '다음 주 화요일 3층 회의실 예약했습니다';
const ASSEMBLY = '국회 의회 중계 보셨어요?';
const STEP = { timeout: 30_000 };

describe('search and opening a room at a message', { timeout: 180_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let ws: WsClient;
  let team: number;
  let other: number;
  let tempN = 0;
  /** The searched-for message's seq, and the room's last seeded one (a group starts with its "created" line). */
  let DEEP = 0;
  let LAST = 0;

  const say = async (roomId: number, body: string) => {
    const tempId = `e${++tempN}`;
    ws.send({ type: 'send', tempId, roomId, body });
    return (await ws.next('ack', (f) => f.tempId === tempId)).message;
  };
  const results = () => page.getByTestId('search-result');
  const message = (seq: number) => page.locator(`[data-testid="message"][data-seq="${seq}"]`);
  const scroller = () => page.getByTestId('messages');

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    const admin = await setupAdmin(server.url);
    const reader = await approvedUser(server.url, admin.client, '이서연');
    team = (await admin.client.post('/api/rooms', { name: '기획팀', memberIds: [reader.user.id] })).json.room.id;
    other = (await admin.client.post('/api/rooms', { name: '총무팀', memberIds: [reader.user.id] })).json.room.id;
    // A long history, stored through the server's own message store (the index follows by itself).
    const bodies = Array.from({ length: TOTAL }, (_, i) => (i + 1 === DEEP_AT ? DEEP_TEXT : i + 1 === DEEP_AT + 1 ? ASSEMBLY : `진행 상황 공유 ${i + 1}`));
    const stored = await server.services.messages.appendTexts(bodies.map((body, i) => ({ roomId: team, senderId: admin.user.id, body, clientId: `seed-${i}` })));
    DEEP = stored.find((s) => s.message.body === DEEP_TEXT)!.message.seq;
    LAST = stored.at(-1)!.message.seq;
    ws = await WsClient.connect(server.url, admin.client.cookie);
    await ws.next('ready');
    await say(other, '총무팀 주간 회의는 목요일입니다');

    browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: { width: 1200, height: 760 }, locale: 'ko-KR' });
    ctx.setDefaultTimeout(10_000);
    page = await ctx.newPage();
    await page.goto(server.url);
    await logIn(page, reader.fields.email, reader.fields.password);
  });

  after(async () => {
    ws?.close();
    await tearDown({ browser, server, dataDir });
  });

  it('finds 회의 inside 회의실 in all my rooms, newest first, and never 의회', STEP, async () => {
    await page.getByTestId('tab-search').click();
    await page.getByTestId('search-input').fill('회의');
    await results().nth(1).waitFor();
    assert.equal(await results().count(), 2);
    const texts = await page.getByTestId('search-excerpt').allTextContents();
    assert.deepEqual(texts, ['총무팀 주간 회의는 목요일입니다', DEEP_TEXT]);
    assert.ok(!texts.some((x) => x.includes('의회')), '의회 is not 회의');
    // Matches are <mark> elements holding exactly the match, built from the ranges.
    const marks = await results().nth(1).locator('mark').allTextContents();
    assert.deepEqual(marks, ['회의']);
    await page.getByTestId('search-input').fill('의회');
    await page.getByTestId('search-excerpt').filter({ hasText: ASSEMBLY }).waitFor();
    assert.equal(await results().count(), 1);
  });

  it('opens a result deep in history at its message, highlighted, with context around it', STEP, async () => {
    await page.getByTestId('search-input').fill('회의실');
    await results().filter({ hasText: DEEP_TEXT }).click();
    const target = message(DEEP);
    await target.waitFor();
    await page.locator(`.msg.highlighted[data-seq="${DEEP}"]`).waitFor();
    const box = await target.boundingBox();
    const view = await scroller().boundingBox();
    assert.ok(box && view && box.y > view.y && box.y + box.height < view.y + view.height, 'the message is on screen');
    // Context on both sides, and not the newest page: the room opened in a window around it.
    await message(DEEP - 10).waitFor({ state: 'attached' });
    await message(DEEP + 10).waitFor({ state: 'attached' });
    assert.equal(await message(LAST).count(), 0);
    await page.waitForFunction(() => !document.querySelector('.msg.highlighted'), undefined, { timeout: 5000 });
  });

  it('keeps live messages out of the window, then joins the newest end when scrolled down', STEP, async () => {
    await say(team, '창을 보는 동안 도착한 메시지');
    await page.getByTestId('jump-bottom').filter({ hasText: '새 메시지' }).waitFor();
    assert.equal(await bubbles(page, '창을 보는 동안 도착한 메시지').count(), 0, 'not appended after a gap');
    // Scrolling down loads the newer pages until the window meets the live end.
    for (let i = 0; i < 20 && !(await bubbles(page, '창을 보는 동안 도착한 메시지').count()); i++) {
      await scroller().evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForTimeout(150);
    }
    await bubbles(page, '창을 보는 동안 도착한 메시지').waitFor();
    const seqs = await page.getByTestId('message').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i), 'one run of messages, no gap');
    assert.equal(seqs.at(-1), LAST + 1);
    // Joined: live messages arrive at the end again.
    await say(team, '합쳐진 뒤 도착한 메시지');
    await bubbles(page, '합쳐진 뒤 도착한 메시지').waitFor();
  });

  it('the "to the bottom" button leaves a window for the newest page', STEP, async () => {
    // A fresh page holds only the newest messages, so the jump opens a window again.
    await page.reload();
    await page.getByTestId('main-app').waitFor();
    await page.getByTestId('tab-search').click();
    await page.getByTestId('search-input').fill('회의실');
    await results().filter({ hasText: DEEP_TEXT }).click();
    await page.locator(`.msg.highlighted[data-seq="${DEEP}"]`).waitFor();
    assert.equal(await bubbles(page, '합쳐진 뒤 도착한 메시지').count(), 0);
    await page.getByTestId('jump-bottom').click();
    await bubbles(page, '합쳐진 뒤 도착한 메시지').waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="messages"]');
      return el && el.scrollHeight - el.scrollTop - el.clientHeight < 5;
    });
  });

  it('searches one room from its header, and can widen to all rooms', STEP, async () => {
    await page.locator(`[data-testid="chat-view"][data-room-id="${team}"]`).getByTestId('search-room').click();
    await page.getByTestId('search-scope').filter({ hasText: '기획팀' }).waitFor();
    await page.getByTestId('search-input').fill('회의');
    await results().first().waitFor();
    await page.waitForTimeout(400);
    assert.deepEqual(await page.getByTestId('search-excerpt').allTextContents(), [DEEP_TEXT]);
    await page.getByTestId('search-all-rooms').click();
    await results().nth(1).waitFor();
    await page.getByTestId('search-input').fill('없는단어입니다');
    await page.getByTestId('search-none').waitFor();
  });

  it('works on a phone: results full screen, a result opens the room, back returns to them', STEP, async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    // The room opened beside the results on a desktop now fills the screen; back shows the results.
    await page.getByTestId('back').click();
    await page.getByTestId('search-input').fill('회의실');
    await results().first().click();
    await page.locator(`.msg.highlighted[data-seq="${DEEP}"]`).waitFor();
    assert.equal(await page.getByTestId('search-panel').isVisible(), false, 'one pane at a time');
    await page.getByTestId('back').click();
    await results().first().waitFor();
    assert.equal(await page.getByTestId('search-panel').isVisible(), true);
  });
});
