// Screenshots of the admin area's 사용자 tab (desktop and phone) into docs/screenshots/, against
// the real server with a throw-away data folder. Run after `tsx web/build.ts`:
//   tsx e2e/screenshots-admin-users.ts
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { HttpClient } from '../server/testing/http-client.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { say } from '../server/testing/admin-kit.ts';
import { launchBrowser } from './helpers/browser.ts';
import { removeDataDir, startSotong, tempDataDir } from './helpers/server.ts';
import { setupAdmin, type Person } from './helpers/ui.ts';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots');
mkdirSync(outDir, { recursive: true });

const PASSWORD = 'sotong-demo-pass';
const admin: Person = { name: '강현우', employeeNo: 'A0001', department: '정보시스템팀', position: '팀장', email: 'admin@sotong.local', password: PASSWORD };
const people: Array<[string, string, string, string]> = [
  ['김민수', '20190312', '개발팀', '책임'],
  ['이서연', '20200415', '마케팅팀', '과장'],
  ['박지훈', '20220103', '영업팀', '사원'],
  ['최유나', '20171120', '인사팀', '차장'],
  ['정하늘', '20231107', '디자인팀', '대리'],
  ['한도윤', '20210830', '재무팀', '대리'],
  ['오세린', '20160222', '법무팀', '부장'],
  ['윤재호', '20240105', '생산팀', '사원'],
];
const waiting: Array<[string, string, string, string]> = [
  ['서지우', '20251101', '개발팀', '사원'],
  ['임하준', '20251102', '품질팀', '사원'],
  ['송다은', '20251103', '물류팀', '주임'],
];

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(outDir, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

const dataDir = tempDataDir();
const server = await startSotong(dataDir, 0, { accountLimits: { signupPerAddress: { max: 100, windowMs: 60_000 } } });
const browser = await launchBrowser();
try {
  const desktop = { viewport: { width: 1280, height: 800 }, locale: 'ko-KR', deviceScaleFactor: 1 };
  const page = await (await browser.newContext(desktop)).newPage();
  await setupAdmin(page, server.url, admin);
  const api = new HttpClient(server.url);
  await api.post('/api/auth/login', { login: admin.email, password: PASSWORD });
  const signUp = async ([name, no, department, position]: [string, string, string, string]) =>
    (await new HttpClient(server.url).post('/api/auth/signup', { name, employeeNo: no, department, position, email: `${no}@sotong.local`, password: PASSWORD })).json.user.id as number;
  const ids: number[] = [];
  for (const p of people) ids.push(await signUp(p));
  await api.post('/api/admin/users/bulk', { ids, action: 'approve' });
  for (const p of waiting) await signUp(p);
  await api.request('PUT', `/api/admin/users/${ids[3]}/role`, { role: 'admin' });
  await api.post(`/api/admin/users/${ids[5]}/disable`);
  const leaving = await signUp(['문지환', '20150505', '영업팀', '과장']);
  await api.post(`/api/admin/users/${leaving}/approve`);
  // A little history for the export: a DM with the admin and the team room.
  const leaver = new HttpClient(server.url);
  await leaver.post('/api/auth/login', { login: '20150505@sotong.local', password: PASSWORD });
  const adminId = (await api.get('/api/me')).json.user.id as number;
  const dm = (await leaver.post('/api/rooms/dm', { userId: adminId })).json.room.id as number;
  const team = (await api.post('/api/rooms', { name: '영업팀', memberIds: [leaving, ids[2]] })).json.room.id as number;
  const [leaverWs, adminWs] = await Promise.all([WsClient.connect(server.url, leaver.cookie), WsClient.connect(server.url, api.cookie)]);
  await Promise.all([leaverWs.next('ready'), adminWs.next('ready')]);
  await say(adminWs, team, '이번 주 거래처 방문 일정 공유 부탁드려요.');
  await say(leaverWs, team, '화: 한빛상사\n목: 미래물산\n금: 정리 보고');
  await say(leaverWs, dm, '팀장님, 인수인계 문서는 공유 폴더에 올려 두었습니다.');
  await say(adminWs, dm, '고마워요. 그동안 수고 많았어요!');
  adminWs.close();
  const removed = await api.request('DELETE', `/api/admin/users/${leaving}`);
  const exportFile = path.join(dataDir, 'deleted_user_logs', `${removed.json.export.name}.html`);

  await page.reload();
  await page.getByTestId('tab-admin').click();
  await page.getByTestId('admin-tab-users').click();
  await page.getByTestId('user-row').nth(10).waitFor();
  await page.getByTestId('select-user').nth(0).check();
  await page.getByTestId('select-user').nth(1).check();
  await page.getByTestId('export-row').waitFor();
  await shot(page, 'admin-users');
  await page.getByTestId('admin-panel').evaluate((el: { scrollTop: number; scrollHeight: number }) => {
    el.scrollTop = el.scrollHeight;
  });
  await shot(page, 'admin-users-exports');
  await page.getByTestId('admin-panel').evaluate((el: { scrollTop: number }) => {
    el.scrollTop = 0;
  });
  await page.getByTestId('user-row').filter({ hasText: '김민수' }).getByTestId('manage-user').click();
  await page.getByTestId('user-manage').waitFor();
  await shot(page, 'admin-users-manage');
  await page.keyboard.press('Escape');

  const exportPage = await (await browser.newContext(desktop)).newPage();
  await exportPage.goto(pathToFileURL(exportFile).href);
  await shot(exportPage, 'deleted-user-export');

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ko-KR', deviceScaleFactor: 1 })).newPage();
  await phone.goto(server.url);
  await phone.getByTestId('field-login').fill(admin.email);
  await phone.getByTestId('field-password').fill(PASSWORD);
  await phone.getByTestId('login-submit').click();
  await phone.getByTestId('tab-admin').click();
  await phone.getByTestId('admin-tab-users').click();
  await phone.getByTestId('user-row').nth(10).waitFor();
  await phone.getByTestId('select-user').nth(0).check();
  await shot(phone, 'phone-admin-users');
} finally {
  await browser.close();
  await server.close();
  removeDataDir(dataDir);
}
