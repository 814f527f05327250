import type { Services } from '../services.ts';
import type { ClientFrame } from '../protocol/frames.ts';
import type { Connection } from './connection.ts';
import { sendError } from './send-error.ts';
import { answerSync } from './sync.ts';
import { editMessage } from '../messages/edit-message.ts';
import { reactToMessage } from '../messages/react-message.ts';
import { handlePin } from '../rooms/pin-handler.ts';

// What the server does with each client frame. Membership is checked here, at send time, on every
// frame: the client's idea of its rooms is never trusted. Posting a message lives in
// messages/post-message.ts, editing and reacting beside it; answering `sync` in sync.ts.

export type FrameDeps = Pick<Services, 'rooms' | 'messages' | 'hub' | 'poster' | 'events'>;

type Frame<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;

async function handleRead({ rooms, messages, hub }: FrameDeps, conn: Connection, frame: Frame<'read'>): Promise<void> {
  if (!(await rooms.isMember(frame.roomId, conn.userId))) return sendError(conn, 'NOT_A_MEMBER');
  const moved = await messages.markRead(frame.roomId, conn.userId, frame.seq);
  if (moved === undefined) return; // nothing new: the cursor was already there
  // A receipt rides on the members' next write (Hub.sendToUsersLazily): nobody waits on it.
  hub.sendToUsersLazily(await rooms.memberIds(frame.roomId), { type: 'read', roomId: frame.roomId, userId: conn.userId, seq: moved.seq, rev: moved.rev });
}

async function handleTyping({ rooms, hub }: FrameDeps, conn: Connection, frame: Frame<'typing'>): Promise<void> {
  if (!(await rooms.isMember(frame.roomId, conn.userId))) return sendError(conn, 'NOT_A_MEMBER');
  const others = (await rooms.memberIds(frame.roomId)).filter((id) => id !== conn.userId);
  hub.sendToUsers(others, { type: 'typing', roomId: frame.roomId, userId: conn.userId });
}

export function handleFrame(deps: FrameDeps, conn: Connection, frame: ClientFrame): Promise<void> {
  switch (frame.type) {
    case 'send':
      return deps.poster.postText(conn, frame);
    case 'sync':
      return answerSync(deps, conn, frame.cursors, frame.only === true);
    case 'read':
      return handleRead(deps, conn, frame);
    case 'typing':
      return handleTyping(deps, conn, frame);
    case 'edit':
      return editMessage(deps, conn, frame);
    case 'react':
      return reactToMessage(deps, conn, frame);
    case 'pin':
      return handlePin(deps, conn, frame);
    case 'trust':
      conn.trusted = frame.trusted;
      return Promise.resolve();
  }
}
