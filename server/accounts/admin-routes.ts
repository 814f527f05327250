import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import type { UserStatus } from '../protocol/models.ts';
import { CLOSE_CODES } from '../protocol/frames.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { toAccount } from './user-views.ts';
import { authOf } from './auth-scope.ts';
import { addressOf } from '../http/remote.ts';

// The minimal admin area: approve or reject sign-ups. Registered in the admin scope.

export function adminRoutes(app: FastifyInstance, { users, sessions, hub, logger, audit }: Pick<Services, 'users' | 'sessions' | 'hub' | 'logger' | 'audit'>): void {
  route(app, 'adminUsers', async (request) => {
    const status = request.query.status ?? 'pending';
    return { users: (await users.listByStatus(status)).map(toAccount) };
  });

  const decide = (name: 'approveUser' | 'rejectUser', status: UserStatus) =>
    route(app, name, async (request) => {
      const admin = authOf(request);
      const target = await users.get(request.params.id);
      if (!target) throw new AppError('USER_NOT_FOUND');
      if (target.id === admin.user.id) throw new AppError('FORBIDDEN');
      await users.setStatus(target.id, status, admin.user.id);
      // A rejected sign-up keeps its waiting session (it opens nothing), so the waiting screen can
      // say "rejected"; the screen then logs it out.
      const waiting = target.status === 'pending' && status === 'rejected';
      if (status !== 'active' && !waiting) {
        await sessions.revokeUser(target.id);
        hub.closeUser(target.id, CLOSE_CODES.LOGGED_OUT, 'account closed');
      }
      logger.info({ adminId: admin.user.id, userId: target.id, action: name === 'approveUser' ? 'approve' : 'reject' }, 'sign-up decided');
      const action = status === 'active' ? 'user_approved' : 'user_rejected';
      await audit.record({ actorId: admin.user.id, action, targetType: 'user', targetId: target.id, address: addressOf(request) });
      return { user: toAccount((await users.get(target.id))!) };
    });
  decide('approveUser', 'active');
  decide('rejectUser', 'rejected');
}
