import type { Services } from '../services.ts';
import type { Connection } from '../realtime/connection.ts';
import type { EditFrame } from '../protocol/frames.ts';
import { wellFormed } from '../util/well-formed.ts';
import type { Static } from '@sinclair/typebox';
import { sendError } from '../realtime/send-error.ts';
import { editedFrame } from './message-events.ts';
import { mentionProblem } from './mentions.ts';
import { asksSealed, sealedContent } from '../secret/sealed-content.ts';

// Editing my own text message over the socket. The earlier text is kept (GET /api/messages/:id/edits);
// every member, the editor included, gets the whole message as it is now in an `edited` frame.
// Refusals are `error` frames carrying the frame's tempId.

export type EditDeps = Pick<Services, 'messages' | 'rooms' | 'events'>;

export async function editMessage({ messages, rooms, events }: EditDeps, conn: Connection, frame: Static<typeof EditFrame>): Promise<void> {
  const refuse = (code: Parameters<typeof sendError>[1]) => sendError(conn, code, frame.tempId);
  const body = frame.body ?? '';
  if (!asksSealed(frame) && body.trim().length === 0) return refuse('MESSAGE_EMPTY');
  const ref = await messages.ref(frame.messageId);
  // A message of a room I am not in is as unknown to me as one that does not exist.
  if (!ref || !(await rooms.isMember(ref.roomId, conn.userId))) return refuse('MESSAGE_NOT_FOUND');
  if (ref.deleted) return refuse('MESSAGE_DELETED');
  if (ref.senderId !== conn.userId || ref.system) return refuse(ref.system ? 'MESSAGE_NOT_EDITABLE' : 'NOT_YOUR_MESSAGE');
  if (ref.fileId !== null) return refuse('MESSAGE_NOT_EDITABLE');
  // A secret message is edited with a new envelope for the room's epoch now, never with text.
  const content = await sealedContent(rooms, ref.roomId, frame);
  if (typeof content === 'string') return refuse(content);
  const mentionRefused = await mentionProblem(rooms, ref.roomId, conn.userId, frame);
  if (mentionRefused) return refuse(mentionRefused);
  // Mentions given replace the old ones (the text changed); none given leaves them as they were.
  const named = frame.mentions !== undefined || frame.mentionAll !== undefined;
  const mentions = named ? { mentions: frame.mentions ?? [], mentionAll: frame.mentionAll === true } : undefined;
  const outcome = await messages.edit(ref.id, wellFormed(body), Date.now(), mentions, content.sealed ?? undefined);
  if (!outcome) return refuse('MESSAGE_DELETED'); // deleted meanwhile
  // The same text again changed nothing: only the editor hears back, with no new rev.
  if (!outcome.changed) return void conn.sendFrame(editedFrame(outcome.message));
  await events.toRoom(ref.roomId, editedFrame(outcome.message));
}
