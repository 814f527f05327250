import type { ServerFrame } from '../protocol/frames.ts';
import type { Message, Reaction } from '../protocol/models.ts';
import type { RoomsStore } from '../storage/stores.ts';
import type { Hub } from '../realtime/hub.ts';
import type { Connection } from '../realtime/connection.ts';

// The frames that tell a room's members what happened to its messages, built in one place and sent
// to every member's open connections. Posting, uploads and deletions all speak through here.

export type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

export const messageFrame = (message: Message): FrameOf<'message'> => ({ type: 'message', message });

export const ackFrame = (tempId: string, message: Message): FrameOf<'ack'> => ({ type: 'ack', tempId, message });

export const deletedFrame = (roomId: number, messageId: number, rev: number): FrameOf<'deleted'> => ({ type: 'deleted', roomId, messageId, rev });
export const editedFrame = (message: Message): FrameOf<'edited'> => ({ type: 'edited', message });
export const reactedFrame = (roomId: number, messageId: number, rev: number, reactions: Reaction[]): FrameOf<'reacted'> => ({
  type: 'reacted',
  roomId,
  messageId,
  rev,
  reactions,
});

export class MessageEvents {
  constructor(private readonly deps: { rooms: RoomsStore; hub: Hub }) {}

  /** Sends a frame to every member of the room, except the connection `skip`. */
  async toRoom(roomId: number, frame: ServerFrame, skip?: Connection): Promise<void> {
    this.deps.hub.sendToUsers(await this.deps.rooms.memberIds(roomId), frame, skip);
  }

  posted(message: Message, skip?: Connection): Promise<void> {
    return this.toRoom(message.roomId, messageFrame(message), skip);
  }

  deleted(roomId: number, messageId: number, rev: number): Promise<void> {
    return this.toRoom(roomId, deletedFrame(roomId, messageId, rev));
  }
}
