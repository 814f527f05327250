// Baseline 1, the ceiling: a bare `ws` broadcast loop. No auth, no storage, no validation beyond
// JSON.parse; the same frames as Sotong so the same generator drives it. Benchmark code only.
//   node ws-broadcast.js [port]   → prints "listening at http://127.0.0.1:PORT"
import { WebSocketServer, type WebSocket } from 'ws';

interface Room {
  seq: number;
  members: Set<WebSocket>;
}

const rooms = new Map<number, Room>();
let nextId = 0;

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0), perMessageDeflate: false, maxPayload: 64 * 1024 });

wss.on('connection', (socket, request) => {
  const query = new URL(request.url ?? '/', 'http://x').searchParams;
  const roomId = Number(query.get('room'));
  const userId = Number(query.get('user'));
  let room = rooms.get(roomId);
  if (!room) rooms.set(roomId, (room = { seq: 0, members: new Set() }));
  const joined = room;
  joined.members.add(socket);
  socket.on('close', () => joined.members.delete(socket));
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { type: string; tempId?: string; roomId: number; body?: string; seq?: number };
    if (frame.type === 'send') {
      const message = { id: ++nextId, roomId, seq: ++joined.seq, senderId: userId, body: frame.body, createdAt: Date.now() };
      socket.send(JSON.stringify({ type: 'ack', tempId: frame.tempId, message }));
      const out = JSON.stringify({ type: 'message', message });
      for (const peer of joined.members) if (peer !== socket) peer.send(out);
    } else if (frame.type === 'read') {
      const out = JSON.stringify({ type: 'read', roomId, userId, seq: frame.seq });
      for (const peer of joined.members) peer.send(out);
    }
  });
  socket.send(JSON.stringify({ type: 'ready' }));
});

wss.on('listening', () => {
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`ws baseline listening at http://127.0.0.1:${port}`);
});

process.on('SIGTERM', () => {
  for (const client of wss.clients) client.terminate();
  wss.close(() => process.exit(0));
});
