// The composer's extras in real Chromium against the real server: the emoji picker (its data
// fetched only when first opened, Korean keyword search, keyboard, recently used, a phone's bottom
// sheet), links that open safely in a new tab, and an @mention that puts the "@" badge in the
// mentioned person's room list until they read it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { HttpClient, setupAdmin } from '../server/testing/http-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { bubbles, logIn, send } from './helpers/ui.ts';

// Page-side callbacks run in the browser; the Node project has no DOM typings, so the browser
// globals they touch are declared, loosely, for this module only.
declare const document: any, window: any, getComputedStyle: any;

const STEP = { timeout: 30_000 };
// The committed screenshots are refreshed with SOTONG_SCREENSHOTS=1; ordinary runs write them to a
// temporary folder so a test run leaves the working tree as it was.
const SHOTS = process.env.SOTONG_SCREENSHOTS
  ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots')
  : path.join(tmpdir(), 'sotong-composer-shots');
const PASSWORD = 'composer-pass-1';

interface Colleague {
  id: number;
  email: string;
}

/** Signs up and approves a colleague with a department and position of their own. */
async function colleague(url: string, admin: HttpClient, name: string, department: string, position: string, n: number): Promise<Colleague> {
  const client = new HttpClient(url);
  const email = `c${n}@composer.test`;
  const signup = await client.post('/api/auth/signup', { name, employeeNo: `C-${n}`, department, position, email, password: PASSWORD });
  assert.equal(signup.status, 201, signup.text);
  assert.equal((await admin.post(`/api/admin/users/${signup.json.user.id}/approve`)).status, 200);
  return { id: signup.json.user.id, email };
}

const room = (page: Page, id: number) => page.locator(`[data-testid="room-item"][data-room-id="${id}"]`);

describe('composer: emoji, links and mentions', { timeout: 150_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let pa: Page;
  let pb: Page;
  let minsu: Colleague;
  let seoyeon: Colleague;
  let dmId = 0;
  let groupId = 0;
  const emojiRequests: string[] = [];
  const pageErrors: string[] = [];

  const newPage = async (options: Parameters<Browser['newContext']>[0] = {}) => {
    const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'ko-KR', ...options });
    ctx.setDefaultTimeout(10_000);
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  };

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    const admin = await setupAdmin(server.url);
    minsu = await colleague(server.url, admin.client, '김민수', '개발팀', '책임', 1);
    seoyeon = await colleague(server.url, admin.client, '이서연', '마케팅팀', '과장', 2);
    const junho = await colleague(server.url, admin.client, '이준호', '영업팀', '대리', 3);
    const minsuHttp = new HttpClient(server.url);
    await minsuHttp.post('/api/auth/login', { login: minsu.email, password: PASSWORD });
    dmId = (await minsuHttp.post('/api/rooms/dm', { userId: seoyeon.id })).json.room.id;
    groupId = (await minsuHttp.post('/api/rooms', { name: '봄 캠페인', memberIds: [seoyeon.id, junho.id] })).json.room.id;

    browser = await launchBrowser();
    pa = await newPage();
    pa.on('request', (r) => /\/emoji\.[0-9a-f]{12}\.json$/.test(r.url()) && emojiRequests.push(r.url()));
    pb = await newPage();
    await pa.goto(server.url);
    await logIn(pa, minsu.email, PASSWORD);
    await pb.goto(server.url);
    await logIn(pb, seoyeon.email, PASSWORD);
  });

  after(() => tearDown({ contexts, browser, server, dataDir }));

  it('finds an emoji by a Korean keyword, picks it with the keyboard and sends it', STEP, async () => {
    await room(pa, dmId).click();
    await pa.getByTestId('chat-view').waitFor();
    assert.deepEqual(emojiRequests, [], 'the emoji data is not loaded with the page');

    const box = pa.getByTestId('composer');
    await box.fill('좋은 아침 ');
    await pa.getByTestId('emoji-button').click();
    const picker = pa.getByTestId('emoji-picker');
    await pa.getByTestId('emoji-cell').first().waitFor();
    assert.equal(emojiRequests.length, 1, 'fetched when the picker first opens');
    const font = await pa.getByTestId('emoji-cell').first().evaluate((el) => getComputedStyle(el).fontFamily);
    assert.match(font, /Segoe UI Emoji.*Apple Color Emoji.*Noto Color Emoji/, 'system colour emoji fonts');
    // The search field has the focus; a Korean keyword finds the grinning face.
    await pa.keyboard.type('웃음');
    const first = pa.getByTestId('emoji-cell').first();
    await pa.waitForFunction(() => document.querySelector('[data-testid="emoji-cell"]')?.textContent === '😀');
    assert.equal(await first.getAttribute('aria-label'), '활짝 웃는 얼굴');
    await pa.keyboard.press('ArrowDown');
    await pa.keyboard.press('ArrowRight');
    const second = await pa.getByTestId('emoji-cell').nth(1).textContent();
    await pa.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    assert.equal(await box.inputValue(), `좋은 아침 ${second}`, 'inserted at the caret');

    // Esc closes without picking; the recently used one comes first next time.
    await pa.getByTestId('emoji-button').click();
    await pa.getByTestId('emoji-cell').first().waitFor();
    assert.equal(await pa.locator('[data-tab="recent"]').getAttribute('aria-selected'), 'true');
    assert.equal(await pa.getByTestId('emoji-cell').first().textContent(), second);
    await pa.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    assert.equal(emojiRequests.length, 1, 'loaded once');

    // An English keyword, and a pick by mouse, in the middle of the text.
    await box.evaluate((el: any) => el.setSelectionRange(2, 2));
    await pa.getByTestId('emoji-button').click();
    await pa.getByTestId('emoji-search').fill('heart');
    await pa.getByTestId('emoji-search').fill('하트');
    await pa.waitForFunction(() => [...document.querySelectorAll('[data-testid="emoji-cell"]')].some((c) => c.textContent === '❤️'));
    await pa.waitForTimeout(150);
    await pa.screenshot({ path: path.join(SHOTS, 'emoji-picker.png') });
    await pa.getByTestId('emoji-cell').filter({ hasText: /^❤️$/ }).click();
    const sent = `좋은❤️ 아침 ${second}`;
    assert.equal(await box.inputValue(), sent);
    await box.press('Enter');
    await bubbles(pa, sent).waitFor();
    await room(pb, dmId).click();
    await bubbles(pb, sent).waitFor();
  });

  it('turns a link into one that opens in a new tab with no opener and no referrer; other schemes stay text', STEP, async () => {
    // The "site" is answered here: nothing leaves the machine.
    await pb.context().route('https://example.com/**', (r) => r.fulfill({ contentType: 'text/html', body: '<title>report</title>ok' }));
    const text = '자료는 (https://example.com/report?q=1). 문의: hr@corp.example 그리고 javascript:alert(1)';
    await send(pa, text);
    const bubble = bubbles(pb, text);
    await bubble.waitFor();
    assert.equal(await bubble.textContent(), text, 'the text is exactly what was sent');
    const links = bubble.getByTestId('message-link');
    assert.equal(await links.count(), 2);
    const web = links.first();
    assert.deepEqual(
      await web.evaluate((a: any) => [a.getAttribute('href'), a.target, a.rel, a.textContent]),
      ['https://example.com/report?q=1', '_blank', 'noopener noreferrer', 'https://example.com/report?q=1'],
    );
    assert.equal(await links.nth(1).getAttribute('href'), 'mailto:hr@corp.example');
    const [opened] = await Promise.all([pb.context().waitForEvent('page'), web.click()]);
    await opened.waitForLoadState();
    assert.equal(opened.url(), 'https://example.com/report?q=1');
    assert.deepEqual(await opened.evaluate(() => [window.opener, document.referrer]), [null, '']);
    await opened.close();
    assert.equal(await pb.locator('a[href^="javascript"]').count(), 0);
  });

  it('mentions a colleague from the member list: their room list shows "@" until they read it', STEP, async () => {
    // 이서연 stays in the DM, so the group's badge has to arrive live.
    assert.equal(await room(pb, groupId).getByTestId('room-mention').count(), 0);
    await room(pa, groupId).click();
    const box = pa.getByTestId('composer');
    await box.click();
    await box.pressSequentially('@이');
    const list = pa.getByTestId('mention-list');
    await list.waitFor();
    const options = list.getByTestId('mention-option');
    assert.deepEqual(await options.allTextContents(), ['서연이서연마케팅팀 · 과장', '준호이준호영업팀 · 대리']);
    await pa.waitForTimeout(150);
    await pa.screenshot({ path: path.join(SHOTS, 'mention-list.png') });
    await box.press('Enter');
    await list.waitFor({ state: 'detached' });
    await box.pressSequentially('님 시안 확인 부탁드려요');
    assert.equal(await box.inputValue(), '@이서연 님 시안 확인 부탁드려요');
    await box.press('Enter');
    await bubbles(pa, '@이서연 님 시안 확인 부탁드려요').waitFor();

    const badge = room(pb, groupId).getByTestId('room-mention');
    await badge.waitFor();
    assert.equal(await badge.textContent(), '@');
    await pb.waitForTimeout(150);
    await pb.screenshot({ path: path.join(SHOTS, 'mention.png') });

    await room(pb, groupId).click();
    const mention = pb.getByTestId('message').last().getByTestId('mention');
    await mention.waitFor();
    assert.deepEqual(await mention.evaluate((el) => [el.textContent, el.className]), ['@이서연', 'mention me']);
    await badge.waitFor({ state: 'detached' });
    await pb.waitForTimeout(150);
    await pb.screenshot({ path: path.join(SHOTS, 'mention-read.png') });
    // The server agrees: after a reload the badge stays gone.
    await pb.reload();
    await room(pb, groupId).waitFor();
    await pb.getByTestId('room-preview').first().waitFor();
    assert.equal(await room(pb, groupId).getByTestId('room-mention').count(), 0);
    // The sender sees the mention highlighted, but not as a mention of them.
    assert.equal(await pa.getByTestId('message').last().getByTestId('mention').getAttribute('class'), 'mention');
  });

  it('on a phone the picker is a bottom sheet across the screen, and a tap picks', STEP, async () => {
    const phone = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(server.url);
    await logIn(phone, minsu.email, PASSWORD);
    await room(phone, dmId).click();
    await phone.getByTestId('emoji-button').tap();
    const sheet = phone.getByTestId('emoji-picker');
    await phone.getByTestId('emoji-cell').first().waitFor();
    await sheet.evaluate((el: any) => Promise.all(el.getAnimations().map((a: any) => a.finished)));
    const at = (await sheet.boundingBox())!;
    assert.equal(Math.round(at.x), 0);
    assert.equal(Math.round(at.width), 390);
    assert.equal(Math.round(at.y + at.height), 844, 'at the bottom edge');
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no sideways scroll');
    await phone.locator('[data-tab="food-drink"]').tap();
    await phone.waitForTimeout(250);
    await phone.screenshot({ path: path.join(SHOTS, 'phone-emoji.png') });
    await phone.getByTestId('emoji-cell').filter({ hasText: /^☕$/ }).tap();
    await sheet.waitFor({ state: 'detached' });
    assert.equal(await phone.getByTestId('composer').inputValue(), '☕');
    assert.deepEqual(pageErrors, []);
  });
});
