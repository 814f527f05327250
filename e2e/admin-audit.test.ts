// The admin area's audit log and rooms in Chromium: the admin filters the audit log, deletes a room
// (its members see it go) and downloads the export; screenshots at desktop and phone size.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { approvedUser, HttpClient, signupFields } from '../server/testing/http-client.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { rawRequest } from '../server/testing/tls-client.ts';
import { MANAGER_KEY_HEADER } from '../server/protocol/manager.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { logIn } from './helpers/ui.ts';

const STEP = { timeout: 30_000 };
const SHOTS = process.env.SOTONG_SCREENSHOTS
  ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots')
  : path.join(tmpdir(), 'sotong-admin-audit-shots');
const ADMIN_PASSWORD = 'admin-audit-password';
const HOSTILE = '<script>alert("x")</script> 출시 준비';

describe('admin: audit log and rooms', { timeout: 120_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let desktop: BrowserContext;
  let page: Page;
  let adminEmail: string;
  let doomedRoom: number;
  let memberWs: WsClient;

  /** Waits until exactly `n` elements with the test id are on the page. */
  const countIs = async (p: Page, testid: string, n: number) => {
    const end = Date.now() + 10_000;
    while ((await p.getByTestId(testid).count()) !== n) {
      if (Date.now() > end) throw new Error(`expected ${n} × ${testid}, have ${await p.getByTestId(testid).count()}`);
      await p.waitForTimeout(50);
    }
  };

  const talk = async (client: HttpClient, roomId: number, lines: string[]) => {
    const ws = await WsClient.connect(server.url, client.cookie);
    for (const [i, body] of lines.entries()) {
      ws.send({ type: 'send', tempId: `t${roomId}-${i}`, roomId, body });
      await ws.next('ack', (f) => f.tempId === `t${roomId}-${i}`);
    }
    ws.close();
  };

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    const admin = new HttpClient(server.url);
    const fields = signupFields('최관리', { department: '정보보안팀', position: '팀장', password: ADMIN_PASSWORD });
    adminEmail = fields.email;
    assert.equal((await admin.post('/api/setup', fields)).status, 200);
    const names = [['김민준', '영업팀'], ['이서연', '마케팅팀'], ['박도윤', '개발팀'], ['정하은', '인사팀']] as const;
    const people = [];
    for (const [name, department] of names) people.push(await approvedUser(server.url, admin, name));
    for (const name of ['한거절', '오반려']) {
      const s = await new HttpClient(server.url).post('/api/auth/signup', signupFields(name));
      await admin.post(`/api/admin/users/${s.json.user.id}/reject`);
    }
    const [a, b, c, d] = people as [typeof people[0], typeof people[0], typeof people[0], typeof people[0]];
    const weekly = (await a.client.post('/api/rooms', { name: '주간 회의', memberIds: [b.user.id, c.user.id, d.user.id] })).json.room.id;
    const campaign = (await b.client.post('/api/rooms', { name: '봄 캠페인 마케팅', memberIds: [a.user.id, d.user.id] })).json.room.id;
    doomedRoom = (await c.client.post('/api/rooms', { name: HOSTILE, memberIds: [a.user.id] })).json.room.id;
    const dm = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
    await talk(a.client, weekly, ['이번 주 안건 공유드립니다', '금요일 3시 괜찮으세요?']);
    await talk(b.client, campaign, ['시안 올렸습니다']);
    await talk(c.client, doomedRoom, ['<img src=x onerror=alert(1)> 테스트', '배포는 다음 주']);
    await talk(a.client, dm, ['점심 같이 해요']);
    // Security events: wrong passwords, a cross-site request; a setting from the manager console.
    for (let i = 0; i < 3; i++) await new HttpClient(server.url).post('/api/auth/login', { login: b.fields.email, password: `wrong-${i}` });
    await a.client.request('POST', '/api/rooms', { name: 'x', memberIds: [] }, { origin: 'http://evil.example' });
    await rawRequest(`${server.url}/api/manager/settings`, {
      method: 'PUT',
      headers: { [MANAGER_KEY_HEADER]: server.services.managerKey, 'content-type': 'application/json' },
      body: JSON.stringify({ auditRetentionDays: 180 }),
    });
    memberWs = await WsClient.connect(server.url, a.client.cookie);

    browser = await launchBrowser();
    desktop = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'ko-KR', acceptDownloads: true });
    desktop.setDefaultTimeout(10_000);
    page = await desktop.newPage();
    await page.goto(server.url);
    await logIn(page, adminEmail, ADMIN_PASSWORD);
  });

  after(async () => {
    memberWs?.close();
    await tearDown({ browser, server, dataDir });
  });

  it('opens the audit log and filters it by action and by name', STEP, async () => {
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('admin-tab-audit').click();
    const rows = page.getByTestId('audit-entry');
    await rows.first().waitFor();
    const all = await rows.count();
    assert.ok(all >= 10, `${all} entries`);
    const approved = rows.filter({ hasText: '가입 승인' }).filter({ hasText: '정하은' });
    await approved.waitFor();
    assert.match(await approved.innerText(), /최관리[\s\S]*127\.0\.0\.1/);

    await page.getByTestId('audit-action').selectOption('login_failed');
    await countIs(page, 'audit-entry', 3);
    for (const row of await rows.all()) assert.equal(await row.getAttribute('data-action'), 'login_failed');
    assert.match(await rows.first().innerText(), /로그인 실패[\s\S]*이서연/);

    await page.getByTestId('audit-action').selectOption('security');
    await rows.filter({ hasText: '다른 사이트 요청 거부' }).waitFor();
    await page.getByTestId('audit-action').selectOption('');
    await page.getByTestId('audit-search').fill('오반려');
    await countIs(page, 'audit-entry', 1);
    assert.match(await rows.first().innerText(), /가입 거절[\s\S]*오반려/);
    await page.getByTestId('audit-reset').click();
    await countIs(page, 'audit-entry', all);
    await rows.filter({ hasText: '서버 설정 변경' }).filter({ hasText: '서버 PC' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'admin-audit.png') });
  });

  it('lists every room, finds one, deletes a room after exporting it and downloads the export', STEP, async () => {
    await page.getByTestId('admin-tab-rooms').click();
    const rooms = page.getByTestId('admin-room');
    await rooms.first().waitFor();
    assert.equal(await rooms.count(), 4);
    await page.getByTestId('admin-rooms-search').fill('마케팅');
    await countIs(page, 'admin-room', 1);
    assert.match(await rooms.first().innerText(), /봄 캠페인 마케팅[\s\S]*3명[\s\S]*1개/);
    await page.getByTestId('admin-rooms-search').fill('');
    await countIs(page, 'admin-room', 4);

    const doomed = page.locator(`[data-testid="admin-room"][data-room-id="${doomedRoom}"]`);
    assert.match(await doomed.innerText(), /<script>alert\("x"\)<\/script> 출시 준비/, 'the hostile name shows as text');
    await doomed.getByTestId('admin-room-delete').click();
    const dialog = page.getByTestId('delete-room-dialog');
    assert.match(await dialog.innerText(), /내보내[\s\S]*deleted_room_logs/);
    await page.getByTestId('delete-room-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await doomed.waitFor({ state: 'detached' });
    assert.deepEqual(await memberWs.next('removed'), { type: 'removed', roomId: doomedRoom });

    const exported = page.getByTestId('room-export');
    await exported.first().waitFor();
    assert.match(await exported.first().innerText(), /출시 준비/);
    const [download] = await Promise.all([page.waitForEvent('download'), exported.first().getByTestId('export-html').click()]);
    const html = readFileSync((await download.path())!, 'utf8');
    assert.doesNotMatch(html, /<script/i);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt; 테스트'));
    assert.match(download.suggestedFilename(), new RegExp(`^room-${doomedRoom}-\\d{8}T\\d{9}Z\\.html$`));
    // The page renders in Chromium: hostile names and text show as text, nothing runs.
    const view = await desktop.newPage();
    let dialogs = 0;
    view.on('dialog', (d) => (dialogs++, void d.dismiss()));
    await view.setContent(html);
    const shown = await view.locator('body').innerText();
    assert.ok(shown.includes('<img src=x onerror=alert(1)> 테스트') && shown.includes(HOSTILE), 'shown as written');
    assert.deepEqual([await view.locator('script').count(), await view.locator('img').count(), dialogs], [0, 0, 0]);
    assert.match(shown, /멤버 2명/);
    assert.ok(shown.includes('김민준') && shown.includes('박도윤'), 'the members');
    assert.match(shown, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await view.setViewportSize({ width: 900, height: 640 });
    await view.screenshot({ path: path.join(SHOTS, 'room-export.png') });
    await view.close();
    const [json] = await Promise.all([page.waitForEvent('download'), exported.first().getByTestId('export-json').click()]);
    const data = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    assert.deepEqual(data.rooms[0].messages.map((m: { body: string }) => m.body).filter(Boolean), ['<img src=x onerror=alert(1)> 테스트', '배포는 다음 주']);
    await page.screenshot({ path: path.join(SHOTS, 'admin-rooms.png') });

    // The deletion is in the audit log.
    await page.getByTestId('admin-tab-audit').click();
    await page.getByTestId('audit-entry').filter({ hasText: '대화방 삭제' }).waitFor();
  });

  it('the audit log on a phone: cards, no sideways scrolling', STEP, async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ko-KR' });
    phone.setDefaultTimeout(10_000);
    const p = await phone.newPage();
    await p.goto(server.url);
    await logIn(p, adminEmail, ADMIN_PASSWORD);
    await p.getByTestId('tab-admin').click();
    await p.getByTestId('admin-tab-audit').click();
    await p.getByTestId('audit-entry').first().waitFor();
    assert.ok((await p.evaluate<number>('document.documentElement.scrollWidth')) <= 390, 'no horizontal overflow');
    const width = await p.getByTestId('audit-entry').first().evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(width <= 390, `a card fits the screen (${width})`);
    await p.screenshot({ path: path.join(SHOTS, 'phone-admin-audit.png') });
    await p.getByTestId('admin-tab-rooms').click();
    await p.getByTestId('room-export').first().waitFor();
    assert.ok((await p.evaluate<number>('document.documentElement.scrollWidth')) <= 390, 'the rooms tab fits too');
    await p.screenshot({ path: path.join(SHOTS, 'phone-admin-rooms.png') });
    await phone.close();
  });
});
