import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { AdminUsersQuery, AdminUsersReply, IdParams, MeReply } from '../protocol/http.ts';
import type { UserStatus } from '../protocol/models.ts';
import { CLOSE_CODES } from '../protocol/frames.ts';
import { AppError } from '../http/app-error.ts';
import { toAccount } from './users-repo.ts';
import { requireAdmin } from './auth-guard.ts';

// The minimal admin area: approve or reject sign-ups. The full admin area builds on these.

export function adminRoutes(app: FastifyInstance, services: Services): void {
  const { users, logger } = services;

  app.get<{ Querystring: { status?: UserStatus } }>(
    '/api/admin/users',
    { schema: { querystring: AdminUsersQuery, response: { 200: AdminUsersReply } } },
    async (request) => {
      requireAdmin(services, request);
      const status = request.query.status ?? 'pending';
      return { users: users.listByStatus(status).map(toAccount) };
    },
  );

  const decide = (action: 'approve' | 'reject', status: UserStatus) =>
    app.post<{ Params: IdParams }>(
      `/api/admin/users/:id/${action}`,
      { schema: { params: IdParams, response: { 200: MeReply } } },
      async (request) => {
        const admin = requireAdmin(services, request);
        const target = users.get(request.params.id);
        if (!target) throw new AppError('USER_NOT_FOUND');
        if (target.id === admin.user.id) throw new AppError('FORBIDDEN');
        users.setStatus(target.id, status, admin.user.id);
        if (status !== 'active') {
          services.sessions.revokeUser(target.id);
          services.hub.closeUser(target.id, CLOSE_CODES.LOGGED_OUT, 'account closed');
        }
        logger.info({ adminId: admin.user.id, userId: target.id, action }, 'sign-up decided');
        return { user: toAccount(users.get(target.id)!) };
      },
    );
  decide('approve', 'active');
  decide('reject', 'rejected');
}
