import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClientFrame } from '../../server/protocol/index.ts';
import { socket } from '../src/state/socket-link.ts';
import { doneTypingIn, typedIn, TYPING_EVERY_MS } from '../src/state/typing.ts';

// My own typing reaches the room at most every couple of seconds, and at once after a send.

test('one typing frame per interval while typing, none for blank text, a fresh one after sending', (t) => {
  const sent: ClientFrame[] = [];
  socket.send = (frame: ClientFrame) => {
    sent.push(frame);
    return true;
  };
  t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
  typedIn(4, '   ');
  assert.deepEqual(sent, [], 'whitespace is not typing');
  typedIn(4, '안');
  typedIn(4, '안녕');
  assert.deepEqual(sent, [{ type: 'typing', roomId: 4 }]);
  t.mock.timers.tick(TYPING_EVERY_MS + 1);
  typedIn(4, '안녕하');
  assert.equal(sent.length, 2);
  typedIn(5, '다른 방');
  assert.deepEqual(sent.at(-1), { type: 'typing', roomId: 5 }, 'each room has its own interval');
  doneTypingIn(4);
  typedIn(4, '다음 메시지');
  assert.equal(sent.length, 4, 'after a send the next keystroke tells the room at once');
});
