import type { ClientFrame, Message, Room } from '../../server/protocol/index.ts';
import { socket } from '../src/state/socket-link.ts';

// Messages and rooms for the web unit tests: every field the protocol has, set to "nothing special",
// so a test names only what it is about.

export function aMessage(fields: Pick<Message, 'id' | 'roomId' | 'seq' | 'senderId'> & Partial<Message>): Message {
  return {
    rev: fields.seq,
    body: `m${fields.seq}`,
    createdAt: 1_700_000_000_000 + fields.seq,
    file: null,
    deleted: false,
    replyTo: null,
    editedAt: null,
    reactions: [],
    mentions: [],
    mentionAll: false,
    system: null,
    cipher: null,
    epoch: null,
    ...fields,
  };
}

export function aRoom(fields: Pick<Room, 'id' | 'kind'> & Partial<Room>): Room {
  return {
    name: '',
    members: [],
    lastSeq: 0,
    lastMessage: null,
    unread: 0,
    mentions: 0,
    createdAt: 1_700_000_000_000,
    rev: fields.lastSeq ?? 0,
    ownerId: null,
    pinned: null,
    secret: false,
    keyEpoch: 0,
    ...fields,
  };
}

/** The socket replaced by a recorder: what the client sent, and whether the link is up (`open`). */
export function recordSends(): { sent: ClientFrame[]; open: boolean } {
  const wire = { sent: [] as ClientFrame[], open: true };
  socket.send = (frame: ClientFrame) => {
    if (!wire.open) return false;
    wire.sent.push(frame);
    return true;
  };
  return wire;
}
