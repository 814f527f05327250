import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { MeReply, ProfileRequest } from '../protocol/http.ts';
import { requireUser } from './auth-guard.ts';
import { toAccount, toPublic } from './users-repo.ts';

export function profileRoutes(app: FastifyInstance, services: Services): void {
  app.put<{ Body: ProfileRequest }>(
    '/api/me/profile',
    { schema: { body: ProfileRequest, response: { 200: MeReply } } },
    async (request) => {
      const { user } = requireUser(services, request);
      const name = request.body.name?.trim();
      services.users.updateProfile(user.id, {
        ...(name ? { name } : {}),
        ...(request.body.statusMessage !== undefined ? { statusMessage: request.body.statusMessage.trim() } : {}),
      });
      const updated = services.users.get(user.id)!;
      services.hub.sendToAll({ type: 'user', user: toPublic(updated) });
      return { user: toAccount(updated) };
    },
  );
}
