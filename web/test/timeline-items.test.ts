import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from '../../server/protocol/index.ts';
import { buildItems } from '../src/components/chat/timelineItems.ts';
import { aMessage } from './fixtures.ts';

const day = new Date(2025, 10, 20, 9, 0).getTime();
const msg = (seq: number, senderId: number, at: number): Message => aMessage({ id: seq, roomId: 1, seq, senderId, createdAt: at });

test('date lines at each new day, runs by sender, time on the last of a minute', () => {
  const items = buildItems(
    [
      msg(1, 2, day),
      msg(2, 2, day + 10_000),
      msg(3, 1, day + 20_000),
      msg(4, 1, day + 24 * 3600_000),
    ],
    0,
    1,
  );
  assert.deepEqual(
    items.map((i) => (i.kind === 'msg' ? `${i.message.seq}${i.first ? 'F' : ''}${i.last ? 'L' : ''}` : i.kind)),
    ['day', '1F', '2L', '3FL', 'day', '4FL'],
  );
});

test('a long pause starts a new run even from the same sender', () => {
  const items = buildItems([msg(1, 2, day), msg(2, 2, day + 6 * 60_000)], 0, 1);
  const flags = items.filter((i) => i.kind === 'msg').map((i) => i.kind === 'msg' && i.first);
  assert.deepEqual(flags, [true, true]);
});

test('the unread line goes before the first unread message from someone else', () => {
  const items = buildItems([msg(1, 2, day), msg(2, 1, day + 1000), msg(3, 2, day + 2000)], 1, 1);
  assert.deepEqual(
    items.map((i) => (i.kind === 'msg' ? i.message.seq : i.kind)),
    ['day', 1, 2, 'unread', 3],
  );
  const third = items[4];
  assert.ok(third?.kind === 'msg' && third.first, 'a run restarts after the line');
});

test('no unread line for a room never read, or above the first message shown', () => {
  assert.ok(!buildItems([msg(1, 2, day), msg(2, 2, day)], 0, 1).some((i) => i.kind === 'unread'));
  assert.ok(!buildItems([msg(5, 2, day), msg(6, 2, day)], 4, 1).some((i) => i.kind === 'unread'));
});
