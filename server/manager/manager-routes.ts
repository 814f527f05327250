import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import type { ManagerState } from '../protocol/manager.ts';
import { changeConfig, envOverrides, type Config } from '../config/config.ts';
import { settingsView } from './settings-view.ts';
import { lanAddresses } from '../../certs/index.ts';
import { isLoopbackOnly, shareableAddresses } from './shareable-addresses.ts';
import { addressOf, isLocalRequest } from '../http/remote.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { requireManager } from './manager-guard.ts';
import { tailLines } from '../log/log-tail.ts';
import { securityEvent } from '../log/security-log.ts';
import type { Logger } from 'pino';
import { trustCounts } from '../realtime/trust-probe.ts';

type ManagerDeps = Pick<Services, 'config' | 'configLayers' | 'https' | 'users' | 'setupCode' | 'version' | 'managerKey' | 'stats' | 'setHttps' | 'hub' | 'logFile' | 'logger' | 'audit' | 'restart' | 'mdns'>;

export async function managerState(services: ManagerDeps, port: number): Promise<ManagerState> {
  const { config, https, users, setupCode } = services;
  const scheme = https.enabled ? 'https' : 'http';
  const hosts = shareableAddresses(config.host, lanAddresses()).map((a) => (a.includes(':') ? `[${a}]` : a));
  // The console is where HTTPS is switched on: have TLS ready so pages can test their trust first.
  await https.prepare();
  const state = https.state();
  const settings = settingsView(config, services.configLayers, port);
  const mdns = services.mdns.state();
  return {
    version: services.version,
    https: https.enabled,
    port,
    urls: hosts.map((h) => `${scheme}://${h}:${port}`),
    loopbackOnly: isLoopbackOnly(config.host),
    mdns: { ...mdns, url: mdns.interfaces.length > 0 ? `${scheme}://${mdns.hostname}:${port}` : null },
    trust: trustCounts(services.hub),
    cert: state.cert,
    caFingerprintSha256: (await https.caInfo()).fingerprintSha256,
    pendingSignups: await users.countByStatus('pending'),
    setupCode: setupCode.current ?? null,
    dataDir: config.dataDir,
    settings,
    restartPending: settings.some((s) => s.restartPending),
    restartAvailable: services.restart.available,
    needsSetup: !(await users.hasAdmin()),
  };
}

/**
 * The console page and its assets (served by the static plugin): the server PC only. Global. Judged
 * by the route the request matched, not its raw URL, which `/manager?x` or `/%6danager` would dodge.
 */
export function installManagerPageGuard(app: FastifyInstance, logger: Logger): void {
  app.addHook('onRequest', async (request) => {
    const pattern = request.routeOptions.url;
    if (pattern !== undefined && (pattern === '/manager' || pattern.startsWith('/manager/')) && !isLocalRequest(request)) {
      securityEvent(logger, 'manager_refused', { address: addressOf(request), reason: 'not this PC' });
      throw new AppError('FORBIDDEN');
    }
  });
}

/** The manager console's page and API: its own scope, loopback plus the per-launch key. */
export function managerRoutes(app: FastifyInstance, services: ManagerDeps): void {
  const key = services.managerKey;
  const port = () => (app.server.address() as { port: number } | null)?.port ?? services.config.port;

  route(app, 'managerPage', async (_request, reply) => reply.sendFile('manager/index.html'));

  app.register(async (scope) => {
    scope.addHook('onRequest', async (request) => requireManager(request, key, services.logger));
    managerApi(scope, services, port);
  });
}

function managerApi(app: FastifyInstance, services: ManagerDeps, port: () => number): void {
  route(app, 'managerState', async () => managerState(services, port()));

  route(app, 'managerStats', async () => ({ snapshot: services.stats.snapshot(), history: services.stats.history() }));

  // Server-sent events, one a second. fetch() streams them so the key can travel in a header.
  // An open stream would keep app.close() (a restart, a restore) waiting for ever: ended first.
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });
  route(app, 'managerEvents', async (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    streams.add(res);
    res.on('close', () => streams.delete(res));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const push = async () => {
      const event = { stats: services.stats.snapshot(), state: await managerState(services, port()) };
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    };
    void push();
    const timer = setInterval(() => void push().catch(() => res.destroy()), 1000);
    request.raw.on('close', () => clearInterval(timer));
  });

  // The manager console is the server PC itself: no user, the loopback address.
  const recorded = (action: 'https_switched' | 'cert_reissued' | 'settings_changed' | 'server_restarted', request: FastifyRequest, detail: Record<string, unknown> = {}) =>
    services.audit.record({ actorId: null, action, targetType: 'server', address: addressOf(request), detail: { via: 'manager', ...detail } });

  route(app, 'managerHttps', async (request) => {
    await services.setHttps(request.body.enabled);
    await recorded('https_switched', request, { enabled: request.body.enabled });
    return managerState(services, port());
  });

  route(app, 'managerReissueCert', async (request) => {
    await services.https.reissue();
    await recorded('cert_reissued', request);
    return managerState(services, port());
  });

  route(app, 'managerSettings', async (request) => {
    const { config, configLayers } = services;
    const env = envOverrides(configLayers.env);
    // Saved either way (it applies once the variable is gone), but the variable keeps winning meanwhile.
    const overridden = (Object.keys(request.body) as (keyof Config)[]).filter((key) => env[key] !== undefined);
    const running = { ...config };
    changeConfig(config, request.body, { listening: { port: port() } });
    for (const key of overridden) Object.assign(config, { [key]: running[key] });
    await recorded('settings_changed', request, request.body);
    if (request.body.pingIntervalMs || request.body.pingTimeoutMs) {
      services.hub.startHeartbeat(config.pingIntervalMs, config.pingTimeoutMs);
    }
    return { restartNeeded: settingsView(config, configLayers, port()).some((s) => s.restartPending), overridden };
  });

  // Answered first; the host closes this server and starts a new one a moment later.
  route(app, 'managerRestart', async (request, reply) => {
    if (!services.restart.available) throw new AppError('RESTART_UNAVAILABLE');
    await recorded('server_restarted', request);
    services.restart.request('manager');
    reply.code(202);
    return { ok: true as const };
  });

  route(app, 'managerLog', async (request) => ({ lines: await tailLines(services.logFile, Math.min(request.query.lines ?? 200, 1000)) }));
}
