// A Sotong bot in ~30 lines: answers "!ping" with "pong" in every room it belongs to.
// Run: SOTONG_URL=http://192.168.0.10:5000 SOTONG_LOGIN=bot@example.com SOTONG_PASSWORD=… npx tsx docs/protocol-example-bot.ts
// Protocol: docs/protocol.md. Needs Node 20+ (global fetch) and the `ws` package.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

const BASE = process.env.SOTONG_URL ?? 'http://127.0.0.1:5000'; // https://… when the server has HTTPS on
const res = await fetch(`${BASE}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login: process.env.SOTONG_LOGIN, password: process.env.SOTONG_PASSWORD }),
});
const reply = await res.json();
if (!res.ok) throw new Error(`login failed: ${reply.code} ${reply.message.en}`);
const cookie = res.headers.get('set-cookie')!.split(';')[0]!; // "sotong_session=…": keep it, send it back
const me: number = reply.user.id;

const ws = new WebSocket(`${BASE.replace(/^http/, 'ws')}/ws`, { headers: { cookie } }); // no Origin header
ws.on('message', (data) => {
  const frame = JSON.parse(data.toString());
  if (frame.type === 'ready') console.log(`connected as ${frame.user.name}`);
  if (frame.type === 'error') console.error(`server said ${frame.code}: ${frame.message.en}`);
  if (frame.type !== 'message' || frame.message.senderId === me) return;
  const { roomId, seq, body } = frame.message;
  ws.send(JSON.stringify({ type: 'read', roomId, seq })); // the sender sees the unread count drop
  if (body.trim() === '!ping') {
    ws.send(JSON.stringify({ type: 'send', tempId: randomUUID(), roomId, body: 'pong 🏓' })); // tempId: unique forever
  }
});
ws.on('close', (code) => console.log(`closed with ${code}; a long-running bot reconnects (see "Reconnecting")`));
