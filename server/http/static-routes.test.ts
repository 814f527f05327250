import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompress } from '../../web/precompress.ts';
import { startTestServer } from '../testing/harness.ts';

// The built web client as the server sends it: hashed files precompressed by the build
// (web/precompress.ts), chosen by Accept-Encoding, cached for a year; index.html revalidated.

const HASHED = 'app.ABCDEFGH.js';
const SOURCE = Array.from({ length: 200 }, (_, i) => `export const value${i} = ${i} * 2; // a line of a bundle\n`).join('');

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(url: string, headers: Record<string, string>, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function serveBuild(t: TestContext): Promise<string> {
  const webRoot = mkdtempSync(path.join(tmpdir(), 'sotong-static-'));
  t.after(() => rmSync(webRoot, { recursive: true, force: true }));
  writeFileSync(path.join(webRoot, 'index.html'), `<!doctype html><script type="module" src="/${HASHED}"></script>`);
  writeFileSync(path.join(webRoot, HASHED), SOURCE);
  const written = await precompress([path.join(webRoot, HASHED), path.join(webRoot, 'index.html')]);
  assert.deepEqual(
    written.map((w) => path.basename(w.file)),
    [HASHED],
    'only the file over 1 KB gets compressed siblings',
  );
  const server = await startTestServer(t, { webRoot });
  return server.url;
}

test('a hashed file is sent as brotli, gzip or as it is by Accept-Encoding, immutable for a year, varying by encoding', async (t) => {
  const url = `${await serveBuild(t)}/${HASHED}`;
  const decode = { br: brotliDecompressSync, gzip: gunzipSync, identity: (b: Buffer) => b } as const;
  for (const [accept, encoding] of [
    ['gzip, deflate, br, zstd', 'br'], // what Chromium sends
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['identity', 'identity'],
    ['', 'identity'],
  ] as const) {
    const reply = await get(url, accept ? { 'accept-encoding': accept } : {});
    assert.equal(reply.status, 200, accept);
    assert.equal(reply.headers['content-encoding'], encoding === 'identity' ? undefined : encoding, accept);
    assert.match(String(reply.headers['content-type']), /^text\/javascript|^application\/javascript/, accept);
    assert.equal(reply.headers['cache-control'], 'public, max-age=31536000, immutable', accept);
    assert.match(String(reply.headers.vary), /accept-encoding/i, accept);
    assert.equal(Number(reply.headers['content-length']), reply.body.length, accept);
    assert.equal(decode[encoding](reply.body).toString('utf8'), SOURCE, accept);
    if (encoding !== 'identity') assert.ok(reply.body.length < SOURCE.length / 3, `${encoding} is much smaller`);
  }
});

test('HEAD of a hashed file answers the headers of the encoding it would send, without a body', async (t) => {
  const url = `${await serveBuild(t)}/${HASHED}`;
  const full = await get(url, { 'accept-encoding': 'br' });
  const head = await get(url, { 'accept-encoding': 'br' }, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal(head.headers['content-encoding'], 'br');
  assert.equal(head.headers['content-length'], full.headers['content-length']);
  assert.equal(head.headers.etag, full.headers.etag);
  assert.equal(head.headers['cache-control'], 'public, max-age=31536000, immutable');
});

test('each encoding has its own ETag, and If-None-Match with it answers 304 with no body', async (t) => {
  const url = `${await serveBuild(t)}/${HASHED}`;
  const br = await get(url, { 'accept-encoding': 'br' });
  const gz = await get(url, { 'accept-encoding': 'gzip' });
  assert.ok(br.headers.etag && gz.headers.etag);
  assert.notEqual(br.headers.etag, gz.headers.etag);
  const again = await get(url, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal(again.headers['cache-control'], 'public, max-age=31536000, immutable');
  // The brotli ETag does not validate the gzip body.
  const other = await get(url, { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag });
  assert.equal(other.status, 200);
  assert.equal(other.headers['content-encoding'], 'gzip');
});

test('index.html is revalidated every time (no-cache) and answers 304 to its ETag', async (t) => {
  const base = await serveBuild(t);
  for (const page of ['/', '/index.html']) {
    const first = await get(`${base}${page}`, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(first.status, 200, page);
    assert.equal(first.headers['cache-control'], 'no-cache', page);
    assert.match(String(first.headers['content-type']), /^text\/html/, page);
    assert.match(first.body.toString('utf8'), new RegExp(HASHED.replace(/\./g, '\\.')), page);
    assert.ok(first.headers.etag, page);
    const again = await get(`${base}${page}`, { 'accept-encoding': 'gzip, deflate, br', 'if-none-match': first.headers.etag! });
    assert.equal(again.status, 304, page);
    assert.equal(again.body.length, 0, page);
  }
});

test('a hashed name that was never built is the catalogue 404, not a cached page', async (t) => {
  const base = await serveBuild(t);
  const reply = await get(`${base}/app.ZZZZZZZZ.js`, { 'accept-encoding': 'br' });
  assert.equal(reply.status, 404);
  assert.equal(JSON.parse(reply.body.toString('utf8')).code, 'NOT_FOUND');
  assert.equal(reply.headers['cache-control'], undefined);
});
