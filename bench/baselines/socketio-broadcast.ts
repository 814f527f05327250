// Baseline 2: a bare Socket.IO broadcast server (WebSocket transport only, no compression), doing
// what the ws baseline does with Socket.IO's rooms and acknowledgements. Benchmark code only.
//   node socketio-broadcast.js [port]   → prints "listening at http://127.0.0.1:PORT"
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(httpServer, {
  transports: ['websocket'],
  perMessageDeflate: false,
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
});

const seqs = new Map<number, number>();
let nextId = 0;

io.on('connection', (socket) => {
  const roomId = Number(socket.handshake.query.room);
  const userId = Number(socket.handshake.query.user);
  const room = String(roomId);
  void socket.join(room);
  socket.on('send', (frame: { tempId: string; body: string }, ack?: (reply: unknown) => void) => {
    const seq = (seqs.get(roomId) ?? 0) + 1;
    seqs.set(roomId, seq);
    const message = { id: ++nextId, roomId, seq, senderId: userId, body: frame.body, createdAt: Date.now() };
    if (typeof ack === 'function') ack({ tempId: frame.tempId, message });
    socket.to(room).emit('message', { message });
  });
  socket.on('read', (frame: { seq: number }) => {
    io.to(room).emit('read', { roomId, userId, seq: frame.seq });
  });
});

httpServer.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`socket.io baseline listening at http://127.0.0.1:${port}`);
});

process.on('SIGTERM', () => {
  io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
