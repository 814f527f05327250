import type { Static } from '@sinclair/typebox';
import type { Services } from '../services.ts';
import type { Connection } from '../realtime/connection.ts';
import type { ReactFrame } from '../protocol/frames.ts';
import { isReactionEmoji } from '../protocol/emoji.ts';
import { sendError } from '../realtime/send-error.ts';
import { reactedFrame } from './message-events.ts';

// Adding or taking back a reaction over the socket. Both are idempotent: a no-op takes no rev and
// tells no one; a change tells every member (the reactor included) the message's reactions now.

export type ReactDeps = Pick<Services, 'messages' | 'rooms' | 'events'>;

export async function reactToMessage({ messages, rooms, events }: ReactDeps, conn: Connection, frame: Static<typeof ReactFrame>): Promise<void> {
  const refuse = (code: Parameters<typeof sendError>[1]) => sendError(conn, code, frame.tempId);
  if (!isReactionEmoji(frame.emoji)) return refuse('EMOJI_INVALID');
  const ref = await messages.ref(frame.messageId);
  if (!ref || !(await rooms.isMember(ref.roomId, conn.userId))) return refuse('MESSAGE_NOT_FOUND');
  if (ref.deleted) return refuse('MESSAGE_DELETED');
  if (ref.system) return refuse('NO_REACTIONS_HERE');
  const outcome = await messages.react(ref.id, conn.userId, frame.emoji, frame.on);
  switch (outcome.kind) {
    case 'gone':
      return refuse('MESSAGE_DELETED'); // deleted meanwhile
    case 'full':
      return refuse('REACTIONS_FULL');
    case 'unchanged':
      return;
    case 'changed':
      return events.toRoom(ref.roomId, reactedFrame(ref.roomId, ref.id, outcome.rev, outcome.reactions));
  }
}
