import type { Services } from '../services.ts';
import type { ExportEntry } from '../protocol/admin-users.ts';
import { AppError } from '../http/app-error.ts';
import { collectRoomExport } from '../exports/room-export.ts';
import { writeExport } from '../exports/export-files.ts';

export type RoomDeletionDeps = Pick<Services, 'rooms' | 'messages' | 'users' | 'roomAdmin' | 'storage' | 'hub' | 'audit' | 'logger'>;

/**
 * An admin deletes a room: its log is exported first (deleted_room_logs/, JSON and HTML), and only
 * once both files are written is the room deleted with its messages, its files removed from disk,
 * its members told (`removed`) and the deletion recorded. A failed export deletes nothing.
 */
export async function deleteRoomWithExport(
  deps: RoomDeletionDeps,
  folder: string,
  roomId: number,
  admin: { id: number; name: string },
  address: string,
): Promise<ExportEntry> {
  const data = await collectRoomExport(deps, roomId, admin);
  if (!data) throw new AppError('ROOM_NOT_FOUND');
  const exported = await writeExport(folder, data);
  const room = data.rooms[0]!;
  const memberIds = room.members.map((m) => m.id);
  const deleted = await deps.roomAdmin.delete(roomId);
  if (!deleted) throw new AppError('ROOM_NOT_FOUND');
  await deps.storage.remove(...deleted.storageNames);
  deps.hub.sendToUsers(memberIds, { type: 'removed', roomId });
  await deps.audit.record({
    actorId: admin.id,
    action: 'room_deleted',
    targetType: 'room',
    targetId: roomId,
    targetName: data.subject.name,
    address,
    detail: { kind: room.kind, members: memberIds.length, messages: room.messages.filter((m) => !m.system).length, files: deleted.storageNames.length, export: exported.name },
  });
  deps.logger.info({ adminId: admin.id, roomId, export: exported.name }, 'room deleted');
  return exported;
}
