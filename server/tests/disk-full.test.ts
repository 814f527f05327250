import { test } from 'node:test';
import { sqliteOnly } from '../testing/pg-database.ts';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ERRORS } from '../protocol/errors.ts';
import type { ServerFrame } from '../protocol/frames.ts';
import { waitFor } from '../testing/harness.ts';
import { approvedUser, setupAdmin, signupFields } from '../testing/http-client.ts';
import { multipartUpload, streamedBytes } from '../testing/multipart.ts';
import { freePort, spawnServer } from '../testing/spawn-server.ts';
import { fillDisk, mountTmpfs } from '../testing/tmpfs.ts';
import { WsClient } from '../testing/ws-client.ts';

const PDF_HEAD = Buffer.from('%PDF-1.4\n');
/** Whatever the server does, each probe must be answered this fast. */
const ANSWER_MS = 3_000;

test('a full disk: the server stays up, writes fail with DISK_FULL, and everything works again when space returns', { timeout: 60_000, skip: sqliteOnly('the data folder’s disk holds the SQLite file') }, async (t) => {
  const started = Date.now();
  const disk = mountTmpfs(40);
  const dataDir = disk.dir;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await spawnServer(dataDir, port);
  t.after(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    disk.unmount();
  });
  const health = () => fetch(`${url}/api/health`, { signal: AbortSignal.timeout(ANSWER_MS) }).then((r) => r.status);

  const { client: admin } = await setupAdmin(url);
  const a = await approvedUser(url, admin, '김보냄');
  const b = await approvedUser(url, admin, '이받음');
  const roomId: number = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
  const ws = await WsClient.connect(url, a.client.cookie);
  const acked: string[] = [];
  /** Sends one text and waits for its ack or its error. */
  const send = async (tempId: string): Promise<ServerFrame> => {
    ws.send({ type: 'send', tempId, roomId, body: `text ${tempId}` });
    const settled = (f: ServerFrame) => (f.type === 'ack' || f.type === 'error') && f.tempId === tempId;
    await waitFor(() => ws.frames.some(settled), ANSWER_MS, `an answer to ${tempId}`);
    const frame = ws.frames.find(settled)!;
    if (frame.type === 'ack') acked.push(frame.message.body);
    return frame;
  };
  const upload = () =>
    multipartUpload(`${url}/api/rooms/${roomId}/files`, a.client.cookie, [
      { name: 'file', filename: '보고서.pdf', contentType: 'application/pdf', data: streamedBytes(2 * 1024 * 1024, PDF_HEAD) },
    ]);
  for (let i = 1; i <= 5; i++) assert.equal((await send(`before-${i}`)).type, 'ack');

  // The disk fills up.
  const filler = path.join(dataDir, 'filler.bin');
  fillDisk(filler);

  assert.equal(await health(), 200);
  const refused = await send('during-1');
  assert.equal(refused.type, 'error');
  assert.deepEqual(refused.type === 'error' && [refused.code, refused.message.ko], ['DISK_FULL', ERRORS.DISK_FULL.ko]);
  // Each refusal logs a line: enough of them to overflow the log file's last page, so the log
  // writer meets ENOSPC too.
  for (let i = 2; i <= 40; i++) assert.equal((await send(`during-${i}`)).type, 'error');

  const failedUpload = await upload();
  assert.equal(failedUpload.status, 507, JSON.stringify(failedUpload.json));
  assert.equal(failedUpload.json.code, 'DISK_FULL');
  assert.deepEqual(readdirSync(path.join(dataDir, 'uploads', '.partial')), [], 'no partial file is left');

  // Reads and existing sessions keep working; a new session is a write, refused with the same code.
  assert.equal((await b.client.get('/api/me')).status, 200);
  const history = await b.client.get(`/api/rooms/${roomId}/messages`);
  assert.equal(history.status, 200);
  assert.equal(history.json.messages.length, 5);
  const again = signupFields('x');
  const signup = await b.client.post('/api/auth/signup', again);
  assert.deepEqual([signup.status, signup.json.code], [507, 'DISK_FULL']);

  // Still alive a moment later (the log writer has failed and retried meanwhile), and still answering.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.equal(child.exitCode, null, 'the server is still running');
  assert.equal(await health(), 200);

  // Space returns: no restart, sends and uploads work again.
  rmSync(filler);
  assert.equal((await send('after-1')).type, 'ack');
  const stored = await upload();
  assert.equal(stored.status, 200, JSON.stringify(stored.json));
  assert.equal((await send('after-2')).type, 'ack');
  // The log says what it missed, once it can write again.
  const logFile = path.join(dataDir, 'logs', 'sotong.log');
  await waitFor(() => /log lines were dropped while the log could not be written \(ENOSPC\)/.test(readFileSync(logFile, 'utf8')), 12_000, 'the dropped-lines note');

  // It stops cleanly when asked, and every acknowledged message is in the database.
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('hung'), 5_000))]), 0);
  const db = new Database(path.join(dataDir, 'sotong.db'), { readonly: true });
  const bodies = (db.prepare('SELECT body FROM messages WHERE room_id = ?').all(roomId) as { body: string }[]).map((r) => r.body);
  db.close();
  assert.equal(acked.length, 7);
  assert.deepEqual(acked.filter((body) => !bodies.includes(body)), []);
  assert.ok(!bodies.includes('text during-1'));
  assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
});
