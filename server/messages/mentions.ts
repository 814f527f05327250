import type { ErrorCode } from '../protocol/errors.ts';
import type { RoomsStore } from '../storage/stores.ts';

// Who a message may mention, checked when it is posted (and when it is edited): members of the
// room other than the sender, by id; @all only in a group. The frame schema already caps the list
// (MENTIONS_MAX) and refuses repeated or malformed ids.

export interface MentionRequest {
  mentions?: readonly number[] | undefined;
  mentionAll?: boolean | undefined;
}

/** Why these mentions cannot be sent in the room, or null when they can. Nothing is stored either way. */
export async function mentionProblem(rooms: Pick<RoomsStore, 'memberIds' | 'view'>, roomId: number, senderId: number, req: MentionRequest): Promise<ErrorCode | null> {
  const named = req.mentions ?? [];
  if (named.includes(senderId)) return 'MENTION_SELF';
  if (named.length > 0) {
    const members = new Set(await rooms.memberIds(roomId));
    if (named.some((id) => !members.has(id))) return 'MENTION_NOT_MEMBER';
  }
  if (req.mentionAll) {
    const room = await rooms.view(roomId, senderId);
    if (room?.kind !== 'group') return 'MENTION_ALL_NOT_GROUP';
  }
  return null;
}
