// The pure parts of the offline-capable client: what the service worker precaches and which
// requests it answers, its cache names across builds, the icons drawn at build time, and the
// bounds of the snapshot kept in IndexedDB.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import type { AccountUser, PublicUser } from '../../server/protocol/index.ts';
import { ICON_FILES, drawIcon } from '../pwa/icons.ts';
import { webManifest } from '../pwa/manifest.ts';
import { pngSize } from '../pwa/png.ts';
import { precacheList } from '../pwa/precache.ts';
import { cacheName, isOldShellCache, routeOf } from '../sw/routing.ts';
import { CACHED_MESSAGES_PER_ROOM, CACHED_ROOMS, offlineSnapshot } from '../src/lib/offline-snapshot.ts';
import { aMessage, aRoom } from './fixtures.ts';

const ORIGIN = 'https://sotong.local:8443';
const PRECACHED = new Set(['/index.html', '/app.js', '/app.css', '/chunk-3f2a9c81d0e4.js', '/manifest.webmanifest', '/icon-192.png']);
const get = (path: string, mode = 'cors') => routeOf({ url: ORIGIN + path, method: 'GET', mode }, ORIGIN, PRECACHED);

describe('what is precached', () => {
  it('the shell (index.html, code, styles, manifest, icons), never the worker, maps, precompressed copies, data or the manager', () => {
    const files = ['index.html', 'app.js', 'app.css', 'app.js.gz', 'app.js.br', 'app.js.map', 'sw.js', 'chunk-ab12cd34ef56.js', 'emoji.89620b150c68.json', 'manifest.webmanifest', 'icon-192.png', 'manager/app.js', 'notes.txt'];
    assert.deepEqual(precacheList(files), ['/app.css', '/app.js', '/chunk-ab12cd34ef56.js', '/icon-192.png', '/index.html', '/manifest.webmanifest']);
  });
});

describe('which requests the service worker answers', () => {
  it('never the API, the socket, the CA download or the manager page, whatever the method or mode', () => {
    for (const path of ['/api/me', '/api/rooms/3/messages?before=9', '/ws', '/ca', '/ca/sotong-ca.crt', '/manager', '/manager/app.js']) {
      assert.equal(get(path).kind, 'pass', path);
      assert.equal(get(path, 'navigate').kind, 'pass', path);
    }
    assert.equal(routeOf({ url: `${ORIGIN}/app.js`, method: 'POST', mode: 'cors' }, ORIGIN, PRECACHED).kind, 'pass');
  });
  it('nothing of another origin, and nothing it did not precache', () => {
    assert.equal(routeOf({ url: 'https://elsewhere.example/app.js', method: 'GET', mode: 'cors' }, ORIGIN, PRECACHED).kind, 'pass');
    assert.equal(get('/files/12/photo.jpg').kind, 'pass');
    assert.equal(get('/emoji.89620b150c68.json').kind, 'pass');
    assert.equal(get('/app.js?v=2').kind, 'pass');
  });
  it('a page load of the app gets the shell; a precached file by its name', () => {
    assert.deepEqual(get('/', 'navigate'), { kind: 'shell' });
    assert.deepEqual(get('/index.html', 'navigate'), { kind: 'shell' });
    assert.deepEqual(get('/app.js'), { kind: 'network-first', path: '/app.js' });
    assert.deepEqual(get('/chunk-3f2a9c81d0e4.js'), { kind: 'cache-first', path: '/chunk-3f2a9c81d0e4.js' });
    assert.deepEqual(get('/icon-192.png'), { kind: 'network-first', path: '/icon-192.png' });
  });
});

describe('caches across builds', () => {
  it('a new build removes the shell caches of every other build and nothing else', () => {
    assert.equal(cacheName('aaa111'), 'sotong-shell-aaa111');
    assert.equal(isOldShellCache('sotong-shell-aaa111', 'bbb222'), true);
    assert.equal(isOldShellCache('sotong-shell-bbb222', 'bbb222'), false);
    assert.equal(isOldShellCache('someone-elses-cache', 'bbb222'), false);
  });
});

/** The RGBA of one pixel of a PNG drawn by drawIcon (filter 0 on every row). */
function pixel(png: Buffer, x: number, y: number): number[] {
  const { width } = pngSize(png);
  let at = 8;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const o = y * (width * 4 + 1) + 1 + x * 4;
  return [...raw.subarray(o, o + 4)];
}

describe('the icons', () => {
  it('are PNGs of the sizes the manifest says: rounded on transparency, maskable filled to the edge, the bubble white', () => {
    const manifest = webManifest() as { icons: Array<{ src: string; sizes: string; purpose: string }> };
    assert.equal(manifest.icons.length, ICON_FILES.length);
    for (const icon of ICON_FILES) {
      const png = drawIcon(icon.size, icon.purpose);
      assert.deepEqual(pngSize(png), { width: icon.size, height: icon.size });
      assert.ok(manifest.icons.some((m) => m.src === `/${icon.file}` && m.sizes === `${icon.size}x${icon.size}` && m.purpose === icon.purpose));
      const corner = pixel(png, 0, 0);
      assert.equal(corner[3], icon.purpose === 'maskable' ? 255 : 0, `${icon.file} corner alpha`);
      const c = Math.round(icon.size * (16 / 48)); // inside the bubble, left of the dots
      assert.deepEqual(pixel(png, c, c), [255, 255, 255, 255], `${icon.file} bubble`);
      const edge = Math.round(icon.size / 2);
      assert.deepEqual(pixel(png, 2, edge), [0x3b, 0x5b, 0xdb, 255], `${icon.file} background`);
    }
  });
});

describe('the offline snapshot', () => {
  const user = { id: 1, name: '박지민' } as unknown as AccountUser;
  const rooms = Array.from({ length: 14 }, (_, i) => aRoom({ id: 100 + i, kind: 'group', members: [{ userId: 1, lastReadSeq: 0 }, { userId: 2 + i, lastReadSeq: 0 }] }));
  const messagesOf = (roomId: number, n: number) => Array.from({ length: n }, (_, i) => aMessage({ id: roomId * 1000 + i, roomId, seq: i + 1, senderId: 2 }));
  const users = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i + 1, { id: i + 1, name: `u${i + 1}` } as unknown as PublicUser]));

  it('keeps the 10 most recent rooms, the newest 50 messages of each, with the cursor they are current to', () => {
    const timelines = Object.fromEntries(rooms.map((r) => [r.id, { messages: messagesOf(r.id, 80), hasMore: false }]));
    const snap = offlineSnapshot({ user, rooms, timelines, users, cursorOf: (id) => id + 5, now: 7 });
    assert.deepEqual(snap.rooms.map((r) => r.id), rooms.slice(0, CACHED_ROOMS).map((r) => r.id));
    assert.equal(snap.timelines.length, CACHED_ROOMS);
    for (const t of snap.timelines) {
      assert.equal(t.messages.length, CACHED_MESSAGES_PER_ROOM);
      assert.equal(t.messages.at(-1)!.seq, 80, 'the newest ones');
      assert.equal(t.hasMore, true, 'older ones exist on the server');
      assert.equal(t.rev, t.roomId + 5);
    }
    assert.deepEqual(snap.users.map((u) => u.id).sort((x, y) => x - y), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('leaves out a window opened at an older message, a room without a cursor and empty timelines', () => {
    const timelines = {
      100: { messages: messagesOf(100, 3), hasMore: false, hasNewer: true },
      101: { messages: messagesOf(101, 3), hasMore: false },
      102: { messages: [], hasMore: false },
      103: { messages: messagesOf(103, 3), hasMore: false },
    };
    const snap = offlineSnapshot({ user, rooms, timelines, users, cursorOf: (id) => (id === 101 ? undefined : 9), now: 7 });
    assert.deepEqual(snap.timelines.map((t) => [t.roomId, t.messages.length, t.hasMore]), [[103, 3, false]]);
  });
});
