// Secret rooms end to end in real Chromium (http://127.0.0.1 is a secure context):
// (a) the canary: three members read every message and a file of a secret room; one is removed;
//     then the data folder (SQLite database, WAL, uploads, logs) holds none of the plaintexts in
//     UTF-8, UTF-16LE or UTF-16BE, and the removed member's browser holds no key of the new epoch;
//     my own message reads after a reload that came before the server's copy did;
// (b) key change: a member's public keys replaced in the database (a malicious server) → the others
//     see the warning and cannot send until they acknowledge.
// axe-core finds no serious or critical violation on the secret screens (the dialog, the room, the
// warning, the safety number, phone size in light and dark).
// Screenshots (docs/screenshots with SOTONG_SCREENSHOTS=1, else a temporary folder): secret-create,
// secret-safety-number, secret-key-change, phone-secret-room.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { approvedUser, HttpClient } from '../server/testing/http-client.ts';
import { violations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { bubbles, logIn, send, setupAdmin, type Person } from './helpers/ui.ts';

// Predicates run in the page (functions, not strings: a string is eval'd there, which the page's CSP refuses once it has to poll).
declare const document: any;

const STEP = { timeout: 60_000 };
const SHOTS = process.env.SOTONG_SCREENSHOTS
  ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots')
  : path.join(tmpdir(), 'sotong-secret-shots');

const admin: Person = { name: '김민지', employeeNo: 'A-1', department: '경영지원팀', position: '팀장', email: 'minji@secret.test', password: 'secret-password-1' };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function forms(text: string): Buffer[] {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  return [Buffer.from(text, 'utf8'), le, be];
}

describe('secret rooms in the browser', { timeout: 300_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const pages: Record<string, Page> = {};
  const people: Record<string, { client: HttpClient; id: number }> = {};
  let adminHttp: HttpClient;
  let roomId = 0;
  const plaintexts: string[] = [];

  const newPage = async (viewport = { width: 1200, height: 780 }, phone = false) => {
    // bypassCSP lets axe-core's script in (helpers/axe.ts); nothing here relies on the policy.
    const ctx = await browser.newContext({ viewport, locale: 'ko-KR', bypassCSP: true, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
    ctx.setDefaultTimeout(15_000);
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
  const deviceCount = async () => (await adminHttp.get(`/api/rooms/${roomId}/devices`)).json.devices.length as number;
  const waitFor = async (what: () => Promise<boolean>, label: string) => {
    const end = Date.now() + 20_000;
    while (!(await what())) {
      if (Date.now() > end) throw new Error(`timed out: ${label}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const dbFile = () => filesUnder(dataDir).find((f) => !f.endsWith('-wal') && !f.endsWith('-shm') && readFileSync(f).subarray(0, 15).toString() === 'SQLite format 3')!;

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    browser = await launchBrowser();
    pages['김민지'] = await newPage();
    await setupAdmin(pages['김민지'], server.url, admin);
    adminHttp = new HttpClient(server.url);
    await adminHttp.post('/api/auth/login', { login: admin.email, password: admin.password });
    people['김민지'] = { client: adminHttp, id: (await adminHttp.get('/api/me')).json.user.id as number };
    for (const name of ['이서준', '박하늘']) {
      const u = await approvedUser(server.url, adminHttp, name);
      people[name] = { client: u.client, id: u.user.id };
      pages[name] = await newPage();
      await pages[name].goto(server.url);
      await logIn(pages[name], u.fields.email, u.fields.password);
    }
  });

  after(() => tearDown({ contexts, browser, server, dataDir }));

  it('creating a secret group from the new-group dialog', STEP, async () => {
    const pa = pages['김민지']!;
    await pa.getByTestId('tab-chats').click();
    await pa.getByTestId('new-group').click();
    await pa.getByTestId('group-name').fill('인사 평가 TF');
    await pa.getByTestId('group-secret').check();
    for (const name of ['이서준', '박하늘']) await pa.getByTestId('new-group-dialog').getByText(name).first().click();
    await pa.screenshot({ path: path.join(SHOTS, 'secret-create.png') });
    const found = await violations(pa, 'new secret group');
    await pa.getByTestId('create-group').click();
    await pa.getByTestId('chat-lock').waitFor();
    found.push(...(await violations(pa, 'secret room')));
    assert.deepEqual(found, []);
    roomId = Number(await pa.getByTestId('chat-view').getAttribute('data-room-id'));
    const room = (await adminHttp.get(`/api/rooms/${roomId}`)).json.room;
    assert.equal(room.secret, true);
    for (const name of ['이서준', '박하늘']) await openRoom(pages[name]!);
    await waitFor(async () => (await deviceCount()) === 3, 'three devices registered');
    await pa.locator(`[data-testid="room-item"][data-room-id="${roomId}"] [data-testid="room-lock"]`).waitFor();
  });

  it('the canary: every message and a file are read by the members, and stored nowhere in the clear', STEP, async () => {
    const stamp = Date.now().toString(36);
    const lines: [string, string][] = [
      ['김민지', `카나리아 평가 일정 ${stamp} 알파`],
      ['이서준', `canary reply ${stamp} bravo`],
      ['박하늘', `세 번째 비밀 ${stamp} 찰리 🐤`],
    ];
    for (const [who, text] of lines) {
      plaintexts.push(text);
      await send(pages[who]!, text);
      for (const name of Object.keys(pages)) await bubbles(pages[name]!, text).waitFor();
    }
    const fileText = `기밀 첨부 본문 ${stamp} delta`;
    const fileName = `급여표-${stamp}.txt`;
    plaintexts.push(fileText, fileName);
    await pages['이서준']!.getByTestId('attach-input').setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(fileText) });
    for (const name of Object.keys(pages)) await pages[name]!.getByTestId('file-name').filter({ hasText: fileName }).waitFor();
    // The file opens decrypted in another member's browser.
    const card = pages['박하늘']!.getByTestId('file-card').filter({ hasText: fileName });
    await waitFor(async () => (await card.getAttribute('href'))?.startsWith('blob:') ?? false, 'the file decrypted in the browser');
    const href = await card.getAttribute('href');
    assert.ok(href?.startsWith('blob:'), `decrypted locally: ${href}`);
    // Saved as a person would (the page's CSP, connect-src 'self', keeps fetch() off blob: URLs).
    const [download] = await Promise.all([pages['박하늘']!.waitForEvent('download'), card.click()]);
    assert.equal(download.suggestedFilename(), fileName);
    assert.equal(readFileSync((await download.path())!, 'utf8'), fileText);

    // 박하늘 is removed; what is sent afterwards reaches the others only.
    const epochBefore = (await adminHttp.get(`/api/rooms/${roomId}`)).json.room.keyEpoch as number;
    const removed = await adminHttp.request('DELETE', `/api/rooms/${roomId}/members/${people['박하늘']!.id}`);
    assert.equal(removed.status, 200);
    const after = `삭제 뒤 비밀 ${stamp} echo`;
    plaintexts.push(after);
    await waitFor(async () => (await adminHttp.get(`/api/rooms/${roomId}`)).json.room.keyEpoch > epochBefore, 'epoch moved on');
    await send(pages['김민지']!, after);
    await bubbles(pages['이서준']!, after).waitFor();
    const epochNow = (await adminHttp.get(`/api/rooms/${roomId}`)).json.room.keyEpoch as number;

    // The removed member's browser holds no chain of the epoch the message was sent in.
    const held = (await pages['박하늘']!.evaluate(`(async () => {
      const db = await new Promise((res, rej) => {
        const r = indexedDB.open('sotong-secret-${people['박하늘']!.id}');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      return new Promise((res) => {
        const r = db.transaction('kv').objectStore('kv').getAllKeys();
        r.onsuccess = () => res(r.result.map(String));
      });
    })()`)) as string[];
    assert.ok(held.some((k) => k.startsWith(`recv:${roomId}:`)), 'had chains before removal');
    assert.ok(!held.some((k) => k.startsWith(`recv:${roomId}:${epochNow}:`)), `no chain of epoch ${epochNow}: ${held.join(', ')}`);
    assert.equal(await bubbles(pages['박하늘']!, after).count(), 0);
    // And the server hands it no envelopes of the new epoch (nor of any: it is not a member).
    const keys = await people['박하늘']!.client.get(`/api/rooms/${roomId}/keys?device=1`);
    assert.notEqual(keys.status, 200);

    // Nothing in the data folder holds any plaintext, in any of its encodings.
    await new Promise((r) => setTimeout(r, 500));
    const files = filesUnder(dataDir);
    assert.ok(files.some((f) => f.endsWith('-wal')), `a WAL among ${files.join(', ')}`);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const text of plaintexts) for (const form of forms(text)) assert.equal(bytes.indexOf(form), -1, `${path.basename(f)} holds “${text}”`);
    }
  });

  it('my own message still reads after a reload that came before the server sent it back', STEP, async () => {
    // 김민지's socket loses every frame from the server once the message is typed (no ack, no echo);
    // then the page is reloaded, as if that had happened at that moment.
    const pa = pages['김민지']!;
    let deaf = false;
    await pa.routeWebSocket(/\/ws/, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((m) => upstream.send(m));
      upstream.onMessage((m) => {
        if (!deaf) ws.send(m);
      });
    });
    // The app reopens the room it showed.
    const room = pa.locator(`[data-testid="chat-view"][data-room-id="${roomId}"]`);
    await pa.reload();
    await room.waitFor();
    const before = (await adminHttp.get(`/api/rooms/${roomId}`)).json.room.lastSeq as number;
    const text = `새로고침 전에 보낸 글 ${Date.now()}`;
    deaf = true;
    await send(pa, text);
    await waitFor(async () => (await adminHttp.get(`/api/rooms/${roomId}`)).json.room.lastSeq > before, 'stored by the server');
    deaf = false;
    await pa.reload();
    await room.waitFor();
    await bubbles(pa, text).waitFor();
    assert.equal(await pa.getByText(/이 기기가 추가되기 전에|before this device/).count(), 0);
  });

  it('a key swapped by the server shows the warning and blocks sending until acknowledged', STEP, async () => {
    const pa = pages['김민지']!;
    // The "server" gives 이서준 keys of its own (a fresh pair made in a browser).
    const fake = (await pa.evaluate(`(async () => {
      const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
      const a = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
      const s = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
      return { agree: b64(await crypto.subtle.exportKey('raw', a.publicKey)), sign: b64(await crypto.subtle.exportKey('raw', s.publicKey)) };
    })()`)) as { agree: string; sign: string };
    const db = new Database(dbFile());
    const changed = db.prepare('UPDATE devices SET agree_key = ?, sign_key = ? WHERE user_id = ?').run(fake.agree, fake.sign, people['이서준']!.id);
    db.close();
    assert.equal(changed.changes, 1);
    await pa.reload();
    await openRoom(pa);
    await pa.getByTestId('secret-key-changed').waitFor();
    await pa.screenshot({ path: path.join(SHOTS, 'secret-key-change.png') });
    const found = await violations(pa, 'key-change warning');
    const blocked = `보내지면 안 되는 글 ${Date.now()}`;
    await send(pa, blocked);
    await pa.getByTestId('pending-error').first().waitFor().catch(() => {});
    await new Promise((r) => setTimeout(r, 1500));
    const last = await adminHttp.get(`/api/rooms/${roomId}`);
    assert.equal(await bubbles(pages['이서준']!, blocked).count(), 0, 'not delivered');
    const before = last.json.room.lastSeq as number;
    await pa.getByTestId('secret-compare').click();
    await pa.getByTestId('safety-digits').waitFor();
    const digits = (await pa.getByTestId('safety-digits').getAttribute('aria-label'))!;
    assert.match(digits, /^(\d{5} ){11}\d{5}$/);
    await pa.getByTestId('safety-qr').waitFor();
    await pa.screenshot({ path: path.join(SHOTS, 'secret-safety-number.png') });
    found.push(...(await violations(pa, 'safety number')));
    assert.deepEqual(found, []);
    await pa.keyboard.press('Escape');
    assert.equal((await adminHttp.get(`/api/rooms/${roomId}`)).json.room.lastSeq, before, 'nothing was sent while blocked');
    await pa.getByTestId('secret-acknowledge').click();
    await pa.getByTestId('secret-key-changed').waitFor({ state: 'detached' });
    await send(pa, '확인 후 전송');
    await waitFor(async () => (await adminHttp.get(`/api/rooms/${roomId}`)).json.room.lastSeq > before, 'sent after acknowledging');
  });

  it('a secret room at phone size', STEP, async () => {
    const phone = await newPage({ width: 390, height: 780 }, true);
    await phone.goto(server.url);
    await logIn(phone, admin.email, admin.password);
    await openRoom(phone);
    await phone.getByTestId('chat-lock').waitFor();
    await phone.screenshot({ path: path.join(SHOTS, 'phone-secret-room.png') });
    const found = await violations(phone, 'secret room, phone');
    await phone.emulateMedia({ colorScheme: 'dark' });
    await phone.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    // Colours change with a short transition; axe must see where they end, not halfway.
    await phone.waitForFunction(() => document.getAnimations().every((a: { playState: string }) => a.playState !== 'running'));
    found.push(...(await violations(phone, 'secret room, phone, dark')));
    assert.deepEqual(found, []);
    assert.deepEqual(pageErrors, []);
  });
});
