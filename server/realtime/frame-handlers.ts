import type { Services } from '../services.ts';
import type { ClientFrame } from '../protocol/frames.ts';
import { MESSAGE_MAX } from '../protocol/http.ts';
import { errorBody, type ErrorCode } from '../protocol/errors.ts';
import type { Connection } from './connection.ts';

// What the server does with each client frame. Membership is checked here, at send time, on every
// frame: the client's idea of its rooms is never trusted.

const SYNC_BATCH = 200;

type Frame<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;

export function sendError(conn: Connection, code: ErrorCode, tempId?: string): void {
  conn.send(JSON.stringify({ type: 'error', ...errorBody(code), ...(tempId === undefined ? {} : { tempId }) }));
}

function handleSend(services: Services, conn: Connection, frame: Frame<'send'>): void {
  const { rooms, messages, hub } = services;
  if (frame.body.trim().length === 0) return sendError(conn, 'MESSAGE_EMPTY', frame.tempId);
  if (frame.body.length > MESSAGE_MAX) return sendError(conn, 'MESSAGE_TOO_LONG', frame.tempId);
  if (!rooms.isMember(frame.roomId, conn.userId)) return sendError(conn, 'NOT_A_MEMBER', frame.tempId);
  // A send retried after a lost ack (the connection dropped) is acknowledged again, not stored twice.
  // Only the very same send counts: a tempId reused for other text or another room is a new message.
  const earlier = messages.byClientId(conn.userId, frame.tempId);
  if (earlier && earlier.roomId === frame.roomId && earlier.body === frame.body) {
    return void conn.send(JSON.stringify({ type: 'ack', tempId: frame.tempId, message: earlier }));
  }
  const message = messages.append(frame.roomId, conn.userId, frame.body, null, earlier ? null : frame.tempId);
  services.stats.countMessage();
  // append() has committed by now: only a stored message is acknowledged.
  conn.send(JSON.stringify({ type: 'ack', tempId: frame.tempId, message }));
  hub.sendToUsers(rooms.memberIds(frame.roomId), { type: 'message', message }, conn);
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

export function handleFrame(services: Services, conn: Connection, frame: ClientFrame): void {
  switch (frame.type) {
    case 'send':
      return handleSend(services, conn, frame);
    case 'sync':
      return handleSync(services, conn, frame);
    case 'read':
      return handleRead(services, conn, frame);
    case 'typing':
      return handleTyping(services, conn, frame);
  }
}
