import type { Services } from '../services.ts';
import type { SendQueue } from './send-queue.ts';
import type { ClientFrame } from '../protocol/frames.ts';
import { MESSAGE_MAX } from '../protocol/http.ts';
import type { Connection } from './connection.ts';
import { sendError } from './send-error.ts';


// What the server does with each client frame. Membership is checked here, at send time, on every
// frame: the client's idea of its rooms is never trusted.

const SYNC_BATCH = 200;

type Frame<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;

function handleSend(services: Services, sendQueue: SendQueue, conn: Connection, frame: Frame<'send'>): void {
  const { rooms } = services;
  if (frame.body.trim().length === 0) return sendError(conn, 'MESSAGE_EMPTY', frame.tempId);
  if (frame.body.length > MESSAGE_MAX) return sendError(conn, 'MESSAGE_TOO_LONG', frame.tempId);
  if (!rooms.isMember(frame.roomId, conn.userId)) return sendError(conn, 'NOT_A_MEMBER', frame.tempId);
  // Stored with the other sends of this event-loop turn, then acknowledged (after the commit) and
  // fanned out. A send retried after a lost ack is acknowledged again, not stored twice.
  sendQueue.enqueue(conn, frame.tempId, { roomId: frame.roomId, senderId: conn.userId, body: frame.body, clientId: frame.tempId });
}

function handleSync(services: Services, conn: Connection, frame: Frame<'sync'>): void {
  for (const [key, seq] of Object.entries(frame.cursors)) {
    const roomId = Number(key);
    if (!services.rooms.isMember(roomId, conn.userId)) continue;
    const missed = services.messages.after(roomId, seq, SYNC_BATCH + 1);
    const more = missed.length > SYNC_BATCH;
    conn.send(JSON.stringify({ type: 'synced', roomId, messages: missed.slice(0, SYNC_BATCH), more }));
  }
}

function handleRead(services: Services, conn: Connection, frame: Frame<'read'>): void {
  if (!services.rooms.isMember(frame.roomId, conn.userId)) return sendError(conn, 'NOT_A_MEMBER');
  const seq = services.messages.markRead(frame.roomId, conn.userId, frame.seq);
  if (seq === undefined) return; // nothing new: the cursor was already there
  services.hub.sendToUsers(services.rooms.memberIds(frame.roomId), {
    type: 'read',
    roomId: frame.roomId,
    userId: conn.userId,
    seq,
  });
}

function handleTyping(services: Services, conn: Connection, frame: Frame<'typing'>): void {
  const { rooms, hub } = services;
  if (!rooms.isMember(frame.roomId, conn.userId)) return sendError(conn, 'NOT_A_MEMBER');
  const others = rooms.memberIds(frame.roomId).filter((id) => id !== conn.userId);
  hub.sendToUsers(others, { type: 'typing', roomId: frame.roomId, userId: conn.userId });
}

export function handleFrame(services: Services, sendQueue: SendQueue, conn: Connection, frame: ClientFrame): void {
  switch (frame.type) {
    case 'send':
      return handleSend(services, sendQueue, conn, frame);
    case 'sync':
      return handleSync(services, conn, frame);
    case 'read':
      return handleRead(services, conn, frame);
    case 'typing':
      return handleTyping(services, conn, frame);
  }
}
