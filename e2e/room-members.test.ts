// A group's members in real browsers: the info panel (members, presence, owner and admin badges),
// renaming, a pinned notice that appears for the others, removing a member (whose view leaves the
// room) and leaving (the others see the line). Screenshots: room-members, pinned-notice,
// phone-room-members (docs/screenshots with SOTONG_SCREENSHOTS=1, else a temporary folder).
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { approvedUser, HttpClient } from '../server/testing/http-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { bubbles, logIn, send, setupAdmin, type Person } from './helpers/ui.ts';

const STEP = { timeout: 30_000 };
const SHOTS = process.env.SOTONG_SCREENSHOTS
  ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots')
  : path.join(tmpdir(), 'sotong-room-shots');

const admin: Person = { name: '김민지', employeeNo: 'A-1', department: '경영지원팀', position: '팀장', email: 'minji@rooms.test', password: 'rooms-password-1' };

describe('room members, notice, remove and leave in the browser', { timeout: 180_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let pa: Page; // 김민지: the admin
  let pb: Page; // 이서준: makes the group, so its owner
  let pc: Page; // 박하늘: a plain member, removed later
  let roomId = 0;
  const people: Record<string, { client: HttpClient; id: number; password: string; email: string }> = {};

  const newPage = async (viewport = { width: 1200, height: 780 }, phone = false) => {
    const ctx = await browser.newContext({ viewport, locale: 'ko-KR', ...(phone ? { isMobile: true, hasTouch: true } : {}) });
    ctx.setDefaultTimeout(10_000);
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  };
  const openRoom = async (page: Page) => {
    await page.getByTestId('tab-chats').click();
    await page.locator(`[data-testid="room-item"][data-room-id="${roomId}"]`).click();
    await page.getByTestId('chat-view').waitFor();
  };
  const systemLine = (page: Page, text: string) => page.getByTestId('system-line').filter({ hasText: text });

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    browser = await launchBrowser();
    pa = await newPage();
    await setupAdmin(pa, server.url, admin);
    const adminHttp = new HttpClient(server.url);
    await adminHttp.post('/api/auth/login', { login: admin.email, password: admin.password });
    for (const name of ['이서준', '박하늘']) {
      const u = await approvedUser(server.url, adminHttp, name);
      people[name] = { client: u.client, id: u.user.id, password: u.fields.password, email: u.fields.email };
    }
    pb = await newPage();
    pc = await newPage();
    for (const [page, name] of [[pb, '이서준'], [pc, '박하늘']] as const) {
      await page.goto(server.url);
      await logIn(page, people[name]!.email, people[name]!.password);
    }
    const me = (await adminHttp.get('/api/me')).json.user.id as number;
    const created = await people['이서준']!.client.post('/api/rooms', { name: '신제품 TF', memberIds: [me, people['박하늘']!.id] });
    roomId = created.json.room.id;
  });

  after(() => tearDown({ contexts, browser, server, dataDir }));

  it('the info panel lists the members with presence, the owner and the admin', STEP, async () => {
    await openRoom(pb);
    await systemLine(pb, '이서준님이 ‘신제품 TF’ 대화방을 만들었습니다.').waitFor();
    await pb.getByTestId('room-info-button').click();
    const panel = pb.getByTestId('room-info');
    await panel.waitFor();
    assert.equal(await panel.getByTestId('room-info-name').textContent(), '신제품 TF');
    const rows = panel.getByTestId('member-row');
    assert.equal(await rows.count(), 3);
    assert.match((await rows.nth(0).textContent()) ?? '', /이서준.*나.*방장/, 'me first, the owner badge on me');
    const minji = rows.filter({ hasText: '김민지' });
    assert.equal(await minji.getByTestId('admin-badge').textContent(), '관리자');
    assert.equal(await minji.getAttribute('data-online'), 'true');
    assert.equal(await panel.getByTestId('remove-member').count(), 2, 'the owner may remove the two others');
    await pb.waitForTimeout(300); // the slide-in animation
    await pb.screenshot({ path: path.join(SHOTS, 'room-members.png') });
  });

  it('renaming reaches everyone, with a system line', STEP, async () => {
    await pb.getByTestId('rename-room').click();
    await pb.getByTestId('rename-input').fill('신제품 출시 TF');
    await pb.getByTestId('confirm-rename').click();
    await pb.getByTestId('rename-dialog').waitFor({ state: 'detached' });
    await openRoom(pa);
    await pa.getByTestId('chat-title').filter({ hasText: '신제품 출시 TF' }).waitFor();
    await systemLine(pa, '이서준님이 방 이름을 ‘신제품 출시 TF’(으)로 바꿨습니다.').waitFor();
    assert.equal(await pb.getByTestId('room-info-name').textContent(), '신제품 출시 TF');
  });

  it('a pinned message shows as the notice for the others; clicking it goes to the message', STEP, async () => {
    await openRoom(pc);
    await send(pc, '다음 주 화요일 10시에 출시 리허설 합니다. 3층 대회의실, 노트북 지참해 주세요.');
    const bubble = bubbles(pa, '다음 주 화요일 10시에 출시 리허설 합니다. 3층 대회의실, 노트북 지참해 주세요.');
    await bubble.waitFor();
    await send(pa, '확인했습니다!');
    await bubble.click({ button: 'right' });
    await pa.getByTestId('pin-message').click();
    for (const page of [pa, pb, pc]) await page.getByTestId('pinned-notice').waitFor();
    assert.match((await pb.getByTestId('notice-text').textContent()) ?? '', /^다음 주 화요일 10시에 출시 리허설/);
    assert.match((await pb.getByTestId('pinned-notice').textContent()) ?? '', /박하늘 · 김민지님이 등록/);
    await pb.getByTestId('room-info-close').click();
    await pb.getByTestId('notice-open').click();
    await pb.locator('.msg.highlighted').waitFor();
    await pb.mouse.move(800, 300);
    await pb.getByTestId('toast').waitFor({ state: 'detached' });
    await pb.screenshot({ path: path.join(SHOTS, 'pinned-notice.png') });
    // Folded, it stays out of the way; open again on a click.
    await pb.getByTestId('notice-collapse').click();
    await pb.locator('[data-testid="pinned-notice"][data-folded="true"]').waitFor();
    await pb.getByTestId('notice-expand').click();
    await pb.getByTestId('notice-open').waitFor();
  });

  it('on a phone the info panel is a full-screen sheet', STEP, async () => {
    const phone = await newPage({ width: 390, height: 844 }, true);
    await phone.goto(server.url);
    await logIn(phone, people['이서준']!.email, people['이서준']!.password);
    await openRoom(phone);
    await phone.getByTestId('room-info-button').click();
    const panel = phone.getByTestId('room-info');
    await panel.waitFor();
    await phone.waitForTimeout(300); // the sheet's fade-in
    const box = (await panel.boundingBox())!;
    assert.ok(box.width >= 389 && box.x <= 1, `covers the screen: ${JSON.stringify(box)}`);
    assert.ok((await phone.evaluate<number>('document.documentElement.scrollWidth')) <= 390, 'no sideways scroll');
    await phone.screenshot({ path: path.join(SHOTS, 'phone-room-members.png') });
    await phone.context().close();
  });

  it('the owner removes a member: their view leaves the room', STEP, async () => {
    await pb.getByTestId('room-info-button').click();
    const row = pb.getByTestId('member-row').filter({ hasText: '박하늘' });
    await row.hover();
    await row.getByTestId('remove-member').click();
    await pb.getByTestId('confirm-remove-button').click();
    await pb.getByTestId('confirm-remove').waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });
    await pc.getByTestId('chat-view').waitFor({ state: 'detached' });
    await pc.locator(`[data-testid="room-item"][data-room-id="${roomId}"]`).waitFor({ state: 'detached' });
    await pc.getByTestId('toast').filter({ hasText: '‘신제품 출시 TF’ 방의 멤버가 아니어서 채팅 목록으로 돌아왔습니다.' }).waitFor();
    await systemLine(pa, '이서준님이 박하늘님을 내보냈습니다.').waitFor();
  });

  it('leaving a group: back to the list, and the others see who left', STEP, async () => {
    await pa.getByTestId('room-info-button').click();
    // The drawer's code arrives when it first opens (a lazy part): count once it is there.
    await pa.getByTestId('room-info').waitFor();
    assert.equal(await pa.getByTestId('remove-member').count(), 1, 'an admin may remove too');
    await pa.getByTestId('leave-room').click();
    await pa.getByTestId('confirm-leave-button').click();
    await pa.getByTestId('chat-view').waitFor({ state: 'detached' });
    await pa.locator(`[data-testid="room-item"][data-room-id="${roomId}"]`).waitFor({ state: 'detached' });
    await systemLine(pb, '김민지님이 나갔습니다.').waitFor();
    assert.equal(await pb.getByTestId('member-row').count(), 1);
    // The notice is still the room's: it was pinned by someone who left, of a message by someone removed.
    await pb.getByTestId('pinned-notice').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
