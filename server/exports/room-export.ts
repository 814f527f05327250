import type { ChatExport } from './export-model.ts';
import { nameBook, roomLog, secretPart, type ExportDeps } from './user-export.ts';

// What is kept of a room before an admin deletes it (deleted_room_logs/): the room, its members and
// its whole history, in the same format as a deleted user's export (export-model.ts).

export const ROOM_EXPORT_SCOPE =
  '삭제 시점의 이 대화방의 처음부터 끝까지의 모든 메시지와 멤버입니다. 삭제된 메시지는 자리만 남고, 첨부 파일은 이름과 크기만 기록합니다. / ' +
  'Every message of this room, first to last, and its members when it was deleted. Deleted messages keep only their place; attachments are listed by name and size.';

/** Reads the room's whole log; undefined if there is no such room. */
export async function collectRoomExport(
  deps: ExportDeps,
  roomId: number,
  admin: { id: number; name: string },
  now = Date.now(),
): Promise<ChatExport | undefined> {
  const room = await deps.rooms.view(roomId, admin.id);
  if (!room) return undefined;
  const nameOf = nameBook(deps.users);
  const members = [];
  for (const m of room.members) members.push({ id: m.userId, name: await nameOf(m.userId) });
  const title = room.kind === 'group' ? room.name : members.map((p) => p.name).join(', ');
  return {
    format: 'sotong-chat-export',
    version: 1,
    kind: 'room',
    exportedAt: now,
    // Only these two: the caller may hand in the whole account (with its password hash).
    exportedBy: { id: admin.id, name: admin.name },
    subject: { id: room.id, name: title, kind: room.kind, createdAt: room.createdAt, members: members.length },
    scope: ROOM_EXPORT_SCOPE,
    rooms: [{ id: room.id, kind: room.kind, name: room.name, members, ...secretPart(room.secret), messages: await roomLog(deps, roomId, nameOf) }],
  };
}
