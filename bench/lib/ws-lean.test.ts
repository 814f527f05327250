// The lean client against a real `ws` server: the upgrade carries the cookie, text both ways,
// a big frame, a server ping answered with a pong, a refused upgrade, close codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { WebSocketServer } from 'ws';
import { LeanSocket } from './ws-lean.ts';

test('lean client: handshake with cookie, messages, ping → pong, close', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const port = (wss.address() as { port: number }).port;
  let cookie = '';
  wss.on('connection', (ws, req) => {
    cookie = req.headers.cookie ?? '';
    ws.on('message', (data) => ws.send(`echo:${data.toString()}`));
    ws.on('pong', (data) => ws.send(`pong:${data.toString()}`));
    ws.send('x'.repeat(100_000));
    ws.ping('hi');
  });
  try {
    const c = new LeanSocket(`ws://127.0.0.1:${port}/ws?room=1`, { headers: { cookie: 'sid=abc' }, handshakeTimeout: 5000 });
    const got: string[] = [];
    c.on('message', (b: Buffer) => got.push(b.toString()));
    await once(c, 'open');
    c.send('회의 🙂');
    const deadline = Date.now() + 5000;
    while (got.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(cookie, 'sid=abc');
    assert.equal(got[0], 'x'.repeat(100_000));
    assert.deepEqual(got.slice(1).sort(), ['echo:회의 🙂', 'pong:hi']);
    const closed = once(c, 'close');
    c.close(4000);
    const [code] = await closed;
    assert.equal(code, 4000);
  } finally {
    wss.close();
  }
});

test('lean client: a refused upgrade is an unexpected-response with its status', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, verifyClient: () => false });
  await once(wss, 'listening');
  try {
    const c = new LeanSocket(`ws://127.0.0.1:${(wss.address() as { port: number }).port}/`);
    const [status] = await once(c, 'unexpected-response');
    assert.equal(status, 401);
  } finally {
    wss.close();
  }
});
