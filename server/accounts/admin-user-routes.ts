import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { EXPORT_FOLDERS, exportFile, listExports } from '../exports/export-files.ts';
import { authOf } from './auth-scope.ts';
import {
  deleteUser,
  disableUser,
  enableUser,
  forceLogout,
  setUserRole,
  setUserWork,
  type AdminActionDeps,
} from './admin-user-actions.ts';

// The admin users area's actions on one account and the deleted users' exports. Registered in
// the admin scope, so every route here answers 403 to anyone but an active admin.

export function adminUserRoutes(app: FastifyInstance, deps: AdminActionDeps): void {
  const admin = (request: Parameters<typeof authOf>[0]) => authOf(request).user;

  route(app, 'setUserRole', async (request) => ({ user: await setUserRole(deps, admin(request), request.params.id, request.body.role) }));
  route(app, 'disableUser', async (request) => ({ user: await disableUser(deps, admin(request), request.params.id) }));
  route(app, 'enableUser', async (request) => ({ user: await enableUser(deps, admin(request), request.params.id) }));
  route(app, 'setUserWork', async (request) => ({ user: await setUserWork(deps, admin(request), request.params.id, request.body) }));
  route(app, 'forceLogout', async (request) => {
    await forceLogout(deps, admin(request), request.params.id);
    return { ok: true as const };
  });
  route(app, 'deleteUser', async (request) => deleteUser(deps, admin(request), request.params.id));

  const folder = path.join(deps.config.dataDir, EXPORT_FOLDERS.user);
  route(app, 'userExports', async () => ({
    exports: await listExports(folder, async (id) => (await deps.users.get(id))?.name ?? `#${id}`),
  }));
  route(app, 'userExportFile', async (request, reply) => {
    const { file } = request.params;
    const full = await exportFile(folder, file);
    if (!full) throw new AppError('NOT_FOUND');
    const html = file.endsWith('.html');
    reply
      .type(html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}"`)
      .header('cache-control', 'private, no-store')
      // Opened in place anyway, the page may show itself but never run anything.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    return reply.send(fs.createReadStream(full));
  });
}
