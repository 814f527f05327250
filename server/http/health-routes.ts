import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { route } from './route.ts';

export function healthRoutes(app: FastifyInstance, { version, startedAt }: Pick<Services, 'version' | 'startedAt'>): void {
  route(app, 'health', async () => ({
    status: 'ok' as const,
    version,
    uptimeSec: Math.round((Date.now() - startedAt) / 1000),
  }));
}
