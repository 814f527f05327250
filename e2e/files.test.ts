// Files between two employees in real browsers: a pasted screenshot and a dropped PDF, the
// thumbnail (never the original) in the bubble, the lightbox, a download with its Korean name and
// its exact bytes, the room's files drawer, refusals before any upload, cancel and retry, a
// profile photo cropped in the browser that the colleague sees, and deleting a file message.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page, Request, Route } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { approvedUser, setupAdmin } from '../server/testing/http-client.ts';
import { multipartUpload } from '../server/testing/multipart.ts';
import { launchBrowser } from './helpers/browser.ts';
import { dropFiles, makeImage, makePdf, pasteScreenshot } from './helpers/files.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { logIn } from './helpers/ui.ts';

// The functions handed to page.evaluate run in the browser. The Node project has no DOM typings,
// so the few browser globals they touch are declared, loosely, for this module only.
declare const document: any, window: any, HTMLCanvasElement: any;


const STEP = { timeout: 30_000 };
const PDF_NAME = '2025 상반기 예산안 (최종).pdf';
const PDF = makePdf('Budget 2025 H1');

describe('files, photos and profiles in the browser', { timeout: 180_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let pa: Page; // 김민수, who sends
  let pb: Page; // 이서연, who receives
  let roomId = 0;
  let aliceId = 0;
  let aliceCookie = '';
  const pageErrors: string[] = [];
  /** Every original file (not thumbnail) the receiver's page asked for. */
  const originalsFetchedByB: string[] = [];
  const uploadsByA: string[] = [];

  const room = (p: Page) => p.locator(`[data-testid="room-item"][data-room-id="${roomId}"]`);
  const messages = (p: Page) => p.getByTestId('message');
  const fileIdOf = async (loc: ReturnType<Page['locator']>) => Number(await loc.getAttribute('data-file-id'));

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    const admin = await setupAdmin(server.url);
    const alice = await approvedUser(server.url, admin.client, '김민수');
    const bob = await approvedUser(server.url, admin.client, '이서연');
    aliceId = alice.user.id;
    aliceCookie = alice.client.cookie;
    roomId = (await alice.client.post('/api/rooms/dm', { userId: bob.user.id })).json.room.id;
    browser = await launchBrowser();
    for (const who of [alice, bob]) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'ko-KR', acceptDownloads: true });
      ctx.setDefaultTimeout(10_000);
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(server.url);
      await logIn(page, who.fields.email, who.fields.password);
      if (who === alice) pa = page;
      else pb = page;
    }
    pb.on('request', (r: Request) => {
      if (/\/api\/files\/\d+$/.test(new URL(r.url()).pathname)) originalsFetchedByB.push(r.url());
    });
    pa.on('request', (r: Request) => {
      if (r.method() === 'POST' && /\/api\/rooms\/\d+\/files$/.test(new URL(r.url()).pathname)) uploadsByA.push(r.url());
    });
    await room(pa).click();
    await room(pb).click();
    await pa.getByTestId('chat-view').waitFor();
    await pb.getByTestId('chat-view').waitFor();
  });

  after(() => tearDown({ contexts, browser, server, dataDir }));

  it('a pasted screenshot and a dropped PDF upload; the other side gets a thumbnail and a file card', STEP, async () => {
    await pasteScreenshot(pa, '[data-testid="composer"]', 1280, 800, '분기 실적 대시보드');
    const mineImage = messages(pa).locator('[data-testid="image-thumb"]');
    await mineImage.waitFor();
    // The clipboard's "image.png" was given a dated name.
    assert.match((await mineImage.getAttribute('title')) ?? '', /^캡처_\d{8}_\d{6}\.png$/);

    const overlay = await dropFiles(pa, '[data-testid="messages"]', [{ name: PDF_NAME, mime: 'application/pdf', data: PDF }]);
    assert.equal(overlay, true, 'dragging files over the chat shows where to drop them');
    await pa.getByTestId('drop-overlay').waitFor({ state: 'detached' });
    await messages(pa).getByTestId('file-card').waitFor();
    await pa.getByTestId('upload-pending').waitFor({ state: 'detached' });
    assert.equal(uploadsByA.length, 2);

    const thumb = pb.getByTestId('image-thumb');
    await thumb.waitFor();
    const img = thumb.locator('img');
    const id = await fileIdOf(thumb);
    assert.equal(new URL((await img.getAttribute('src'))!, server.url).pathname, `/api/files/${id}/thumb`);
    // Space reserved from the picture's own size (1280×800 → 260×163) before it loads.
    assert.equal(await img.getAttribute('width'), '260');
    assert.equal(await img.getAttribute('height'), '163');
    await pb.waitForFunction(() => {
      const el = document.querySelector('[data-testid="image-thumb"] img');
      return !!el && el.complete && el.naturalWidth > 0;
    });
    assert.ok((await img.evaluate((el: any) => el.naturalWidth)) <= 480, 'the thumbnail, not the 1280 px original');

    const card = pb.getByTestId('file-card');
    await card.waitFor();
    assert.equal(await card.getByTestId('file-name').textContent(), PDF_NAME);
    assert.match((await card.textContent()) ?? '', /\d(\.\d)? KB|\d+ B/);
    await room(pb).getByTestId('room-preview').filter({ hasText: `파일: ${PDF_NAME}` }).waitFor();
    assert.deepEqual(originalsFetchedByB, [], 'no original was loaded just to show a bubble');
  });

  it('a photo from the attach button; the lightbox shows originals, moves with the arrow keys and closes with Esc', STEP, async () => {
    const photo = await makeImage(600, 900, 'jpeg', { from: '#f59f00', to: '#e8590c', label: '현장 사진' });
    await pa.getByTestId('attach-input').setInputFiles({ name: '현장 사진.jpg', mimeType: 'image/jpeg', buffer: photo });
    await pb.getByTestId('image-thumb').nth(1).waitFor();
    const [first, second] = [pb.getByTestId('image-thumb').nth(0), pb.getByTestId('image-thumb').nth(1)];
    const firstId = await fileIdOf(first);
    const secondId = await fileIdOf(second);

    await first.click();
    const box = pb.getByTestId('lightbox');
    await box.waitFor();
    const big = pb.getByTestId('lightbox-image');
    const srcOf = async () => new URL((await big.getAttribute('src'))!, server.url).pathname;
    assert.equal(await srcOf(), `/api/files/${firstId}`);
    await pb.waitForFunction(() => (document.querySelector('[data-testid="lightbox-image"]')?.naturalWidth ?? 0) === 1280);
    assert.equal(await pb.getByTestId('lightbox-counter').textContent(), ' · 1 / 2');

    await pb.keyboard.press('ArrowRight');
    await pb.waitForFunction((id) => document.querySelector('[data-testid="lightbox-image"]')?.getAttribute('src') === `/api/files/${id}`, secondId);
    await pb.waitForFunction(() => (document.querySelector('[data-testid="lightbox-image"]')?.naturalHeight ?? 0) === 900);
    await pb.keyboard.press('ArrowLeft');
    await pb.waitForFunction((id) => document.querySelector('[data-testid="lightbox-image"]')?.getAttribute('src') === `/api/files/${id}`, firstId);

    // The download button gives the original under its name.
    const [download] = await Promise.all([pb.waitForEvent('download'), pb.getByTestId('lightbox-download').click()]);
    assert.match(download.suggestedFilename(), /^캡처_\d{8}_\d{6}\.png$/);

    await pb.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
  });

  it('downloads the PDF with its Korean name and exactly its bytes', STEP, async () => {
    const [download] = await Promise.all([pb.waitForEvent('download'), pb.getByTestId('file-card').click()]);
    assert.equal(download.suggestedFilename(), PDF_NAME);
    const bytes = await readFile((await download.path())!);
    assert.ok(bytes.equals(PDF), 'the same bytes as sent');
  });

  it('the files drawer lists the pictures as a grid and the documents as a list, newest first', STEP, async () => {
    await pb.getByTestId('files-drawer-button').click();
    const drawer = pb.getByTestId('files-drawer');
    await drawer.getByTestId('drawer-image').nth(1).waitFor();
    const ids = await drawer.getByTestId('drawer-image').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-file-id'))));
    assert.equal(ids.length, 2);
    assert.ok(ids[0]! > ids[1]!, 'newest first');
    // Thumbnails only in the grid too.
    for (const src of await drawer.locator('img').evaluateAll((els) => els.map((e) => e.getAttribute('src')))) assert.match(src!, /\/thumb$/);
    await drawer.getByTestId('drawer-image').first().click();
    await pb.getByTestId('lightbox').waitFor();
    await pb.getByTestId('lightbox-close').click();
    await pb.getByTestId('lightbox').waitFor({ state: 'detached' });

    await drawer.getByTestId('drawer-tab-file').click();
    await drawer.getByTestId('drawer-file').filter({ hasText: PDF_NAME }).waitFor();
    assert.equal(await drawer.getByTestId('drawer-file').count(), 1);
    await pb.getByTestId('files-drawer-close').click();
    await drawer.waitFor({ state: 'detached' });
  });

  it('refuses a file that is too big or of a disallowed type before uploading anything', STEP, async () => {
    const before = { uploads: uploadsByA.length, messages: await messages(pa).count() };
    await dropFiles(pa, '[data-testid="messages"]', [
      { name: 'setup.exe', mime: 'application/octet-stream', data: Buffer.from('MZ') },
      { name: '큰 자료.zip', mime: 'application/zip', data: { zeros: 10 * 1024 * 1024 + 1 } },
    ]);
    const notice = pa.getByTestId('upload-rejected');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    assert.match(text, /setup\.exe.*\.exe 파일은 보낼 수 없습니다/);
    assert.match(text, /큰 자료\.zip.*10 MB보다 커서 보낼 수 없습니다/);
    assert.match(text, /보낼 수 있는 형식: .*pdf/);
    await pa.waitForTimeout(300);
    assert.equal(uploadsByA.length, before.uploads, 'no upload request was made');
    assert.equal(await pa.getByTestId('upload-pending').count(), 0);
    assert.equal(await messages(pa).count(), before.messages);
  });

  it('an upload can be cancelled mid-way, and a failed one retried', STEP, async () => {
    const pattern = `**/api/rooms/${roomId}/files`;
    const held: Route[] = [];
    await pa.route(pattern, (route) => void held.push(route));
    const notes = Buffer.from('회의 메모\n1. 일정 확인\n', 'utf8');
    await pa.getByTestId('attach-input').setInputFiles({ name: '회의 메모.txt', mimeType: 'text/plain', buffer: notes });
    const pending = pa.getByTestId('upload-pending');
    await pending.getByTestId('upload-progress').waitFor();
    await pending.getByTestId('upload-cancel').click();
    await pending.waitFor({ state: 'detached' });
    for (const r of held) await r.abort().catch(() => {});
    await pa.unroute(pattern);

    let failOnce = true;
    await pa.route(pattern, (route) => {
      if (failOnce) {
        failOnce = false;
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await pa.getByTestId('attach-input').setInputFiles({ name: '회의 메모.txt', mimeType: 'text/plain', buffer: notes });
    const failed = pa.getByTestId('upload-failed');
    await failed.waitFor();
    await failed.getByText('서버에 연결할 수 없습니다').waitFor();
    await failed.getByTestId('upload-retry').click();
    await failed.waitFor({ state: 'detached' });
    await pb.getByTestId('file-card').filter({ hasText: '회의 메모.txt' }).waitFor();
    await pa.unroute(pattern);
    // Only the retried one arrived; the cancelled one never did.
    assert.equal(await pb.getByTestId('file-card').filter({ hasText: '회의 메모.txt' }).count(), 1);
  });

  it('a profile photo cropped in the browser, a new name and status: the colleague sees them', STEP, async () => {
    await pa.getByTestId('me').click();
    const screen = pa.getByTestId('profile-screen');
    await screen.waitFor();
    await pa.getByTestId('field-displayName').fill('김민수 책임');
    await pa.getByTestId('field-statusMessage').fill('오늘은 재택근무 중입니다');
    await pa.getByTestId('save-profile').click();
    await pb.getByTestId('chat-title').filter({ hasText: '김민수 책임' }).waitFor();

    const before = await room(pb).locator('img.avatar-img').count();
    assert.equal(before, 0, 'initials until there is a photo');
    const photo = await makeImage(1200, 800, 'png', { from: '#2b8a3e', to: '#94d82d', label: '프로필' });
    await pa.getByTestId('photo-input').setInputFiles({ name: '내 사진.png', mimeType: 'image/png', buffer: photo });
    const cropper = pa.getByTestId('avatar-cropper');
    await cropper.waitFor();
    await pa.getByTestId('crop-zoom').fill('1.6');
    const stage = await pa.getByTestId('crop-stage').boundingBox();
    assert.ok(stage);
    await pa.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
    await pa.mouse.down();
    await pa.mouse.move(stage.x + stage.width / 2 + 60, stage.y + stage.height / 2 + 10, { steps: 5 });
    await pa.mouse.up();

    // Watch what the page encodes: the square drawn on a canvas, not the 1200×800 original.
    await pa.evaluate(() => {
      const original = HTMLCanvasElement.prototype.toBlob;
      HTMLCanvasElement.prototype.toBlob = function (this: any, cb: any, type?: string, q?: number) {
        window.__encoded = [this.width, this.height, type];
        return original.call(this, cb, type, q);
      };
    });
    await Promise.all([
      pa.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/me/avatar') && r.status() === 200),
      pa.getByTestId('crop-save').click(),
    ]);
    await cropper.waitFor({ state: 'detached' });
    const [w, h, type] = (await pa.evaluate('window.__encoded')) as [number, number, string];
    assert.equal(w, h, 'square');
    assert.ok(w <= 512 && w >= 256, `size ${w}`);
    assert.equal(type, 'image/png');

    const mine = pa.getByTestId('me').locator('img.avatar-img');
    await mine.waitFor();
    assert.match((await mine.getAttribute('src'))!, new RegExp(`^/api/users/${aliceId}/avatar\\?v=\\d+$`));

    const theirs = room(pb).locator('img.avatar-img');
    await theirs.waitFor();
    const src = (await theirs.getAttribute('src'))!;
    assert.equal(src, await mine.getAttribute('src'));
    await pb.waitForFunction(
      (s) => [...document.querySelectorAll('img.avatar-img')].some((i) => i.getAttribute('src') === s && i.naturalWidth === 256),
      src,
    );
    // In the chat header and on the people list too.
    await pb.locator('.chat-head img.avatar-img').waitFor();
    await pb.getByTestId('tab-people').click();
    await pb.getByTestId('person-item').filter({ hasText: '김민수 책임' }).filter({ hasText: '오늘은 재택근무 중입니다' }).locator('img.avatar-img').waitFor();
    await pb.getByTestId('tab-chats').click();

    // A second photo is a new URL, so nobody keeps seeing the cached old one.
    const again = await makeImage(500, 500, 'jpeg', { from: '#862e9c', to: '#e64980' });
    await pa.getByTestId('photo-input').setInputFiles({ name: 'new.jpg', mimeType: 'image/jpeg', buffer: again });
    await pa.getByTestId('crop-save').click();
    await pb.waitForFunction(
      ([sel, old]) => {
        const el = document.querySelector(sel);
        return !!el && el.getAttribute('src') !== old;
      },
      [`[data-testid="room-item"][data-room-id="${roomId}"] img.avatar-img`, src] as const,
    );
    await pa.getByTestId('tab-chats').click();
  });

  it('the drawer pages: 30 at a time, then "load more" for the rest', STEP, async () => {
    for (let i = 1; i <= 31; i++) {
      const res = await multipartUpload(`${server.url}/api/rooms/${roomId}/files`, aliceCookie, [
        { name: 'file', encodedFilename: `일일 보고 ${String(i).padStart(2, '0')}.txt`, contentType: 'text/plain', data: `보고 ${i}\n` },
      ]);
      assert.equal(res.status, 200);
    }
    await pb.getByTestId('file-card').filter({ hasText: '일일 보고 31.txt' }).waitFor();
    await pb.getByTestId('files-drawer-button').click();
    const drawer = pb.getByTestId('files-drawer');
    await drawer.getByTestId('drawer-tab-file').click();
    await drawer.getByTestId('drawer-more').waitFor();
    assert.equal(await drawer.getByTestId('drawer-file').count(), 30);
    assert.match((await drawer.getByTestId('drawer-file').first().textContent()) ?? '', /일일 보고 31\.txt/);
    await drawer.getByTestId('drawer-more').click();
    // 31 reports, the meeting notes and the PDF; nothing twice, and no more pages.
    await drawer.getByTestId('drawer-file').filter({ hasText: PDF_NAME }).waitFor();
    assert.equal(await drawer.getByTestId('drawer-file').count(), 33);
    assert.equal(await drawer.getByTestId('drawer-more').count(), 0);
    await pb.getByTestId('files-drawer-close').click();
  });

  it('deleting my file message removes it for both, and its file is gone', STEP, async () => {
    const card = messages(pa).filter({ has: pa.getByTestId('file-card').filter({ hasText: PDF_NAME }) });
    const pdfId = await fileIdOf(card.getByTestId('file-card'));
    const seq = await card.getAttribute('data-seq');
    await card.hover();
    await card.getByTestId('message-menu').click();
    await pa.getByTestId('delete-message').click();
    await pa.getByTestId('confirm-delete').waitFor();
    await pa.getByTestId('confirm-delete-button').click();
    await pa.getByTestId('confirm-delete').waitFor({ state: 'detached' });

    await pb.locator(`[data-testid="message"][data-seq="${seq}"] [data-testid="message-deleted"]`).filter({ hasText: '삭제된 메시지입니다' }).waitFor();
    assert.equal(await pb.getByTestId('file-card').filter({ hasText: PDF_NAME }).count(), 0);
    await pa.locator(`[data-testid="message"][data-seq="${seq}"] [data-testid="message-deleted"]`).waitFor();
    const status = await pb.evaluate(async (id) => (await fetch(`/api/files/${id}`)).status, pdfId);
    assert.equal(status, 404);
    // Still there after a refresh (from the server, not only this page's memory).
    await pb.reload();
    await pb.locator(`[data-testid="message"][data-seq="${seq}"] [data-testid="message-deleted"]`).waitFor();
  });

  it('raised no uncaught errors in either page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
