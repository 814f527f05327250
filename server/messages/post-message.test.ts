import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import type { ServerFrame } from '../protocol/frames.ts';
import type { Connection } from '../realtime/connection.ts';
import type { Hub } from '../realtime/hub.ts';
import type { Stats } from '../stats/stats.ts';
import type { MessagesStore, RoomsStore } from '../storage/stores.ts';
import type { MessageEvents } from './message-events.ts';
import { MessagePoster } from './post-message.ts';

/** A poster over a message store whose batch write fails with `failure`. */
function posterFailingWith(failure: Error) {
  const frames: ServerFrame[] = [];
  const conn = { userId: 1, sendFrame: (f: ServerFrame) => frames.push(f) > 0 } as unknown as Connection;
  const messages = { appendTexts: async () => Promise.reject(failure) } as unknown as MessagesStore;
  const rooms = { isMember: async () => true } as unknown as RoomsStore;
  const poster = new MessagePoster({
    messages,
    rooms,
    hub: {} as Hub,
    stats: {} as Stats,
    logger: pino({ level: 'silent' }),
    events: {} as MessageEvents,
  });
  return { poster, conn, frames };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a batch the database cannot store for want of disk is refused with DISK_FULL, per send', async () => {
  const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  const { poster, conn, frames } = posterFailingWith(full);
  await poster.postText(conn, { tempId: 't1', roomId: 1, body: '안녕' });
  await poster.postText(conn, { tempId: 't2', roomId: 1, body: '하세요' });
  await settle();
  assert.deepEqual(
    frames.map((f) => f.type === 'error' && [f.tempId, f.code]),
    [['t1', 'DISK_FULL'], ['t2', 'DISK_FULL']],
  );
});

test('any other storage failure is still INTERNAL', async () => {
  const { poster, conn, frames } = posterFailingWith(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_CORRUPT' }));
  await poster.postText(conn, { tempId: 't1', roomId: 1, body: '안녕' });
  await settle();
  assert.deepEqual(frames.map((f) => f.type === 'error' && f.code), ['INTERNAL']);
});
