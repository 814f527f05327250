import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClientFrame } from '../../server/protocol/index.ts';
import { socket } from '../src/state/socket-link.ts';
import { reportTrust } from '../src/state/trust.ts';

test('the page reports its trust probe in a trust frame, and nothing when it cannot probe', async () => {
  const sent: ClientFrame[] = [];
  const original = socket.send.bind(socket);
  socket.send = (frame: ClientFrame) => (sent.push(frame), true);
  try {
    await reportTrust(async () => false);
    await reportTrust(async () => true);
    await reportTrust(async () => {
      throw new Error('no location');
    });
    assert.deepEqual(sent, [
      { type: 'trust', trusted: false },
      { type: 'trust', trusted: true },
    ]);
  } finally {
    socket.send = original;
  }
});
