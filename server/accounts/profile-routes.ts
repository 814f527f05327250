import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { route } from '../http/route.ts';
import { authOf } from './auth-scope.ts';
import { toAccount, toPublic } from './user-views.ts';

export function profileRoutes(app: FastifyInstance, { users, hub }: Pick<Services, 'users' | 'hub'>): void {
  route(app, 'updateProfile', async (request) => {
    const { user } = authOf(request);
    const name = request.body.name?.trim();
    await users.updateProfile(user.id, {
      ...(name ? { name } : {}),
      ...(request.body.statusMessage !== undefined ? { statusMessage: request.body.statusMessage.trim() } : {}),
    });
    const updated = (await users.get(user.id))!;
    hub.sendToAll({ type: 'user', user: toPublic(updated) });
    return { user: toAccount(updated) };
  });
}
