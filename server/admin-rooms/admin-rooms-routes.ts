import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { AppError } from '../http/app-error.ts';
import { addressOf } from '../http/remote.ts';
import { route } from '../http/route.ts';
import { authOf } from '../accounts/auth-scope.ts';
import { RoomExportsFolder } from '../exports/room-exports-folder.ts';
import { deleteRoomWithExport, type RoomDeletionDeps } from './room-deletion.ts';

// Every room for admins (registered in the admin scope): the list, deleting one after exporting its
// log, and the exports of deleted rooms.

export function adminRoomsRoutes(app: FastifyInstance, services: RoomDeletionDeps & Pick<Services, 'config'>): void {
  const folder = new RoomExportsFolder(services.config.dataDir);

  route(app, 'adminRooms', async (request) => {
    const { q, limit, offset } = request.query;
    return services.roomAdmin.list({ q, limit: limit ?? 50, offset: offset ?? 0 });
  });

  route(app, 'deleteRoom', async (request) => {
    const { user } = authOf(request);
    const admin = { id: user.id, name: user.name };
    const exported = await deleteRoomWithExport(services, folder, request.params.id, admin, addressOf(request));
    return { export: exported };
  });

  route(app, 'roomExports', async () => ({ exports: await folder.list() }));

  route(app, 'roomExportFile', async (request, reply) => {
    const file = folder.fileName(request.params.file);
    if (!file) throw new AppError('NOT_FOUND');
    const html = file.endsWith('.html');
    reply
      .type(html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}"`)
      .header('cache-control', 'private, no-store')
      // Should a browser render the page anyway, nothing in it may run or load.
      .header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'");
    return reply.sendFile(file, folder.dir, { cacheControl: false, dotfiles: 'deny', contentType: false });
  });
}
