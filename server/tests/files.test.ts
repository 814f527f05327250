import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { startTestServer, tempDataDir, waitFor } from '../testing/harness.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { multipartUpload, streamedBytes, type Part } from '../testing/multipart.ts';
import { rawRequest } from '../testing/tls-client.ts';

const pngBytes = () => sharp({ create: { width: 640, height: 480, channels: 3, background: '#3b5bdb' } }).png().toBuffer();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A real PNG whose header claims `width` × `height` (a decompression bomb's shape, in 70 bytes). */
async function claimedPng(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer());
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29); // IHDR: type and data
  return png;
}

/** Every stored file under uploads/ (thumbnails included), for "nothing stray left" checks. */
function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'uploads');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else out.push(path.join(dir, e.name));
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

async function room(t: Parameters<typeof startTestServer>[0], options: Parameters<typeof startTestServer>[1] = {}) {
  const server = await startTestServer(t, options);
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, '김보냄');
  const b = await approvedUser(server.url, admin, '이받음');
  const outsider = await approvedUser(server.url, admin, '박외부');
  const roomId: number = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
  const upload = (parts: Part[], who = a) => multipartUpload(`${server.url}/api/rooms/${roomId}/files`, who.client.cookie, parts);
  return { server, a, b, outsider, roomId, upload, dataDir: server.services.config.dataDir };
}

test('upload → message for the other member → byte-identical download with the Korean name; outsiders get 404', async (t) => {
  const { server, a, b, outsider, roomId, upload } = await room(t);
  const bWs = await WsClient.connect(server.url, b.client.cookie);
  const png = await pngBytes();
  const image = await upload([{ name: 'tempId', data: 'img-1' }, { name: 'file', filename: 'screenshot.png', contentType: 'image/png', data: png }]);
  assert.equal(image.status, 200, JSON.stringify(image.json));
  assert.equal(image.json.tempId, 'img-1');
  const file = image.json.message.file;
  assert.deepEqual([file.kind, file.width, file.height, file.size, file.mime], ['image', 640, 480, png.length, 'image/png']);
  const pushed = await bWs.next('message', (f) => f.message.file?.id === file.id);
  assert.equal(pushed.message.roomId, roomId);

  const down = await fetch(`${server.url}/api/files/${file.id}`, { headers: { cookie: b.client.cookie } });
  assert.equal(down.status, 200);
  assert.deepEqual(Buffer.from(await down.arrayBuffer()), png);
  assert.equal(down.headers.get('content-type'), 'image/png');
  assert.match(down.headers.get('content-disposition') ?? '', /^inline;/);
  assert.match(down.headers.get('cache-control') ?? '', /immutable/);
  assert.equal(down.headers.get('x-content-type-options'), 'nosniff');
  const thumb = await fetch(`${server.url}/api/files/${file.id}/thumb`, { headers: { cookie: b.client.cookie } });
  assert.equal(thumb.headers.get('content-type'), 'image/webp');
  const thumbMeta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
  assert.deepEqual([thumbMeta.format, thumbMeta.width, thumbMeta.height], ['webp', 480, 360]);

  const koreanName = '2026년 4분기 보고서 (최종).pdf';
  const pdf = await upload([{ name: 'file', filename: koreanName, contentType: 'application/pdf', data: PDF }]);
  assert.equal(pdf.status, 200, JSON.stringify(pdf.json));
  assert.equal(pdf.json.message.file.name, koreanName);
  const pdfDown = await fetch(`${server.url}/api/files/${pdf.json.message.file.id}`, { headers: { cookie: b.client.cookie } });
  assert.deepEqual(Buffer.from(await pdfDown.arrayBuffer()), PDF);
  const disposition = pdfDown.headers.get('content-disposition') ?? '';
  assert.match(disposition, /^attachment;/);
  assert.equal(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!), koreanName);
  assert.match(pdfDown.headers.get('content-security-policy') ?? '', /sandbox/);

  // Range requests work for large downloads.
  const range = await fetch(`${server.url}/api/files/${pdf.json.message.file.id}`, { headers: { cookie: a.client.cookie, range: 'bytes=0-3' } });
  assert.equal(range.status, 206);
  assert.equal(Buffer.from(await range.arrayBuffer()).toString(), '%PDF');

  for (const url of [`/api/files/${file.id}`, `/api/files/${file.id}/thumb`, `/api/files/${pdf.json.message.file.id}`]) {
    assert.equal((await fetch(server.url + url, { headers: { cookie: outsider.client.cookie } })).status, 404, url);
  }
  assert.equal((await fetch(`${server.url}/api/files/${file.id}`)).status, 401);

  // The drawer lists what the room shared, newest first, and filters images.
  const drawer = await b.client.get(`/api/rooms/${roomId}/files`);
  assert.deepEqual(drawer.json.files.map((f: { name: string }) => f.name), [koreanName, 'screenshot.png']);
  const images = await b.client.get(`/api/rooms/${roomId}/files?kind=image`);
  assert.deepEqual(images.json.files.map((f: { id: number }) => f.id), [file.id]);
  assert.equal((await outsider.client.get(`/api/rooms/${roomId}/files`)).status, 403);
  bWs.close();
});

test('refused uploads: each with a clear error, the server healthy and no stray file on disk', async (t) => {
  const limit = 64 * 1024;
  const { server, a, roomId, upload, outsider, dataDir } = await room(t, { maxUploadBytes: limit });
  const png = await pngBytes();
  const before = storedFiles(dataDir);
  const cases: Array<[string, Part, string]> = [
    ['size limit + 1 byte', { name: 'file', filename: 'big.txt', data: Buffer.alloc(limit + 1, 0x61) }, 'FILE_TOO_LARGE'],
    ['disallowed extension', { name: 'file', filename: 'setup.exe', data: 'MZ' }, 'FILE_TYPE_NOT_ALLOWED'],
    ['HTML renamed to .png', { name: 'file', filename: 'cat.png', data: '<!doctype html><script>alert(1)</script>' }, 'FILE_CONTENT_MISMATCH'],
    ['SVG renamed to .png', { name: 'file', filename: 'cat.png', data: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' }, 'FILE_CONTENT_MISMATCH'],
    ['HTML as .txt', { name: 'file', filename: 'note.txt', data: '<html><body onload=alert(1)>' }, 'FILE_CONTENT_MISMATCH'],
    ['PNG header, broken image', { name: 'file', filename: 'fake.png', data: Buffer.concat([png.subarray(0, 64), Buffer.alloc(600)]) }, 'FILE_CONTENT_MISMATCH'],
    ['../ in the name', { name: 'file', filename: '../../evil.txt', data: 'x' }, 'BAD_FILE_NAME'],
    ['..\\ in the name', { name: 'file', filename: '..\\..\\evil.txt', data: 'x' }, 'BAD_FILE_NAME'],
    ['NUL in the name', { name: 'file', encodedFilename: 'a\u0000.txt', data: 'x' }, 'BAD_FILE_NAME'],
    // The parser itself drops a part whose name holds CR/LF, so no file arrives at all.
    ['CRLF in the name', { name: 'file', encodedFilename: 'a\r\nSet-Cookie: x=1.txt', data: 'x' }, 'UPLOAD_NO_FILE'],
    ['quotes in the name', { name: 'file', encodedFilename: 'a".txt', data: 'x' }, 'BAD_FILE_NAME'],
    ['right-to-left override', { name: 'file', encodedFilename: 'invoice\u202Etxt.exe.txt', data: 'x' }, 'BAD_FILE_NAME'],
    ['Windows device name', { name: 'file', filename: 'CON.txt', data: 'x' }, 'BAD_FILE_NAME'],
  ];
  for (const [what, part, code] of cases) {
    const res = await upload([part]);
    assert.equal(res.json?.code, code, `${what}: ${res.status} ${JSON.stringify(res.json)}`);
    assert.ok(res.json.message.ko && res.json.message.en, what);
  }
  const notMember = await upload([{ name: 'file', filename: 'a.txt', data: 'hello' }], outsider);
  assert.equal(notMember.json.code, 'NOT_A_MEMBER');

  // An upload cut off half-way leaves nothing behind either.
  const cut = await multipartUpload(`${server.url}/api/rooms/${roomId}/files`, a.client.cookie, [
    { name: 'file', filename: 'half.txt', data: streamedBytes(40 * 1024) },
  ], { abortAfterBytes: 20 * 1024 });
  assert.equal(cut.status, 0);

  await waitFor(() => server.services.storage.partialCount() === 0, 3000, 'partial files to be removed');
  assert.deepEqual(storedFiles(dataDir), before);
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
  const ok = await upload([{ name: 'file', filename: '메모.txt', data: '안녕하세요' }]);
  assert.equal(ok.status, 200);
});

test('an unsatisfiable Range answers 416 with Content-Range: bytes */size; a resumed download gets the rest', async (t) => {
  const { server, b, upload } = await room(t);
  const { id } = (await upload([{ name: 'file', filename: 'report.pdf', data: PDF }])).json.message.file;
  const get = (headers: Record<string, string>) => fetch(`${server.url}/api/files/${id}`, { headers: { cookie: b.client.cookie, ...headers } });
  for (const range of ['bytes=999999-', `bytes=${PDF.length}-`]) {
    const res = await get({ range });
    assert.equal(res.status, 416, range);
    assert.equal(res.headers.get('content-range'), `bytes */${PDF.length}`, range);
    assert.equal(((await res.json()) as { code: string }).code, 'RANGE_NOT_SATISFIABLE');
  }
  // wget -c with part of the file already on disk.
  const rest = await get({ range: `bytes=${PDF.length - 6}-` });
  assert.equal(rest.status, 206);
  assert.equal(rest.headers.get('content-range'), `bytes ${PDF.length - 6}-${PDF.length - 1}/${PDF.length}`);
  assert.deepEqual(Buffer.from(await rest.arrayBuffer()), PDF.subarray(-6));
  // Other statuses the file sender chooses keep theirs too.
  const stale = await get({ 'if-match': '"another-version"' });
  assert.equal(stale.status, 412);
  assert.equal(((await stale.json()) as { code: string }).code, 'PRECONDITION_FAILED');
});

test('an image refused for its pixel count says so, for a chat upload and a profile photo', async (t) => {
  const { server, a, upload } = await room(t);
  const bomb = await claimedPng(20_000, 20_000);
  const res = await upload([{ name: 'file', filename: 'huge.png', data: bomb }]);
  assert.equal(res.status, 413, JSON.stringify(res.json));
  assert.equal(res.json.code, 'IMAGE_TOO_LARGE');
  assert.match(res.json.message.ko, /이미지가 너무 큽니다/);
  const avatar = await multipartUpload(`${server.url}/api/me/avatar`, a.client.cookie, [{ name: 'file', filename: 'huge.png', data: bomb }]);
  assert.equal(avatar.json?.code, 'IMAGE_TOO_LARGE');
  // Within the limit the same kind of file is still only a broken image.
  assert.equal((await upload([{ name: 'file', filename: 'small.png', data: await claimedPng(300, 200) }])).json.code, 'FILE_CONTENT_MISMATCH');
  assert.equal(server.services.storage.partialCount(), 0);
});

test('memory stays flat while near-limit files upload in parallel (streamed to disk)', async (t) => {
  const { server, a, roomId } = await room(t);
  const limit = server.services.config.maxUploadBytes;
  const size = limit - 4096;
  const txtHead = Buffer.from('plain text report\n');
  const uploadOne = () =>
    multipartUpload(`${server.url}/api/rooms/${roomId}/files`, a.client.cookie, [{ name: 'file', filename: 'report.txt', data: streamedBytes(size, txtHead) }]);
  await uploadOne(); // warm-up: first-use allocations are not growth
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  for (let round = 0; round < 3; round++) {
    const results = await Promise.all(Array.from({ length: 6 }, uploadOne));
    for (const r of results) assert.equal(r.status, 200, JSON.stringify(r.json));
  }
  clearInterval(sampler);
  const growthMb = (peak - baseline) / 1024 / 1024;
  // Six ~10 MB files at once would add ≥ 60 MB if the server buffered them; streaming adds little.
  assert.ok(growthMb < 40, `RSS grew ${growthMb.toFixed(1)} MB while uploading 6 × ${(size / 1e6).toFixed(1)} MB at once`);
  const stored = (await a.client.get(`/api/rooms/${roomId}/files`)).json.files;
  assert.equal(stored[0].size, size);
});

test('deleting a message removes its file and thumbnail from disk and tells the room', async (t) => {
  const { server, a, b, upload, dataDir } = await room(t);
  const bWs = await WsClient.connect(server.url, b.client.cookie);
  const res = await upload([{ name: 'file', filename: 'photo.png', data: await pngBytes() }]);
  const { id: messageId, file } = res.json.message;
  assert.equal(storedFiles(dataDir).length, 2, 'the original and its thumbnail');
  assert.equal((await b.client.request('DELETE', `/api/messages/${messageId}`)).json.code, 'NOT_YOUR_MESSAGE');
  assert.equal((await a.client.request('DELETE', `/api/messages/${messageId}`)).status, 200);
  const deleted = await bWs.next('deleted', (f) => f.messageId === messageId);
  assert.ok(deleted);
  assert.deepEqual(storedFiles(dataDir), []);
  assert.equal((await fetch(`${server.url}/api/files/${file.id}`, { headers: { cookie: a.client.cookie } })).status, 404);
  const history = await a.client.get(`/api/rooms/${res.json.message.roomId}/messages`);
  assert.deepEqual([history.json.messages[0].deleted, history.json.messages[0].file], [true, null]);
  bWs.close();
});

test('profile: name, status message and a photo that every logged-in colleague sees', async (t) => {
  const { server, a, b } = await room(t);
  const bWs = await WsClient.connect(server.url, b.client.cookie);
  const profile = await a.client.request('PUT', '/api/me/profile', { name: '김보냄(개발)', statusMessage: '회의 중' });
  assert.equal(profile.json.user.statusMessage, '회의 중');
  await bWs.next('user', (f) => f.user.id === a.user.id && f.user.name === '김보냄(개발)');

  const photo = await sharp({ create: { width: 900, height: 900, channels: 3, background: '#e8590c' } }).jpeg().toBuffer();
  const res = await multipartUpload(`${server.url}/api/me/avatar`, a.client.cookie, [{ name: 'file', filename: 'me.jpg', data: photo }]);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  const avatarFileId = res.json.user.avatarFileId;
  assert.ok(avatarFileId);
  const pushed = await bWs.next('user', (f) => f.user.avatarFileId === avatarFileId);
  assert.equal(pushed.user.id, a.user.id);
  const img = await fetch(`${server.url}/api/users/${a.user.id}/avatar?v=${avatarFileId}`, { headers: { cookie: b.client.cookie } });
  assert.equal(img.status, 200);
  const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 256, 256]);
  assert.equal((await rawRequest(`${server.url}/api/users/${a.user.id}/avatar`)).status, 401);
  const listed = await b.client.get('/api/users');
  assert.equal(listed.json.users.find((u: { id: number }) => u.id === a.user.id).avatarFileId, avatarFileId);
  // A new photo replaces the old one on disk.
  const again = await multipartUpload(`${server.url}/api/me/avatar`, a.client.cookie, [{ name: 'file', filename: 'me2.png', data: await pngBytes() }]);
  assert.notEqual(again.json.user.avatarFileId, avatarFileId);
  const avatars = readdirSync(path.join(server.services.config.dataDir, 'uploads'), { recursive: true }).filter((f) => String(f).endsWith('.webp'));
  assert.equal(avatars.length, 1);
  const notImage = await multipartUpload(`${server.url}/api/me/avatar`, a.client.cookie, [{ name: 'file', filename: 'me.pdf', data: PDF }]);
  assert.equal(notImage.json.code, 'FILE_TYPE_NOT_ALLOWED');
  bWs.close();
});

test('files no row refers to (a crash mid-upload, deleted rooms or users) are swept at start-up', async (t) => {
  const dataDir = tempDataDir();
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const first = await room(t, { dataDir });
  const kept = await first.upload([{ name: 'file', filename: 'kept.png', data: await pngBytes() }]);
  assert.equal(kept.status, 200);
  await first.server.close();
  const strayDir = path.join(dataDir, 'uploads', 'ff');
  mkdirSync(strayDir, { recursive: true });
  writeFileSync(path.join(strayDir, 'ff'.repeat(16)), 'orphan');
  const before = storedFiles(dataDir).length;
  const again = await startTestServer(t, { dataDir });
  const after = storedFiles(dataDir);
  assert.equal(after.length, before - 1);
  assert.ok(!after.some((f) => f.endsWith('ff'.repeat(16))));
  const down = await fetch(`${again.url}/api/files/${kept.json.message.file.id}`, { headers: { cookie: first.a.client.cookie } });
  assert.equal(down.status, 200, 'referenced files stay');
});
