import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { route } from '../http/route.ts';
import { toPublic } from './user-views.ts';

/**
 * The people directory: every active colleague, searchable by name, department or position. The
 * full list (no search) also carries deleted accounts as tombstones (`deleted: true`, no name) so
 * old messages can say "(탈퇴한 사용자)".
 */
export function usersRoutes(app: FastifyInstance, { users, userAdmin, hub }: Pick<Services, 'users' | 'userAdmin' | 'hub'>): void {
  route(app, 'users', async (request) => {
    const q = request.query.q?.trim().toLowerCase() ?? '';
    // Substring match, so Korean names match on any part ("민수" finds "김민수").
    const found = (await users.listActive())
      .filter((u) => !q || [u.name, u.department, u.position].some((f) => f.toLowerCase().includes(q)))
      .map(toPublic);
    if (!q) found.push(...(await userAdmin.tombstones()).map(toPublic));
    return { users: found, online: hub.onlineUserIds() };
  });
}
