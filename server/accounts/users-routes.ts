import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { route } from '../http/route.ts';
import { toPublic } from './user-views.ts';

/** The people directory: every active colleague, searchable by name, department or position. */
export function usersRoutes(app: FastifyInstance, { users, hub }: Pick<Services, 'users' | 'hub'>): void {
  route(app, 'users', async (request) => {
    const q = request.query.q?.trim().toLowerCase() ?? '';
    // Substring match, so Korean names match on any part ("민수" finds "김민수").
    const found = (await users.listActive())
      .filter((u) => !q || [u.name, u.department, u.position].some((f) => f.toLowerCase().includes(q)))
      .map(toPublic);
    return { users: found, online: hub.onlineUserIds() };
  });
}
