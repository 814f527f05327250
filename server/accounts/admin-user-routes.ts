import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import type { AuditAction } from '../protocol/audit-actions.ts';
import { addressOf } from '../http/remote.ts';
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

export function adminUserRoutes(app: FastifyInstance, deps: AdminActionDeps & Pick<Services, 'audit'>): void {
  const admin = (request: Parameters<typeof authOf>[0]) => authOf(request).user;
  /** One audit entry for an action an admin took on an account (after it succeeded). */
  const recorded = async <T>(request: FastifyRequest, action: AuditAction, result: T, detail: Record<string, unknown> = {}): Promise<T> => {
    const { id } = request.params as { id: number };
    await deps.audit.record({ actorId: admin(request).id, action, targetType: 'user', targetId: id, address: addressOf(request), detail });
    return result;
  };

  route(app, 'setUserRole', async (request) => {
    const action = request.body.role === 'admin' ? 'user_promoted' : 'user_demoted';
    return recorded(request, action, { user: await setUserRole(deps, admin(request), request.params.id, request.body.role) });
  });
  route(app, 'disableUser', async (request) => recorded(request, 'user_disabled', { user: await disableUser(deps, admin(request), request.params.id) }));
  route(app, 'enableUser', async (request) => recorded(request, 'user_enabled', { user: await enableUser(deps, admin(request), request.params.id) }));
  route(app, 'setUserWork', async (request) =>
    recorded(request, 'user_updated', { user: await setUserWork(deps, admin(request), request.params.id, request.body) }, { ...request.body }),
  );
  route(app, 'forceLogout', async (request) => {
    await forceLogout(deps, admin(request), request.params.id);
    return recorded(request, 'user_logged_out', { ok: true as const });
  });
  route(app, 'deleteUser', async (request) => {
    // The name before the tombstone replaces it.
    const name = (await deps.users.get(request.params.id))?.name ?? '';
    const result = await deleteUser(deps, admin(request), request.params.id);
    await deps.audit.record({
      actorId: admin(request).id,
      action: 'user_deleted',
      targetType: 'user',
      targetId: request.params.id,
      targetName: name,
      address: addressOf(request),
      detail: { export: result.export.name },
    });
    return result;
  });

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
