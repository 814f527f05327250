import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { UsersQuery, UsersReply } from '../protocol/http.ts';
import { toPublic } from './users-repo.ts';
import { requireUser } from './auth-guard.ts';

/** The people directory: every active colleague, searchable by name, department or position. */
export function usersRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Querystring: { q?: string } }>(
    '/api/users',
    { schema: { querystring: UsersQuery, response: { 200: UsersReply } } },
    async (request) => {
      requireUser(services, request);
      const q = request.query.q?.trim().toLowerCase() ?? '';
      // Substring match, so Korean names match on any part ("민수" finds "김민수").
      const users = services.users
        .listActive()
        .filter((u) => !q || [u.name, u.department, u.position].some((f) => f.toLowerCase().includes(q)))
        .map(toPublic);
      return { users, online: services.hub.onlineUserIds() };
    },
  );
}
