import type { Message, Room } from '../../../server/protocol/index.ts';

// The room list's "@" badge (Room.mentions: mentions of me after my read cursor), kept current
// between the server's counts: new messages that mention me add to it, reading takes it away.

/** Whether the message mentions `me` (by name or @all) and someone else wrote it. */
export function mentionsMe(m: Message, me: number): boolean {
  return m.senderId !== me && !m.deleted && (m.mentionAll || m.mentions.includes(me));
}

/** The badge after `messages` arrived: each one past the room's known end that mentions me and is unread adds one. */
export function mentionsWithNew(room: Room, messages: readonly Message[], me: number, cursor: number): number {
  let n = room.mentions;
  for (const m of messages) if (m.seq > room.lastSeq && m.seq > cursor && mentionsMe(m, me)) n++;
  return n;
}

/**
 * The badge once my read cursor is at `cursor`: none when everything is read; counted from the
 * loaded timeline when it holds every message after the cursor; otherwise the count stands until
 * the server's next view of the room.
 */
export function mentionsAfterRead(room: Room, cursor: number, timeline: readonly Message[] | undefined, me: number): number {
  if (cursor >= room.lastSeq) return 0;
  if (timeline?.length && timeline[0]!.seq <= cursor + 1) return timeline.filter((m) => m.seq > cursor && mentionsMe(m, me)).length;
  return room.mentions;
}
