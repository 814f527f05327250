import type { MessagesStore } from '../storage/stores.ts';

/**
 * Whether `replyTo` names a message a new message in `roomId` may answer: one of the same room,
 * not deleted, not a system line. Anything else (another room's message, an unknown id) is refused
 * as REPLY_NOT_FOUND by the caller, and nothing is stored.
 */
export async function canReplyTo(messages: MessagesStore, roomId: number, replyTo: number): Promise<boolean> {
  const ref = await messages.ref(replyTo);
  return ref !== undefined && ref.roomId === roomId && !ref.deleted && !ref.system;
}
