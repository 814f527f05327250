// Takes a screenshot of every screen into docs/screenshots/, against the real server with a
// throw-away data folder. Run after `tsx web/build.ts`:  tsx e2e/screenshots.ts
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { HttpClient } from '../server/testing/http-client.ts';
import { multipartUpload } from '../server/testing/multipart.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { chart, keyVisual, moodBoard, portrait } from './helpers/demo-images.ts';
import { dropFiles, makeOle, makePdf, makeZip, pasteScreenshot } from './helpers/files.ts';

// Page-side callbacks run in the browser; the Node project has no DOM typings, so the browser
// globals they touch are declared, loosely, for this module only.
declare const document: any, DataTransfer: any, DragEvent: any;
import { removeDataDir, startSotong, tempDataDir } from './helpers/server.ts';
import { approveAll, fillProfile, logIn, openDmWith, send, setupAdmin, type Person } from './helpers/ui.ts';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots');
mkdirSync(outDir, { recursive: true });

const PASSWORD = 'sotong-demo-pass';
const person = (name: string, no: string, department: string, position: string, email: string): Person => ({
  name,
  employeeNo: no,
  department,
  position,
  email,
  password: PASSWORD,
});

const admin = person('강현우', 'A0001', '정보시스템팀', '팀장', 'admin@sotong.local');
const viewer = person('정하늘', '20231107', '디자인팀', '대리', 'haneul@sotong.local');
const others = [
  person('김민수', '20190312', '개발팀', '책임', 'minsu@sotong.local'),
  person('이서연', '20200415', '마케팅팀', '과장', 'seoyeon@sotong.local'),
  person('박지훈', '20220103', '영업팀', '사원', 'jihoon@sotong.local'),
  person('최유나', '20171120', '인사팀', '차장', 'yuna@sotong.local'),
];

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(250); // let fonts and transitions settle
  await page.screenshot({ path: path.join(outDir, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

const dataDir = tempDataDir();
const server = await startSotong(dataDir);
const browser = await launchBrowser();
const sockets: WsClient[] = [];
try {
  // Notifications already allowed, so no permission banner covers the pages shown.
  const desktop = { viewport: { width: 1280, height: 800 }, locale: 'ko-KR', permissions: ['notifications'] };
  const adminPage = await (await browser.newContext(desktop)).newPage();

  // First run from another PC: the same form asks for the code printed on the server console.
  const remote = await (await browser.newContext(desktop)).newPage();
  await remote.route('**/api/setup', (route) =>
    route.request().method() === 'GET'
      ? route.fulfill({ json: { needed: true, local: false } })
      : route.continue(),
  );
  await remote.goto(server.url);
  await remote.getByTestId('field-setupCode').waitFor();
  await shot(remote, 'setup-remote');
  await remote.close();

  // First run on the server PC: setup.
  await adminPage.goto(server.url);
  await adminPage.getByTestId('setup-form').waitFor();
  await fillProfile(adminPage, admin);
  await shot(adminPage, 'setup');
  await adminPage.getByTestId('setup-submit').click();
  await adminPage.getByTestId('main-app').waitFor();

  // Colleagues sign up over HTTP; the viewer goes through the screens.
  for (const p of others) {
    const res = await new HttpClient(server.url).post('/api/auth/signup', p);
    if (res.status !== 201) throw new Error(`signup ${p.name}: ${res.status} ${res.text}`);
  }
  const page = await (await browser.newContext(desktop)).newPage();
  await page.goto(server.url);
  await page.getByTestId('login-form').waitFor();
  await shot(page, 'login');
  await page.getByTestId('go-signup').click();
  await fillProfile(page, viewer);
  await shot(page, 'signup');
  await page.getByTestId('signup-submit').click();
  await page.getByTestId('waiting-screen').waitFor();
  await shot(page, 'waiting');

  await adminPage.getByTestId('tab-admin').click();
  await adminPage.getByTestId('pending-user').nth(4).waitFor();
  await shot(adminPage, 'admin');
  await adminPage.setViewportSize({ width: 390, height: 844 });
  await shot(adminPage, 'phone-admin');
  await adminPage.setViewportSize(desktop.viewport);
  await approveAll(adminPage, [viewer.name, ...others.map((p) => p.name)]);

  // The colleagues come online over plain WebSockets and talk.
  const clients = new Map<string, { http: HttpClient; ws: WsClient; id: number }>();
  for (const p of others) {
    const http = new HttpClient(server.url);
    const res = await http.post('/api/auth/login', { login: p.email, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login ${p.name}: ${res.status}`);
    const ws = await WsClient.connect(server.url, http.cookie);
    sockets.push(ws);
    clients.set(p.name, { http, ws, id: res.json.user.id });
  }
  const c = (name: string) => clients.get(name)!;
  // Some colleagues have a profile photo, some keep their initials, as in any office.
  const photos: Record<string, Buffer> = {
    이서연: await portrait('#ffe3e3', '#f8d4b8', '#3b2a20', '#e64980', true),
    김민수: await portrait('#e7f5ff', '#f1c7a5', '#212529', '#1c7ed6'),
    최유나: await portrait('#f3f0ff', '#f6d1b4', '#5c3d2e', '#7950f2', true),
  };
  for (const [name, photo] of Object.entries(photos)) {
    const res = await multipartUpload(`${server.url}/api/me/avatar`, c(name).http.cookie, [
      { name: 'file', filename: 'me.jpg', contentType: 'image/jpeg', data: photo },
    ]);
    if (res.status !== 200) throw new Error(`avatar ${name}: ${res.status}`);
  }
  const share = async (name: string, roomId: number, file: string, mime: string, data: Buffer) => {
    const res = await multipartUpload(`${server.url}/api/rooms/${roomId}/files`, c(name).http.cookie, [
      { name: 'file', encodedFilename: file, contentType: mime, data },
    ]);
    if (res.status !== 200) throw new Error(`upload ${file}: ${res.status} ${JSON.stringify(res.json)}`);
  };
  const say = async (name: string, roomId: number, body: string) => {
    const tempId = `s${Math.random()}`;
    c(name).ws.send({ type: 'send', tempId, roomId, body });
    await c(name).ws.next('ack', (f) => f.tempId === tempId);
  };

  // Approved while waiting: the waiting screen continues into the app by itself.
  await page.getByTestId('main-app').waitFor();
  const me = (await page.evaluate(() => fetch('/api/me').then((r) => r.json()))) as { user: { id: number } };
  const viewerId = me.user.id;

  const group = (
    await c('이서연').http.post('/api/rooms', {
      name: '봄 캠페인 TF',
      memberIds: [viewerId, c('김민수').id, c('박지훈').id],
    })
  ).json.room;
  await say('이서연', group.id, '다들 안녕하세요! 봄 캠페인 TF 방 만들었어요 🌸');
  await say('이서연', group.id, '다음 주 화요일까지 시안 3개 부탁드려요.\n레퍼런스는 공유 폴더에 올려 두었습니다.');
  await say('김민수', group.id, '랜딩 페이지는 제가 맡을게요. 금요일에 스테이징에 올리겠습니다.');
  await say('박지훈', group.id, '영업팀 피드백도 정리해서 드릴게요!');

  const dm = (await c('김민수').http.post('/api/rooms/dm', { userId: viewerId })).json.room;
  await say('김민수', dm.id, '하늘님, 아이콘 SVG 원본 받을 수 있을까요?');
  const yuna = (await c('최유나').http.post('/api/rooms/dm', { userId: viewerId })).json.room;
  await say('최유나', yuna.id, '연말정산 서류 제출 기한은 금요일까지입니다.');

  await page.getByTestId('tab-chats').click();
  await page.getByTestId('room-item').nth(2).waitFor();
  await page.getByTestId('room-item').filter({ hasText: '봄 캠페인 TF' }).click();
  await page.getByTestId('message').nth(3).waitFor();
  await send(page, '네, 화요일 오전까지 올려 둘게요. 톤앤매너는 지난번 회의 내용대로 갈게요 👍');
  await page.waitForTimeout(300);
  c('김민수').ws.send({ type: 'typing', roomId: group.id });
  await shot(page, 'chat');

  // Files in the same room: pictures inline, documents as cards.
  await say('이서연', group.id, '키비주얼 시안 A 공유드려요. 색감 피드백 부탁해요!');
  await share('이서연', group.id, '봄캠페인_키비주얼_시안A.png', 'image/png', await keyVisual());
  await share('이서연', group.id, '컬러 팔레트.jpg', 'image/jpeg', await moodBoard());
  await share('김민수', group.id, '랜딩페이지 기획안 v2.pdf', 'application/pdf', makePdf('Landing page plan v2', 1_284_000));
  await share('김민수', group.id, '사전오픈 방문자 추이.png', 'image/png', await chart());
  await say('김민수', group.id, '사전 오픈 첫 주 방문자예요. 주말에 확 올랐네요 📈');
  await share('박지훈', group.id, '영업팀 피드백 정리.hwp', 'application/x-hwp', makeOle(86_016));
  await share('박지훈', group.id, '캠페인 예산(안).xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', makeZip(41_230));
  await page.getByTestId('message').nth(12).waitFor();
  await pasteScreenshot(page, '[data-testid="composer"]', 1440, 900, '배너 A/B 테스트 결과');
  await page.getByTestId('upload-pending').waitFor({ state: 'detached' });
  await page.locator('[data-testid="message"][data-mine="true"] [data-testid="image-thumb"]').waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('img')].every((i: any) => i.complete));
  await shot(page, 'chat-files');

  // My own message's menu (hover on a desktop, long press on a phone): download, delete.
  const mine = page.locator('[data-testid="message"][data-mine="true"]').last();
  await mine.hover();
  await mine.getByTestId('message-menu').click();
  await page.getByTestId('delete-message').waitFor();
  await shot(page, 'message-menu');
  await page.keyboard.press('Escape');

  await page.getByTestId('image-thumb').first().click();
  await page.getByTestId('lightbox').waitFor();
  await page.waitForFunction(() => (document.querySelector('[data-testid="lightbox-image"]') as any)?.complete === true);
  await shot(page, 'lightbox');
  await page.keyboard.press('Escape');

  await page.getByTestId('files-drawer-button').click();
  await page.getByTestId('drawer-image').nth(3).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.drawer img')].every((i: any) => i.complete));
  await shot(page, 'files-drawer');
  await page.getByTestId('drawer-tab-file').click();
  await page.getByTestId('drawer-file').nth(2).waitFor();
  await shot(page, 'files-drawer-docs');
  await page.getByTestId('files-drawer-close').click();

  // Dragging files over the chat, and what happens to a file that cannot be sent.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], '회의록.docx'));
    document.querySelector('[data-testid="messages"]')!.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
  });
  await page.getByTestId('drop-overlay').waitFor();
  await shot(page, 'chat-drop');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], '회의록.docx'));
    document.querySelector('[data-testid="messages"]')!.dispatchEvent(new DragEvent('dragleave', { dataTransfer: dt, bubbles: true }));
  });
  await dropFiles(page, '[data-testid="messages"]', [
    { name: '설치파일.exe', mime: 'application/octet-stream', data: Buffer.from('MZ') },
    { name: '촬영원본.zip', mime: 'application/zip', data: { zeros: 12 * 1024 * 1024 } },
  ]);
  await page.getByTestId('upload-rejected').waitFor();
  await shot(page, 'upload-refused');
  await page.getByTestId('upload-rejected').getByRole('button').click();

  // My profile: a photo cropped in the browser, and the page itself.
  await page.getByTestId('me').click();
  await page.getByTestId('profile-screen').waitFor();
  await page.getByTestId('photo-input').setInputFiles({
    name: '프로필.jpg',
    mimeType: 'image/jpeg',
    buffer: await portrait('#fff4e6', '#f5cba7', '#2f2a28', '#f76707', true),
  });
  await page.getByTestId('avatar-cropper').waitFor();
  await page.getByTestId('crop-zoom').fill('1.35');
  await shot(page, 'profile-crop');
  await page.getByTestId('crop-save').click();
  await page.getByTestId('avatar-cropper').waitFor({ state: 'detached' });
  await page.getByTestId('me').locator('img').waitFor();
  await page.getByTestId('field-statusMessage').fill('봄 캠페인 디자인 작업 중 🎨');
  await page.getByTestId('save-profile').click();
  await page.getByTestId('save-profile').filter({ hasText: '저장' }).and(page.locator(':disabled')).waitFor();
  await page.waitForTimeout(4200); // the toast fades
  await shot(page, 'profile');
  await page.getByTestId('tab-chats').click();

  await page.getByTestId('tab-people').click();
  await shot(page, 'people');
  await page.getByTestId('tab-chats').click();
  await page.getByTestId('new-group').click();
  await page.getByTestId('group-name').fill('디자인 리뷰');
  await page.getByTestId('pick-member').nth(1).click();
  await page.getByTestId('pick-member').nth(3).click();
  await shot(page, 'new-group');
  await page.keyboard.press('Escape');

  // Search: 회의 across my rooms (회의록, 대회의실 found; 시의회 not), a result opened at its message.
  await say('최유나', yuna.id, '다음 주 월요일 전체 회의는 2층 대회의실에서 합니다.');
  await say('김민수', dm.id, '회의록은 공유 폴더에 올려 두었어요. 확인 부탁드려요!');
  await say('박지훈', group.id, '시의회 행사 협찬 건은 다음 달로 미뤄졌어요.');
  await page.getByTestId('tab-search').click();
  await page.getByTestId('search-input').fill('회의');
  await page.getByTestId('search-result').nth(2).waitFor();
  await page.getByTestId('search-result').filter({ hasText: '톤앤매너' }).click();
  await page.locator('.msg.highlighted').waitFor();
  await shot(page, 'search');
  await page.getByTestId('tab-chats').click();

  // Phone.
  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ko-KR', isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const phone = await phoneCtx.newPage();
  await phone.goto(server.url);
  await logIn(phone, viewer.email, PASSWORD);
  await phone.getByTestId('room-item').nth(2).waitFor();
  await shot(phone, 'phone-list');
  await phone.getByTestId('room-item').filter({ hasText: '김민수' }).click();
  await phone.getByTestId('message').first().waitFor();
  await send(phone, '네! 바로 보내 드릴게요.');
  await say('김민수', dm.id, '감사합니다 🙏');
  await phone.getByTestId('message').nth(2).waitFor();
  await shot(phone, 'phone-chat');
  await phone.getByTestId('back').click();
  await phone.getByTestId('room-item').filter({ hasText: '봄 캠페인 TF' }).click();
  await phone.getByTestId('image-thumb').nth(2).waitFor();
  await phone.waitForFunction(() => [...document.querySelectorAll('img')].every((i: any) => i.complete));
  await shot(phone, 'phone-files');
  await phone.getByTestId('image-thumb').nth(1).click();
  await phone.getByTestId('lightbox').waitFor();
  await phone.waitForFunction(() => (document.querySelector('[data-testid="lightbox-image"]') as any)?.complete === true);
  await shot(phone, 'phone-lightbox');
  await phone.keyboard.press('Escape');
  await phone.getByTestId('search-room').click();
  await phone.getByTestId('search-input').fill('회의');
  await phone.getByTestId('search-scope').waitFor();
  await phone.getByTestId('search-result').first().waitFor();
  await phone.getByTestId('search-all-rooms').click();
  await phone.getByTestId('search-result').nth(2).waitFor();
  await shot(phone, 'phone-search');

  // English, and the connection banner while the server is away.
  const en = await (await browser.newContext({ ...desktop, locale: 'en-US' })).newPage();
  await en.goto(server.url);
  await en.getByTestId('login-form').waitFor();
  await shot(en, 'login-en');
  await logIn(en, viewer.email, PASSWORD);
  await en.getByTestId('room-item').filter({ hasText: '봄 캠페인 TF' }).click();
  await en.getByTestId('message').nth(3).waitFor();
  for (const s of sockets) s.close();
  await server.close();
  await en.getByTestId('connection-banner').waitFor({ timeout: 10_000 });
  await shot(en, 'reconnecting-en');
} finally {
  await browser.close();
  for (const s of sockets) s.close();
  await server.close().catch(() => {});
  removeDataDir(dataDir);
}
