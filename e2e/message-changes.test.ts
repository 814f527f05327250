// Replies, edits, delete for everyone and reactions between two employees in real Chromium against
// the real server: a reply to a message far back (the jump loads older pages), an edit the other
// side sees with its history, a deletion that leaves a placeholder (and a "deleted" quote) on both
// sides, reactions with counts and names, and the message menu on a phone by a long press.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { approvedUser, setupAdmin } from '../server/testing/http-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { bubbles, logIn, send } from './helpers/ui.ts';

// Predicates run in the page (functions, not strings: a string is eval'd there, which the page's CSP refuses once it has to poll).
declare const document: any;

const STEP = { timeout: 30_000 };
const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots');
const ORIGINAL = '금요일 워크숍 장소는 3층 대회의실로 잡았습니다. 10시 시작이에요.';
const EDITED = '금요일 워크숍 장소는 5층 세미나실로 바뀌었습니다. 10시 시작이에요.';
const REPLY = '네, 발표 자료는 목요일까지 공유드릴게요!';
/** Messages after the original: more than one page (50), so the original needs an older page. */
const BETWEEN = 90;
const RECENT = [
  ['a', '오늘 오후 3시 주간 회의 잊지 마세요'],
  ['b', '네 회의실 B로 가면 되죠?'],
  ['a', '맞아요. 지난주 매출 자료도 같이 볼게요'],
  ['b', '자료 정리해서 올려 둘게요 📊'],
  ['a', '점심은 다 같이 김치찌개 어때요?'],
] as const;

describe('reply, edit, delete for everyone and reactions', { timeout: 180_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let pa: Page;
  let pb: Page;
  let roomId = 0;
  let people: { a: { id: number; email: string; password: string }; b: { id: number; email: string; password: string } };
  const pageErrors: string[] = [];

  const open = async (viewport: { width: number; height: number }, phone = false) => {
    const ctx = await browser.newContext({ viewport, locale: 'ko-KR', ...(phone ? { isMobile: true, hasTouch: true } : {}) });
    ctx.setDefaultTimeout(10_000);
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  };
  const message = (page: Page, text: string): Locator => page.getByTestId('message').filter({ has: bubbles(page, text) });
  const menuOf = async (page: Page, text: string) => {
    await message(page, text).locator('.msg-content').click({ button: 'right' });
    await page.getByTestId('message-menu-items').waitFor();
  };
  const enterRoom = async (page: Page) => {
    await page.locator(`[data-testid="room-item"][data-room-id="${roomId}"]`).click();
    await bubbles(page, RECENT.at(-1)![1]).waitFor();
  };

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    const admin = await setupAdmin(server.url);
    const a = await approvedUser(server.url, admin.client, '김수정');
    const b = await approvedUser(server.url, admin.client, '이도윤');
    people = { a: { id: a.user.id, ...a.fields }, b: { id: b.user.id, ...b.fields } };
    roomId = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
    // The history, written straight into the store (a browser test need not pace 100 sends).
    const text = (senderId: number, body: string, i: number) => ({ roomId, senderId, body, clientId: `seed-${i}` });
    await server.services.messages.appendTexts([text(a.user.id, ORIGINAL, 0)]);
    await server.services.messages.appendTexts(Array.from({ length: BETWEEN }, (_, i) => text(i % 2 ? a.user.id : b.user.id, `지난 업무 메모 ${i + 1}`, i + 1)));
    await server.services.messages.appendTexts(RECENT.map(([who, body], i) => text(who === 'a' ? a.user.id : b.user.id, body, 1000 + i)));
    browser = await launchBrowser();
    pa = await open({ width: 1180, height: 760 });
    pb = await open({ width: 1180, height: 760 });
    for (const [page, who] of [[pa, a.fields], [pb, b.fields]] as const) {
      await page.goto(server.url);
      await logIn(page, who.email, who.password);
      await enterRoom(page);
    }
  });

  after(() => tearDown({ contexts, browser, server, dataDir }));

  it('replies to a message far back; the other side jumps to it through the quote, loading older pages', STEP, async () => {
    // B scrolls up to the original (older pages load as the top nears) and answers it.
    const scroller = pb.getByTestId('messages');
    while (!(await bubbles(pb, ORIGINAL).count())) {
      await scroller.evaluate((el) => (el.scrollTop = 0));
      await pb.waitForTimeout(150);
    }
    await menuOf(pb, ORIGINAL);
    await pb.getByTestId('reply-message').click();
    const banner = pb.getByTestId('reply-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /김수정님에게 답장/);
    assert.match(await banner.innerText(), /3층 대회의실/);
    await send(pb, REPLY);
    await banner.waitFor({ state: 'detached' });

    // A, who has only the newest page, sees the reply with its quote.
    const reply = message(pa, REPLY);
    await reply.waitFor();
    assert.equal(await bubbles(pa, ORIGINAL).count(), 0, 'the original is not loaded on this side yet');
    const quote = reply.getByTestId('reply-quote');
    assert.match(await quote.innerText(), /김수정[\s\S]*금요일 워크숍 장소는 3층/);
    await quote.click();
    const original = message(pa, ORIGINAL);
    await original.waitFor();
    await pa.locator('[data-testid="message"].highlighted').filter({ has: bubbles(pa, ORIGINAL) }).waitFor();
    const box = (await original.boundingBox())!;
    const view = (await pa.getByTestId('messages').boundingBox())!;
    assert.ok(box.y >= view.y && box.y + box.height <= view.y + view.height, 'the original is in view');

    // The screenshot: A answering in turn, with the banner above the composer and the quote in the bubble.
    await pa.getByTestId('jump-bottom').click();
    await menuOf(pa, REPLY);
    await pa.getByTestId('reply-message').click();
    await pa.getByTestId('composer').fill('좋아요, 고마워요');
    await pa.screenshot({ path: path.join(shots, 'reply.png') });
    await pa.getByTestId('banner-cancel').click();
    await pa.getByTestId('reply-banner').waitFor({ state: 'detached' });
    await pa.getByTestId('composer').fill('');
  });

  it("edits a message; the other side sees it edited, with the time, the new quote and the history", STEP, async () => {
    await message(pa, ORIGINAL).scrollIntoViewIfNeeded();
    await menuOf(pa, ORIGINAL);
    await pa.getByTestId('edit-message').click();
    await pa.getByTestId('edit-banner').waitFor();
    const composer = pa.getByTestId('composer');
    assert.equal(await composer.inputValue(), ORIGINAL);
    await composer.fill(EDITED);
    await composer.press('Enter');
    await pa.getByTestId('edit-banner').waitFor({ state: 'detached' });
    assert.equal(await composer.inputValue(), '', 'the composer is back to writing');

    const edited = message(pb, EDITED);
    await edited.waitFor();
    const mark = edited.getByTestId('edited-mark');
    assert.equal(await mark.innerText(), '수정됨');
    assert.match((await mark.getAttribute('title')) ?? '', /수정됨$/);
    assert.match(await message(pb, REPLY).getByTestId('reply-quote').innerText(), /5층 세미나실/, "the reply's quote shows the new text");
    await menuOf(pb, EDITED);
    await pb.getByTestId('edit-history').click();
    const versions = pb.getByTestId('edit-version-body');
    await versions.nth(1).waitFor();
    assert.deepEqual(await versions.allInnerTexts(), [EDITED, ORIGINAL], 'newest first');
    await pb.getByTestId('edit-history').screenshot({ path: path.join(shots, 'edit-history.png') });
    await pb.keyboard.press('Escape');
    await pb.getByTestId('edit-history').waitFor({ state: 'detached' });

    // Esc leaves edit mode without changing anything; what was being written comes back.
    await composer.fill('쓰던 글');
    await composer.press('ArrowUp'); // not empty: ↑ moves the caret, no edit
    assert.equal(await pa.getByTestId('edit-banner').count(), 0);
    await composer.fill('');
    await composer.press('ArrowUp');
    await pa.getByTestId('edit-banner').waitFor();
    assert.equal(await composer.inputValue(), RECENT.at(-1)![1], '↑ edits my last message');
    await composer.press('Escape');
    await pa.getByTestId('edit-banner').waitFor({ state: 'detached' });
    assert.equal(await bubbles(pb, RECENT.at(-1)![1]).count(), 1);
  });

  it('reacts: counts, mine highlighted, who reacted on hover, a second click takes it back', STEP, async () => {
    const target = RECENT.at(-1)![1];
    await pa.getByTestId('jump-bottom').click().catch(() => undefined);
    await menuOf(pb, target);
    await pb.locator('[data-testid="quick-reaction"][data-emoji="👍"]').click();
    await menuOf(pa, target);
    await pa.locator('[data-testid="quick-reaction"][data-emoji="👍"]').click();
    await menuOf(pa, target);
    await pa.locator('[data-testid="quick-reaction"][data-emoji="😂"]').click();
    const chip = (page: Page, emoji: string) => message(page, target).locator(`[data-testid="reaction"][data-emoji="${emoji}"]`);
    await pb.waitForFunction(() => document.querySelectorAll('[data-testid="reaction"]').length === 2);
    assert.equal(await chip(pb, '👍').textContent(), '👍2');
    assert.equal(await chip(pb, '👍').getAttribute('data-mine'), 'true');
    assert.equal(await chip(pb, '😂').getAttribute('data-mine'), 'false');
    assert.equal(await chip(pa, '😂').getAttribute('data-mine'), 'true');
    await chip(pb, '👍').hover();
    const who = message(pb, target).getByTestId('reaction-who');
    await who.waitFor();
    assert.match(await who.innerText(), /김수정, 이도윤|이도윤, 김수정/);
    await pb.getByTestId('typing').waitFor({ state: 'detached' }); // A's typing in the edit step has faded
    await pb.waitForTimeout(250); // the names fade in
    await pb.screenshot({ path: path.join(shots, 'reactions.png') });

    // Any emoji from the picker ("more"), found by a Korean keyword.
    await menuOf(pa, target);
    await pa.getByTestId('more-reactions').click();
    await pa.getByTestId('emoji-picker').waitFor();
    await pa.getByTestId('emoji-search').fill('박수');
    await pa.getByTestId('emoji-cell').filter({ hasText: /^👏$/ }).first().click();
    await pa.getByTestId('emoji-picker').waitFor({ state: 'detached' });
    await chip(pb, '👏').waitFor();
    assert.equal(await chip(pb, '👏').getAttribute('data-mine'), 'false');
    await chip(pa, '👏').click();
    await chip(pb, '👏').waitFor({ state: 'detached' });

    await chip(pa, '😂').click();
    await chip(pb, '😂').waitFor({ state: 'detached' });
    await chip(pa, '👍').click();
    await pb.waitForFunction(() => document.querySelector('[data-testid="reaction"]')?.textContent === '👍1');
    const stored = (await (await fetch(`${server.url}/api/rooms/${roomId}/messages?limit=5`, { headers: { cookie: await cookieOf(pb) } })).json()) as {
      messages: { body: string; reactions: unknown }[];
    };
    assert.deepEqual(stored.messages.find((m) => m.body === target)?.reactions, [{ emoji: '👍', userIds: [people.b.id] }]);
  });

  it('deletes for everyone: a placeholder on both sides, and the quote of it says so', STEP, async () => {
    await message(pa, EDITED).scrollIntoViewIfNeeded();
    await menuOf(pa, EDITED);
    await pa.getByTestId('delete-message').click();
    await pa.getByTestId('confirm-delete-button').click();
    const seq = 1;
    for (const page of [pa, pb]) {
      const placeholder = page.locator(`[data-testid="message"][data-seq="${seq}"] [data-testid="message-deleted"]`);
      await placeholder.waitFor();
      assert.equal(await placeholder.innerText(), '삭제된 메시지입니다');
      await message(page, REPLY).getByTestId('reply-quote').filter({ hasText: '삭제된 메시지입니다' }).waitFor();
    }
    assert.equal(await bubbles(pb, EDITED).count(), 0);
    // B may not delete A's message: the menu does not offer it.
    await menuOf(pb, RECENT.at(-1)![1]);
    assert.equal(await pb.getByTestId('delete-message').count(), 0);
    assert.equal(await pb.getByTestId('edit-message').count(), 0);
    await pb.keyboard.press('Escape');
  });

  it('on a phone, a long press opens the menu as a sheet; a quick reaction and who reacted by a long press', STEP, async () => {
    const phone = await open({ width: 390, height: 844 }, true);
    await phone.goto(server.url);
    await logIn(phone, people.b.email, people.b.password);
    await enterRoom(phone);
    const target = RECENT.at(-3)![1]; // A's
    const body = bubbles(phone, target);
    const longPress = async (el: Locator) => {
      const at = (await el.boundingBox())!;
      const touch = { identifier: 1, clientX: at.x + 8, clientY: at.y + 8 };
      await el.dispatchEvent('touchstart', { touches: [touch], changedTouches: [touch] });
      await phone.waitForTimeout(600);
      await el.dispatchEvent('touchend', { touches: [], changedTouches: [touch] });
    };
    await longPress(body);
    const sheet = phone.getByTestId('message-menu-items');
    await sheet.waitFor();
    await phone.waitForTimeout(300); // the sheet slides up
    const rect = (await sheet.boundingBox())!;
    assert.ok(rect.width >= 380 && Math.abs(rect.y + rect.height - 844) <= 2, `a bottom sheet: ${JSON.stringify(rect)}`);
    assert.equal(await phone.getByTestId('quick-reaction').count(), 6);
    for (const id of ['reply-message', 'copy-message']) assert.equal(await phone.getByTestId(id).count(), 1, id);
    assert.equal(await phone.getByTestId('edit-message').count(), 0, "not B's message");
    await phone.screenshot({ path: path.join(shots, 'phone-message-menu.png') });
    await phone.locator('[data-testid="quick-reaction"][data-emoji="❤️"]').click();
    await sheet.waitFor({ state: 'detached' });
    const chip = message(phone, target).locator('[data-testid="reaction"][data-emoji="❤️"]');
    await chip.waitFor();
    await message(pa, target).locator('[data-testid="reaction"][data-emoji="❤️"]').waitFor();
    await longPress(chip);
    assert.match(await message(phone, target).getByTestId('reaction-who').innerText(), /이도윤/);
    assert.equal(await chip.getAttribute('data-mine'), 'true', 'the long press showed who, it did not toggle');
    assert.ok((await phone.evaluate<number>('document.documentElement.scrollWidth')) <= 390, 'no sideways scroll');
    assert.deepEqual(pageErrors, []);
  });
});

async function cookieOf(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}
