// The change feed in the browser: Bob's page loses its link (the socket is cut and every reconnect
// refused, as on a dead Wi-Fi) while Alice writes, deletes, edits, adds him to a room and removes
// him from another. When the link comes back the page catches up by itself, without a reload and
// without fetching the open room's history again, and shows exactly what the server has.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import type { ClientFrame } from '../server/protocol/frames.ts';
import type { Message } from '../server/protocol/models.ts';
import { approvedUser, setupAdmin } from '../server/testing/http-client.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { history } from '../server/testing/feed-replica.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { bubbles, logIn } from './helpers/ui.ts';

const STEP = { timeout: 30_000 };
/** A folder to save screenshots in, when set (SOTONG_SHOTS=docs/screenshots makes the ones there). */
const SHOTS = process.env.SOTONG_SHOTS;

describe('a page that lost its link catches up from the change feed', { timeout: 120_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let alice: WsClient;
  let admin: Awaited<ReturnType<typeof setupAdmin>>;
  let a: Awaited<ReturnType<typeof approvedUser>>;
  let b: Awaited<ReturnType<typeof approvedUser>>;
  let dm = 0;
  let leaving = 0;
  const sent: Message[] = [];
  let n = 0;

  // The link: while `offline`, the open socket is cut and every new one refused.
  let offline = false;
  let current: WebSocketRoute | undefined;
  const fromPage: ClientFrame[] = [];
  /** While set, the page's `sync` frames wait here (to see the page catching up). */
  let held: Array<() => void> | undefined;
  const requests: string[] = [];

  const say = async (roomId: number, body: string) => {
    const tempId = `a${++n}`;
    alice.send({ type: 'send', tempId, roomId, body });
    const { message } = await alice.next('ack', (f) => f.tempId === tempId);
    sent.push(message);
    return message;
  };
  const banner = () => page.getByTestId('connection-banner');
  const goOffline = async () => {
    offline = true;
    await current?.close();
    await banner().and(page.locator('[data-status="reconnecting"]')).waitFor();
  };
  /** Lets the page reconnect (it retries with backoff, up to 10 s) and waits until it has caught up. */
  const comeBack = async (whileSyncing?: () => Promise<void>) => {
    requests.length = 0;
    fromPage.length = 0;
    offline = false;
    if (whileSyncing) {
      held = [];
      await banner().and(page.locator('[data-status="syncing"]')).waitFor({ timeout: 20_000 });
      await whileSyncing();
      const release = held;
      held = undefined;
      for (const send of release) send();
    }
    await banner().waitFor({ state: 'detached', timeout: 20_000 });
  };
  const shown = () =>
    page.getByTestId('message').evaluateAll((els) =>
      els.map((e) => ({ seq: Number(e.getAttribute('data-seq')), deleted: !!e.querySelector('[data-testid="message-deleted"]'), text: e.querySelector('[data-testid="message-body"]')?.textContent ?? '' })),
    );

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    admin = await setupAdmin(server.url);
    a = await approvedUser(server.url, admin.client, '김하늘');
    b = await approvedUser(server.url, admin.client, '박지민');
    dm = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
    leaving = (await a.client.post('/api/rooms', { name: '정리될 방', memberIds: [b.user.id] })).json.room.id;
    alice = await WsClient.connect(server.url, a.client.cookie);
    await alice.next('ready');
    for (const body of ['첫 번째 메시지', '지워질 메시지', '고쳐질 메시지']) await say(dm, body);
    await say(leaving, '곧 정리됩니다');

    browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 720 }, locale: 'ko-KR' });
    ctx.setDefaultTimeout(10_000);
    page = await ctx.newPage();
    await page.routeWebSocket(/\/ws(\?|$)/, (ws) => {
      if (offline) {
        void ws.close({ code: 1001, reason: 'offline' });
        return;
      }
      current = ws;
      const real = ws.connectToServer();
      ws.onMessage((data) => {
        const frame = typeof data === 'string' ? (JSON.parse(data) as ClientFrame) : undefined;
        if (frame) fromPage.push(frame);
        if (frame?.type === 'sync' && held) held.push(() => real.send(data));
        else real.send(data);
      });
    });
    page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.goto(server.url);
    await logIn(page, b.fields.email, b.fields.password);
    await page.locator(`[data-testid="room-item"][data-room-id="${dm}"]`).click();
    await bubbles(page, '고쳐질 메시지').waitFor();
    // Stays set as long as the page is not reloaded.
    await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
  });

  after(async () => {
    alice?.close();
    await tearDown({ browser, server, dataDir });
  });

  it('shows the open room exactly as the server has it after the link comes back, without fetching it again', STEP, async () => {
    await goOffline();
    const [, toDelete, toEdit] = sent;
    await say(dm, '없는 동안 1');
    assert.equal((await a.client.request('DELETE', `/api/messages/${toDelete!.id}`)).status, 200);
    alice.send({ type: 'edit', messageId: toEdit!.id, body: '고친 메시지' });
    await alice.next('edited');
    await say(dm, '없는 동안 2');
    const joined = (await a.client.post('/api/rooms', { name: '새로 초대된 방', memberIds: [] })).json.room.id as number;
    await say(joined, '어서 오세요');
    assert.equal((await a.client.post(`/api/rooms/${joined}/members`, { userIds: [b.user.id] })).status, 200);
    assert.equal((await a.client.request('DELETE', `/api/rooms/${leaving}/members/${b.user.id}`)).status, 200);

    await comeBack(async () => {
      // Connected, but the sync not answered yet: the banner says so, calmly.
      assert.match((await banner().textContent()) ?? '', /놓친 내용을 받는 중/);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/resync-syncing.png` });
    });
    await bubbles(page, '없는 동안 2').waitFor();
    const expected = (await history(b.client, dm)).map((m) => ({ seq: m.seq, deleted: m.deleted, text: m.deleted ? '' : m.body }));
    assert.deepEqual(await shown(), expected);
    assert.deepEqual(
      expected.map((m) => m.text),
      ['첫 번째 메시지', '', '고친 메시지', '없는 동안 1', '없는 동안 2'],
    );
    assert.equal(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument), true, 'no reload');

    // The room list: the new room is there, the one Bob was removed from is gone.
    await page.locator(`[data-testid="room-item"][data-room-id="${joined}"]`).waitFor();
    assert.equal(await page.locator(`[data-testid="room-item"][data-room-id="${leaving}"]`).count(), 0);

    // What travelled: one sync with the rev of each room Bob had, and no history of the open room.
    const syncs = fromPage.filter((f) => f.type === 'sync');
    assert.deepEqual(Object.keys(syncs[0]!.type === 'sync' ? syncs[0]!.cursors : {}).map(Number).sort((x, y) => x - y), [dm, leaving].sort((x, y) => x - y));
    assert.deepEqual(requests.filter((r) => r.startsWith(`GET /api/rooms/${dm}/messages`)), [], requests.join(', '));
    assert.deepEqual(requests.filter((r) => r === 'GET /api/rooms'), [], 'the room list came with the sync');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/resync-caught-up.png` });
  });

  it('a room Bob is removed from while it is open goes back to the list with a notice', STEP, async () => {
    const other = (await a.client.post('/api/rooms', { name: '곧 나가게 될 방', memberIds: [b.user.id] })).json.room.id as number;
    await say(other, '이 방은 정리됩니다');
    await page.locator(`[data-testid="room-item"][data-room-id="${other}"]`).click();
    await bubbles(page, '이 방은 정리됩니다').waitFor();
    await goOffline();
    assert.equal((await a.client.request('DELETE', `/api/rooms/${other}/members/${b.user.id}`)).status, 200);
    await comeBack();
    const toast = page.getByTestId('toast');
    await toast.waitFor();
    assert.equal(await toast.textContent(), '‘곧 나가게 될 방’ 방의 멤버가 아니어서 채팅 목록으로 돌아왔습니다.');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/resync-removed.png` });
    await page.getByTestId('chat-view').waitFor({ state: 'detached' });
    assert.equal(await page.locator(`[data-testid="room-item"][data-room-id="${other}"]`).count(), 0);
    assert.equal(new URL(page.url()).hash, '', 'no link back to the room');
  });
});
