import type { Message, PublicUser, Room } from '../../../../server/protocol/index.ts';
import { avatarUrl } from '../../lib/files.ts';
import { t } from '../../lib/i18n.ts';
import { isNotesToSelf, otherMemberId } from '../../state/rooms.ts';
import { systemText } from './systemLine.ts';

// How a room is named and pictured for the person looking at it.

export interface RoomFace {
  title: string;
  /** The other person of a DM (or yourself for notes-to-self); null for groups. */
  peer: PublicUser | null;
  peerId: number | null;
  memberCount: number;
}

export function roomFace(room: Room, meId: number, users: Readonly<Record<number, PublicUser>>): RoomFace {
  if (room.kind === 'dm') {
    if (isNotesToSelf(room, meId)) {
      const me = users[meId] ?? null;
      return { title: t.notesToSelf, peer: me, peerId: meId, memberCount: 1 };
    }
    const id = otherMemberId(room, meId);
    const peer = id !== null ? (users[id] ?? null) : null;
    return { title: peer?.name ?? t.unknownUser, peer, peerId: id, memberCount: room.members.length };
  }
  return { title: room.name, peer: null, peerId: null, memberCount: room.members.length };
}

export function memberFaces(room: Room, meId: number, users: Readonly<Record<number, PublicUser>>) {
  return room.members
    .filter((m) => m.userId !== meId)
    .map((m) => users[m.userId])
    .filter((u): u is PublicUser => !!u)
    .map((u) => ({ name: u.name, color: u.avatarColor, photo: avatarUrl(u) }));
}

/** One line for the room list: the text, or what kind of attachment it was, or that it was deleted. */
export function previewOf(m: Message, users: Readonly<Record<number, PublicUser>>): string {
  if (m.deleted) return t.messageDeleted;
  if (m.system) return systemText(m.system, users);
  if (m.file) {
    const what = m.file.kind === 'image' ? t.photo : t.filePreview(m.file.name);
    return m.body ? `${what} · ${m.body}` : what;
  }
  return m.body;
}
