import type { Services } from '../services.ts';
import type { RoomExportInfo } from '../protocol/admin-http.ts';
import { AppError } from '../http/app-error.ts';
import { collectRoomExport } from '../exports/room-export.ts';
import type { RoomExportsFolder } from '../exports/room-exports-folder.ts';

export type RoomDeletionDeps = Pick<Services, 'rooms' | 'messages' | 'users' | 'roomAdmin' | 'storage' | 'hub' | 'audit' | 'logger'>;

/**
 * An admin deletes a room: its log is exported first (deleted_room_logs/, JSON and HTML), and only
 * once both files are written is the room deleted with its messages, its files removed from disk,
 * its members told (`removed`) and the deletion recorded. A failed export deletes nothing.
 */
export async function deleteRoomWithExport(
  deps: RoomDeletionDeps,
  folder: RoomExportsFolder,
  roomId: number,
  admin: { id: number; name: string },
  address: string,
): Promise<RoomExportInfo> {
  const data = await collectRoomExport(deps, roomId, admin);
  if (!data) throw new AppError('ROOM_NOT_FOUND');
  const exported = await folder.write(data);
  const memberIds = data.room.members.map((m) => m.id);
  const deleted = await deps.roomAdmin.delete(roomId);
  if (!deleted) throw new AppError('ROOM_NOT_FOUND');
  await deps.storage.remove(...deleted.storageNames);
  deps.hub.sendToUsers(memberIds, { type: 'removed', roomId });
  await deps.audit.record({
    actorId: admin.id,
    action: 'room_deleted',
    targetType: 'room',
    targetId: roomId,
    targetName: data.room.title,
    address,
    detail: { kind: data.room.kind, members: memberIds.length, messages: data.messages.filter((m) => !m.system).length, files: deleted.storageNames.length, export: exported.name },
  });
  deps.logger.info({ adminId: admin.id, roomId, export: exported.name }, 'room deleted');
  return exported;
}
