// The whole path a company takes on day one, through the real UI and the real server: the first
// admin, two sign-ups and their approval, a DM both ways with read counters, hostile text shown as
// text, and a server restart that both browsers ride out by themselves.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { approveAll, bubbles, openDmWith, send, setupAdmin, signUp, type Person } from './helpers/ui.ts';

const STEP = { timeout: 30_000 };
const PASSWORD = 'e2e-password-123';

const admin: Person = {
  name: '관리자',
  employeeNo: 'A-1',
  department: '정보시스템팀',
  position: '팀장',
  email: 'admin@e2e.test',
  password: PASSWORD,
};
const alice: Person = {
  name: '김민수',
  employeeNo: 'E-100',
  department: '개발팀',
  position: '대리',
  email: 'minsu@e2e.test',
  password: PASSWORD,
};
// A name with markup in it must come out as these very characters.
const bob: Person = {
  name: '<b>최지우</b>',
  employeeNo: 'E-200',
  department: '<i>영업팀</i>',
  position: '사원',
  email: 'jiwoo@e2e.test',
  password: PASSWORD,
};

describe('two employees chat through the web client', { timeout: 170_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let adminPage: Page;
  let pa: Page;
  let pb: Page;
  let dmId = 0;
  const pageErrors: string[] = [];

  const newPage = async () => {
    const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'ko-KR' });
    ctx.setDefaultTimeout(10_000);
    contexts.push(ctx);
    return ctx.newPage();
  };

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    browser = await launchBrowser();
    adminPage = await newPage();
    pa = await newPage();
    pb = await newPage();
    // An uncaught error in the page is a bug even when every step still passes.
    for (const p of [adminPage, pa, pb]) p.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(() => tearDown({ contexts, browser, server, dataDir }));

  it('creates the first admin through the setup screen (from the server PC)', STEP, async () => {
    await setupAdmin(adminPage, server.url, admin);
    await adminPage.getByTestId('tab-admin').click();
    await adminPage.getByText('승인을 기다리는 신청이 없습니다.').waitFor();
  });

  it('lets two employees sign up; they wait for approval', STEP, async () => {
    await signUp(pa, server.url, alice);
    await signUp(pb, server.url, bob);
    // The admin's open page hears of them at once (a `signup` frame), with no reload or polling.
    await adminPage.getByTestId('pending-user').filter({ hasText: alice.name }).waitFor({ timeout: 5000 });
    await adminPage.getByTestId('pending-user').filter({ hasText: '최지우' }).waitFor({ timeout: 5000 });
    await adminPage.getByTestId('tab-admin').getByText('2').waitFor({ timeout: 5000 });
    // Logging in before approval leads back to the waiting screen, not an error.
    await pa.getByTestId('back-to-login').click();
    await pa.getByTestId('field-login').fill(alice.employeeNo);
    await pa.getByTestId('field-password').fill(PASSWORD);
    await pa.getByTestId('login-submit').click();
    await pa.getByTestId('waiting-screen').waitFor();
  });

  it('the admin approves both on the admin page', STEP, async () => {
    await approveAll(adminPage, [alice.name, bob.name]);
    await adminPage.getByText('승인을 기다리는 신청이 없습니다.').waitFor();
  });

  it('their waiting screens let them in by themselves; they open a DM and chat both ways', STEP, async () => {
    // No password typed again: the waiting session becomes a session once approved.
    for (const page of [pa, pb]) await page.getByTestId('main-app').waitFor();
    await openDmWith(pa, '최지우');
    assert.equal(await pa.getByTestId('chat-title').textContent(), bob.name);
    dmId = Number(await pa.getByTestId('chat-view').getAttribute('data-room-id'));
    assert.ok(dmId > 0);

    await send(pa, '안녕하세요, 지우님!');
    await bubbles(pa, '안녕하세요, 지우님!').waitFor();
    // Not read yet: the KakaoTalk "1".
    const first = pa.getByTestId('message').filter({ has: bubbles(pa, '안녕하세요, 지우님!') });
    await first.getByTestId('unread-count').filter({ hasText: '1' }).waitFor();

    // Bob sees the new room with an unread badge, then opens it.
    const room = pb.locator(`[data-testid="room-item"][data-room-id="${dmId}"]`);
    await room.getByTestId('room-unread').filter({ hasText: '1' }).waitFor();
    await room.click();
    await bubbles(pb, '안녕하세요, 지우님!').waitFor();
    await room.getByTestId('room-unread').waitFor({ state: 'detached' });

    // ...and Alice's counter drops once he has read it.
    await first.getByTestId('unread-count').waitFor({ state: 'detached' });

    await send(pb, '네, 민수님 반갑습니다.\n두 줄짜리 답장입니다.');
    await bubbles(pa, '네, 민수님 반갑습니다.\n두 줄짜리 답장입니다.').waitFor();
    // Alice has the room open and visible, so Bob's message is read at once.
    const reply = pb.getByTestId('message').filter({ has: bubbles(pb, '네, 민수님 반갑습니다.\n두 줄짜리 답장입니다.') });
    await reply.waitFor();
    await reply.getByTestId('unread-count').waitFor({ state: 'detached' });
  });

  it('shows markup in messages and names as text', STEP, async () => {
    const hostile = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    await send(pa, hostile);
    const shown = bubbles(pb, hostile);
    await shown.waitFor();
    assert.equal(await shown.textContent(), hostile);
    assert.equal(await shown.locator('img, script').count(), 0);
    assert.equal(await pb.evaluate('window.__xss'), undefined);
    assert.equal(await pa.evaluate('window.__xss'), undefined);
    // Bob's name and department, with their angle brackets, in Alice's people list.
    await pa.getByTestId('tab-people').click();
    const person = pa.getByTestId('person-item').filter({ hasText: '최지우' });
    assert.match((await person.textContent()) ?? '', /<b>최지우<\/b>.*<i>영업팀<\/i>/);
    assert.equal(await person.locator('b, i').count(), 0);
    await pa.getByTestId('tab-chats').click();
  });

  it('both clients reconnect by themselves after a server restart and catch up', { timeout: 60_000 }, async () => {
    const port = server.port;
    const before = { a: await pa.getByTestId('message').count(), b: await pb.getByTestId('message').count() };
    assert.equal(before.a, 3);
    assert.equal(before.b, 3);

    await server.close();
    await pa.getByTestId('connection-banner').waitFor();
    await pb.getByTestId('connection-banner').waitFor();

    // Written while the server is down: it waits in the outbox.
    await send(pa, '서버가 꺼진 동안 쓴 메시지');
    await pa.getByTestId('msg-pending').filter({ hasText: '서버가 꺼진 동안 쓴 메시지' }).waitFor();

    server = await startSotong(dataDir, port);

    // Another of Bob's devices speaks the moment the server is back: Alice most likely gets it
    // through her resync, whichever way it comes it must come once.
    const bobCookie = (await contexts[2]!.cookies(server.url)).map((c) => `${c.name}=${c.value}`).join('; ');
    const other = await WsClient.connect(server.url, bobCookie);
    other.send({ type: 'send', tempId: 'other-device-1', roomId: dmId, body: '다른 기기에서 보낸 메시지' });
    await other.next('ack');
    other.close();

    for (const p of [pa, pb]) await p.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 25_000 });

    await bubbles(pb, '서버가 꺼진 동안 쓴 메시지').waitFor({ timeout: 10_000 });
    await bubbles(pa, '다른 기기에서 보낸 메시지').waitFor({ timeout: 10_000 });
    await bubbles(pb, '다른 기기에서 보낸 메시지').waitFor({ timeout: 10_000 });
    await pa.getByTestId('msg-pending').waitFor({ state: 'detached' });

    await send(pb, '재시작 후에 보낸 메시지');
    await bubbles(pa, '재시작 후에 보낸 메시지').waitFor();

    // Nothing lost, nothing doubled, on either side.
    for (const p of [pa, pb]) {
      for (const text of ['안녕하세요, 지우님!', '서버가 꺼진 동안 쓴 메시지', '다른 기기에서 보낸 메시지', '재시작 후에 보낸 메시지']) {
        assert.equal(await bubbles(p, text).count(), 1, `"${text}" once`);
      }
      assert.equal(await p.getByTestId('message').count(), before.a + 3);
      assert.equal(await p.getByTestId('msg-failed').count(), 0);
    }
    const seqs = await pa.getByTestId('message').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    assert.deepEqual(seqs, [1, 2, 3, 4, 5, 6]);
  });

  it('keeps the session and the open room across a page refresh', STEP, async () => {
    await pa.reload();
    await pa.getByTestId('main-app').waitFor();
    await bubbles(pa, '재시작 후에 보낸 메시지').waitFor();
    assert.equal(Number(await pa.getByTestId('chat-view').getAttribute('data-room-id')), dmId);
    assert.equal(await pa.getByTestId('message').count(), 6);
  });

  it('a group: created with a member, he sees it at once, names on bubbles, members added later', STEP, async () => {
    await pa.getByTestId('new-group').click();
    await pa.getByTestId('group-name').fill('주간 회의');
    await pa.getByTestId('pick-member').filter({ hasText: '최지우' }).click();
    await pa.getByTestId('create-group').click();
    await pa.getByTestId('chat-title').filter({ hasText: '주간 회의' }).waitFor();
    await send(pa, '그룹 첫 메시지');
    await bubbles(pa, '그룹 첫 메시지').waitFor();

    // Bob learns of the room from a `room` frame, no refresh needed.
    await pb.getByTestId('room-item').filter({ hasText: '주간 회의' }).click();
    const bubble = pb.getByTestId('message').filter({ has: bubbles(pb, '그룹 첫 메시지') });
    await bubble.getByText(alice.name, { exact: true }).waitFor();

    await pa.getByTestId('add-members').click();
    await pa.getByTestId('pick-member').filter({ hasText: admin.name }).click();
    await pa.getByTestId('confirm-add-members').click();
    await pb.getByText('3명').waitFor();
    // A newcomer starts at the current end, so only what follows counts them as unread:
    // Bob has the room open and reads it at once, the admin (logged out elsewhere) does not.
    await send(pa, '멤버 추가 후 메시지');
    const later = pa.getByTestId('message').filter({ has: bubbles(pa, '멤버 추가 후 메시지') });
    await later.getByTestId('unread-count').filter({ hasText: /^1$/ }).waitFor();
    assert.equal(await pa.getByTestId('message').filter({ has: bubbles(pa, '그룹 첫 메시지') }).getByTestId('unread-count').count(), 0);
  });

  it('logging out ends the session in every tab of that browser', STEP, async () => {
    const second = await contexts[0]!.newPage();
    second.on('pageerror', (e) => pageErrors.push(e.message));
    await second.goto(server.url);
    await second.getByTestId('main-app').waitFor();
    await adminPage.getByTestId('logout').click();
    await adminPage.getByTestId('login-form').waitFor();
    // The server closes the other tab's socket with 4001; it goes to the login screen by itself.
    await second.getByTestId('login-form').waitFor();
    await adminPage.reload();
    await adminPage.getByTestId('login-form').waitFor();
  });

  it('raised no uncaught errors in any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
