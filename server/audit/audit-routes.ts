import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { route } from '../http/route.ts';

// The audit log for admins (registered in the admin scope): filters, newest first, paging.

export function auditRoutes(app: FastifyInstance, { audit }: Pick<Services, 'audit'>): void {
  route(app, 'adminAudit', async (request) => audit.list(request.query));
}
