import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { AppError } from '../http/app-error.ts';
import { addressOf } from '../http/remote.ts';
import { route } from '../http/route.ts';
import { authOf } from '../accounts/auth-scope.ts';
import { EXPORT_FOLDERS, exportFile, listExports } from '../exports/export-files.ts';
import { deleteRoomWithExport, type RoomDeletionDeps } from './room-deletion.ts';

// Every room for admins (registered in the admin scope): the list, deleting one after exporting its
// log, and the exports of deleted rooms.

export function adminRoomsRoutes(app: FastifyInstance, services: RoomDeletionDeps & Pick<Services, 'config'>): void {
  const folder = path.join(services.config.dataDir, EXPORT_FOLDERS.room);

  route(app, 'adminRooms', async (request) => {
    const { q, limit, offset } = request.query;
    return services.roomAdmin.list({ q, limit: limit ?? 50, offset: offset ?? 0 });
  });

  route(app, 'deleteRoom', async (request) => {
    const { user } = authOf(request);
    const admin = { id: user.id, name: user.name };
    return { export: await deleteRoomWithExport(services, folder, request.params.id, admin, addressOf(request)) };
  });

  // The room is gone; its name at deletion is in the audit log.
  const deletedName = async (id: number) =>
    (await services.audit.list({ action: 'room_deleted', targetType: 'room', targetId: id, limit: 1 })).entries[0]?.targetName || `#${id}`;
  route(app, 'roomExports', async () => ({ exports: await listExports(folder, deletedName) }));

  route(app, 'roomExportFile', async (request, reply) => {
    const { file } = request.params;
    const full = await exportFile(folder, file);
    if (!full) throw new AppError('NOT_FOUND');
    reply
      .type(file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}"`)
      .header('cache-control', 'private, no-store')
      // Should a browser render the page anyway, nothing in it may run or load.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    return reply.send(fs.createReadStream(full));
  });
}
