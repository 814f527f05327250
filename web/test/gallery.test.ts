import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { FileInfo, Message, SharedFile } from '../../server/protocol/index.ts';
import { closeLightbox, openFromList, openFromTimeline, step } from '../src/state/gallery.ts';
import { applyDeleted } from '../src/state/messages.ts';
import { getState, initialState, setState } from '../src/state/store.ts';
import { aMessage } from './fixtures.ts';

// The lightbox walks through a room's pictures: those loaded, then older ones from the server.

const ROOM = 3;
const image = (id: number): FileInfo => ({ id, name: `p${id}.png`, size: 100, mime: 'image/png', kind: 'image', width: 40, height: 30 });
const msg = (seq: number, file: FileInfo | null): Message =>
  aMessage({ id: 500 + seq, roomId: ROOM, seq, senderId: 2, body: file ? '' : `text ${seq}`, file });
const shared = (id: number): SharedFile => ({ ...image(id), messageId: 400 + id, senderId: 2, createdAt: id });

const realFetch = globalThis.fetch;
let asked: string[] = [];

beforeEach(() => {
  asked = [];
  setState({
    ...initialState,
    timelines: {
      [ROOM]: {
        messages: [msg(10, image(21)), msg(11, null), msg(12, image(22)), msg(13, { ...image(23), kind: 'file', name: 'a.pdf' }), msg(14, image(24))],
        hasMore: true,
        loadingOlder: false,
        readMarkSeq: 0,
      },
    },
  });
  globalThis.fetch = (async (url: string) => {
    asked.push(url);
    return new Response(JSON.stringify({ files: [shared(20), shared(19)], hasMore: false }), { status: 200 });
  }) as typeof fetch;
});

afterEach(() => {
  globalThis.fetch = realFetch;
});

const ids = () => getState().lightbox!.items.map((it) => it.file.id);

test('opened from a bubble: only the pictures of the loaded chat, oldest first, at the one clicked', () => {
  openFromTimeline(ROOM, 512);
  assert.deepEqual(ids(), [21, 22, 24]);
  assert.equal(getState().lightbox!.index, 1);
  closeLightbox();
  assert.equal(getState().lightbox, null);
});

test('arrow keys step through; past the first loaded one, older pictures come from the server', async () => {
  openFromTimeline(ROOM, 514);
  await step(1); // already the newest: stays
  assert.equal(getState().lightbox!.index, 2);
  await step(-1);
  await step(-1);
  assert.equal(getState().lightbox!.items[getState().lightbox!.index]!.file.id, 21);
  await step(-1);
  assert.deepEqual(asked, ['/api/rooms/3/files?kind=image&before=21&limit=30']);
  assert.deepEqual(ids(), [19, 20, 21, 22, 24]);
  assert.equal(getState().lightbox!.items[getState().lightbox!.index]!.file.id, 20, 'stepped onto the next older one');
  assert.equal(getState().lightbox!.hasOlder, false);
});

test('opened from the drawer (newest first there) it reads oldest first too', () => {
  openFromList(ROOM, [shared(9), shared(7), shared(5)], 7, false);
  assert.deepEqual(ids(), [5, 7, 9]);
  assert.equal(getState().lightbox!.index, 1);
});

test('a picture deleted while on screen leaves the lightbox; the last one closes it', () => {
  openFromList(ROOM, [shared(9), shared(7)], 9, false);
  applyDeleted(ROOM, 409);
  assert.deepEqual(ids(), [7]);
  assert.equal(getState().lightbox!.index, 0);
  applyDeleted(ROOM, 407);
  assert.equal(getState().lightbox, null);
});
