import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import {
  HttpsToggleRequest,
  LogReply,
  ManagerState,
  SettingsReply,
  SettingsRequest,
  type ManagerState as ManagerStateT,
} from '../protocol/manager.ts';
import { saveConfigValues } from '../config/config.ts';
import { lanAddresses } from '../../certs/index.ts';
import { isLoopback } from '../http/remote.ts';
import { AppError } from '../http/app-error.ts';
import { requireManager } from './manager-guard.ts';
import { tailLines } from '../log/log-tail.ts';

export async function managerState(services: Services, port: number): Promise<ManagerStateT> {
  const { config, https, users, setupCode } = services;
  const scheme = https.enabled ? 'https' : 'http';
  const hosts = lanAddresses().map((a) => (a.includes(':') ? `[${a}]` : a));
  const state = https.state();
  return {
    version: services.version,
    https: https.enabled,
    port,
    urls: hosts.map((h) => `${scheme}://${h}:${port}`),
    cert: state.cert,
    caFingerprintSha256: (await https.caInfo()).fingerprintSha256,
    pendingSignups: users.countByStatus('pending'),
    setupCode: setupCode.current ?? null,
    dataDir: config.dataDir,
    settings: {
      port: config.port,
      pingIntervalMs: config.pingIntervalMs,
      pingTimeoutMs: config.pingTimeoutMs,
      maxConnections: config.maxConnections,
    },
  };
}

export function managerRoutes(app: FastifyInstance, services: Services): void {
  const key = services.managerKey;
  const port = () => (app.server.address() as { port: number } | null)?.port ?? services.config.port;
  const guard = { onRequest: async (request: Parameters<typeof requireManager>[0]) => requireManager(request, key) };

  // The console page and its assets: the server PC only.
  app.addHook('onRequest', async (request) => {
    if ((request.url === '/manager' || request.url.startsWith('/manager/')) && !isLoopback(request.socket.remoteAddress)) {
      throw new AppError('FORBIDDEN');
    }
  });
  app.get('/manager', async (_request, reply) => reply.sendFile('manager/index.html'));

  app.get('/api/manager/state', { ...guard, schema: { response: { 200: ManagerState } } }, async () =>
    managerState(services, port()),
  );

  app.get('/api/manager/stats', guard, async () => ({ snapshot: services.stats.snapshot(), history: services.stats.history() }));

  // Server-sent events, one a second. fetch() streams them so the key can travel in a header.
  app.get('/api/manager/events', guard, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const push = async () => {
      const event = { stats: services.stats.snapshot(), state: await managerState(services, port()) };
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    };
    void push();
    const timer = setInterval(() => void push().catch(() => res.destroy()), 1000);
    request.raw.on('close', () => clearInterval(timer));
  });

  app.post<{ Body: HttpsToggleRequest }>(
    '/api/manager/https',
    { ...guard, schema: { body: HttpsToggleRequest, response: { 200: ManagerState } } },
    async (request) => {
      await services.setHttps(request.body.enabled);
      return managerState(services, port());
    },
  );

  app.post('/api/manager/cert/reissue', { ...guard, schema: { response: { 200: ManagerState } } }, async () => {
    await services.https.reissue();
    return managerState(services, port());
  });

  app.put<{ Body: SettingsRequest }>(
    '/api/manager/settings',
    { ...guard, schema: { body: SettingsRequest, response: { 200: SettingsReply } } },
    async (request) => {
      const { port: newPort, ...live } = request.body;
      saveConfigValues(services.config.dataDir, request.body);
      Object.assign(services.config, live);
      if (live.pingIntervalMs || live.pingTimeoutMs) {
        services.hub.startHeartbeat(services.config.pingIntervalMs, services.config.pingTimeoutMs);
      }
      return { restartNeeded: newPort !== undefined && newPort !== port() };
    },
  );

  app.get<{ Querystring: { lines?: number } }>(
    '/api/manager/log',
    { ...guard, schema: { response: { 200: LogReply } } },
    async (request) => ({ lines: await tailLines(services.logFile, Math.min(Number(request.query.lines) || 200, 1000)) }),
  );
}
