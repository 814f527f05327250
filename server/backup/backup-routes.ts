import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import { AppError } from '../http/app-error.ts';
import { addressOf } from '../http/remote.ts';
import { route } from '../http/route.ts';
import { requireManager } from '../manager/manager-guard.ts';

type BackupDeps = Pick<Services, 'backups' | 'audit' | 'restart' | 'managerKey' | 'logger'>;

/** The manager console's backup card: loopback plus the per-launch key, like the rest of the manager API. */
export function backupRoutes(app: FastifyInstance, services: BackupDeps): void {
  app.addHook('onRequest', async (request) => requireManager(request, services.managerKey, services.logger));

  const recorded = (action: 'backup_made', request: FastifyRequest, detail: Record<string, unknown>) =>
    services.audit.record({ actorId: null, action, targetType: 'server', address: addressOf(request), detail: { via: 'manager', ...detail } });

  route(app, 'managerBackups', async () => services.backups.state());

  route(app, 'managerBackupNow', async (request) => {
    const info = await services.backups.make('manual');
    await recorded('backup_made', request, { backup: info.name, bytes: info.sizeBytes });
    return info;
  });

  // Checked and the current state kept now; swapped in by the restart that follows the reply.
  route(app, 'managerRestore', async (request, reply) => {
    if (!services.restart.available) throw new AppError('RESTART_UNAVAILABLE');
    const { keptAs } = await services.backups.prepareRestore(request.params.name);
    // The audit entry is written by the start that swaps the backup in (app.ts): one written now
    // would be in the database that is about to be replaced.
    services.restart.request('restore');
    reply.code(202);
    return { ok: true as const, keptAs };
  });
}
