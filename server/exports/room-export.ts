import type { Reaction, RoomKind, SystemEvent } from '../protocol/models.ts';
import { HISTORY_PAGE_MAX } from '../protocol/limits.ts';
import type { MessagesStore, RoomsStore, UsersStore } from '../storage/stores.ts';

// What a deleted room's export holds: the room, its members, and every message in order with its
// sender's name — the whole conversation as the members saw it (deleted messages only as deleted).

export interface ExportPerson {
  id: number;
  name: string;
  department: string;
  position: string;
}

export interface ExportMessage {
  id: number;
  seq: number;
  senderId: number;
  senderName: string;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  body: string;
  file: { name: string; size: number; mime: string } | null;
  /** The sequence number of the message this one replies to. */
  replyToSeq: number | null;
  system: SystemEvent | null;
  reactions: Reaction[];
}

export interface RoomExport {
  format: 'sotong-room-export';
  version: 1;
  exportedAt: number;
  exportedBy: { id: number; name: string };
  room: { id: number; kind: RoomKind; name: string; title: string; createdAt: number; members: ExportPerson[] };
  /** Everyone named in the messages (senders and people in system lines), members or not. */
  people: ExportPerson[];
  messages: ExportMessage[];
}

export interface RoomExportDeps {
  rooms: Pick<RoomsStore, 'view'>;
  messages: Pick<MessagesStore, 'page'>;
  users: Pick<UsersStore, 'get'>;
}

/** Reads the room's whole log; undefined if there is no such room. */
export async function collectRoomExport(
  { rooms, messages, users }: RoomExportDeps,
  roomId: number,
  admin: { id: number; name: string },
  now = Date.now(),
): Promise<RoomExport | undefined> {
  const room = await rooms.view(roomId, admin.id);
  if (!room) return undefined;
  const all = [];
  let before: number | undefined;
  for (;;) {
    const page = await messages.page(roomId, before, HISTORY_PAGE_MAX);
    all.unshift(...page.messages);
    if (!page.hasMore || page.messages.length === 0) break;
    before = page.messages[0]!.seq;
  }
  const people = new Map<number, ExportPerson>();
  const person = async (id: number): Promise<ExportPerson> => {
    let p = people.get(id);
    if (!p) {
      const u = await users.get(id);
      p = { id, name: u?.name ?? `#${id}`, department: u?.department ?? '', position: u?.position ?? '' };
      people.set(id, p);
    }
    return p;
  };
  const members = [];
  for (const m of room.members) members.push(await person(m.userId));
  const out: ExportMessage[] = [];
  for (const m of all) {
    for (const id of m.system ? [m.system.actorId, ...m.system.userIds] : []) await person(id);
    out.push({
      id: m.id,
      seq: m.seq,
      senderId: m.senderId,
      senderName: (await person(m.senderId)).name,
      createdAt: m.createdAt,
      editedAt: m.editedAt,
      deleted: m.deleted,
      body: m.deleted ? '' : m.body,
      file: m.file && !m.deleted ? { name: m.file.name, size: m.file.size, mime: m.file.mime } : null,
      replyToSeq: m.replyTo?.seq ?? null,
      system: m.system,
      reactions: m.reactions,
    });
  }
  const title = room.kind === 'group' ? room.name : members.map((p) => p.name).join(', ');
  return {
    format: 'sotong-room-export',
    version: 1,
    exportedAt: now,
    // Only these two: the caller may hand in the whole account (with its password hash).
    exportedBy: { id: admin.id, name: admin.name },
    room: { id: room.id, kind: room.kind, name: room.name, title, createdAt: room.createdAt, members },
    people: [...people.values()],
    messages: out,
  };
}
