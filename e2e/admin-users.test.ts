// The admin users area in Chromium: an admin approves 50 sign-ups at once from the 사용자 tab,
// then deletes a colleague after the export and downloads it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { HttpClient, approvedUser, signupFields } from '../server/testing/http-client.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { say } from '../server/testing/admin-kit.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { setupAdmin, type Person } from './helpers/ui.ts';

const STEP = { timeout: 60_000 };

const admin: Person = {
  name: '강현우',
  employeeNo: 'A-0001',
  department: '정보시스템팀',
  position: '팀장',
  email: 'admin@admin-users.test',
  password: 'admin-users-pass-1',
};

describe('admin users area', { timeout: 180_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: HttpClient;

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir, 0, { accountLimits: { signupPerAddress: { max: 1000, windowMs: 60_000 } } });
    browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'ko-KR', acceptDownloads: true });
    ctx.setDefaultTimeout(15_000);
    page = await ctx.newPage();
    await setupAdmin(page, server.url, admin);
    // The same admin, for arranging the scene over HTTP.
    api = new HttpClient(server.url);
    await api.post('/api/auth/login', { login: admin.email, password: admin.password });
  });

  after(() => tearDown({ browser, server, dataDir }));

  it('bulk-approves 50 sign-ups from the users tab', STEP, async () => {
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await new HttpClient(server.url).post('/api/auth/signup', signupFields(`신입${String(i + 1).padStart(2, '0')}`, { department: '생산팀' }));
      ids.push(res.json.user.id);
    }
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('admin-tab-users').click();
    await page.getByTestId('users-status').selectOption('pending');
    await page.getByTestId('users-total').filter({ hasText: '50' }).waitFor();
    assert.equal(await page.getByTestId('user-row').count(), 50);
    await page.getByTestId('select-page').check();
    await page.getByTestId('bulk-bar').filter({ hasText: '50명 선택됨' }).waitFor();
    await page.getByTestId('bulk-approve').click();
    await page.getByText('승인 대기 사용자가 없습니다').or(page.getByText('조건에 맞는 사용자가 없습니다.')).waitFor();
    assert.equal(await page.getByTestId('bulk-bar').count(), 0);
    const active = await api.get('/api/admin/users?status=active&limit=500');
    assert.equal(active.json.total, 51);
    assert.ok(ids.every((id) => active.json.users.some((u: { id: number }) => u.id === id)));
    // The 승인 대기 tab's badge is gone too.
    assert.equal(await page.getByTestId('admin-tab-signups').locator('.badge').count(), 0);
  });

  it('deletes a user after exporting their chat history, and downloads the export', STEP, async () => {
    const kim = await approvedUser(server.url, api, '김<b>탈퇴</b>');
    const adminId = (await api.get('/api/me')).json.user.id as number;
    const dm = (await kim.client.post('/api/rooms/dm', { userId: adminId })).json.room.id as number;
    const ws = await WsClient.connect(server.url, kim.client.cookie);
    await ws.next('ready');
    await say(ws, dm, '인수인계 문서는 공유 폴더에 있습니다 <script>alert(1)</script>');

    await page.getByTestId('users-status').selectOption('');
    await page.getByTestId('users-search').fill('탈퇴');
    await page.getByTestId('users-total').filter({ hasText: '총 1명' }).waitFor();
    const row = page.getByTestId('user-row').filter({ hasText: '김<b>탈퇴</b>' });
    assert.equal(await page.getByTestId('user-row').count(), 1);
    await row.getByTestId('manage-user').click();
    await page.getByTestId('user-manage').waitFor();
    await page.getByTestId('delete-user').click();
    const confirm = page.getByTestId('delete-user-dialog');
    await confirm.filter({ hasText: 'JSON과 HTML 파일로 내보냅니다' }).waitFor();
    await page.getByTestId('confirm-delete').click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await ws.closed, 4001, 'their open app is closed at once');
    // Gone from the live list; listed under 삭제됨.
    await page.getByText('조건에 맞는 사용자가 없습니다.').waitFor();
    await page.getByTestId('users-status').selectOption('deleted');
    await page.getByTestId('user-row').filter({ hasText: '삭제됨' }).filter({ hasText: '김<b>탈퇴</b>' }).waitFor();

    const exportRow = page.getByTestId('export-row').filter({ hasText: '김<b>탈퇴</b>' });
    await exportRow.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), exportRow.getByTestId('download-html').click()]);
    assert.match(download.suggestedFilename(), /^user-\d+-\d{8}T\d{9}Z\.html$/);
    const html = readFileSync((await download.path())!, 'utf8');
    assert.ok(html.includes('인수인계 문서는 공유 폴더에 있습니다 &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('김&lt;b&gt;탈퇴&lt;/b&gt;'));
    assert.ok(!/<script/i.test(html));
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), exportRow.getByTestId('download-json').click()]);
    const data = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8'));
    assert.equal(data.subject.name, '김<b>탈퇴</b>');
    assert.equal(data.rooms.length, 1);

    // The admin's own DM with them stays, under "(탈퇴한 사용자)".
    await page.getByTestId('tab-chats').click();
    await page.getByTestId('room-item').filter({ hasText: '(탈퇴한 사용자)' }).waitFor();
    assert.equal((await kim.client.get('/api/me')).status, 401);
  });
});
