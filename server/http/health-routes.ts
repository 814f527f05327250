import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { Health } from '../protocol/http.ts';

export function healthRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/health', { schema: { response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
    version: services.version,
    uptimeSec: Math.round((Date.now() - services.startedAt) / 1000),
  }));
}
