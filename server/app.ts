import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import { refuseHandshakesWithCatalogueBody } from './realtime/handshake-refusal.ts';
import pkg from '../package.json' with { type: 'json' };
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { createLogger } from './log/logger.ts';
import { endSecurityLog, setSecuritySink } from './log/security-log.ts';
import { securityAuditRecord } from './audit/security-audit.ts';
import { auditRoutes } from './audit/audit-routes.ts';
import { adminRoomsRoutes } from './admin-rooms/admin-rooms-routes.ts';
import { openStores, StoresUnavailableError, type OpenedBackend } from './storage/open-stores.ts';
import { createServices, type Services } from './services.ts';
import { PasswordHasher } from './accounts/passwords.ts';
import { AccountLimits, type AccountLimitPolicies } from './accounts/account-limits.ts';
import { SetupCode } from './accounts/setup-code.ts';
import type { ConnectionLimits } from './realtime/connection.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { installCrossSiteGuard } from './http/csrf-guard.ts';
import { errorBody } from './protocol/errors.ts';
import { healthRoutes } from './http/health-routes.ts';
import { defaultWebRoot, staticRoutes } from './http/static-routes.ts';
import { authRoutes, meRoutes } from './accounts/auth-routes.ts';
import { requireAdminRole, requireLogin } from './accounts/auth-scope.ts';
import { adminRoutes } from './accounts/admin-routes.ts';
import { adminUserRoutes } from './accounts/admin-user-routes.ts';
import { usersRoutes } from './accounts/users-routes.ts';
import { roomsRoutes } from './rooms/rooms-routes.ts';
import { wsErrorHandler, wsRoute } from './realtime/ws-route.ts';
import { Hub } from './realtime/hub.ts';
import { Stats } from './stats/stats.ts';
import { createDualProtocolServer, type DualProtocolServer } from './https/dual-protocol.ts';
import { HttpsController } from './https/https-controller.ts';
import { MdnsService } from './mdns/mdns-service.ts';
import { installSchemeRedirect } from './https/scheme-redirect.ts';
import { caRoutes } from './https/ca-routes.ts';
import { installManagerPageGuard, managerRoutes } from './manager/manager-routes.ts';
import fastifyMultipart from '@fastify/multipart';
import { FileStorage } from './files/file-storage.ts';
import { uploadRoutes } from './files/upload-routes.ts';
import { deviceRoutes } from './secret/device-routes.ts';
import { keyRoutes } from './secret/key-routes.ts';
import { downloadRoutes } from './files/download-routes.ts';
import { messageRoutes } from './messages/message-routes.ts';
import { searchRoutes } from './search/search-routes.ts';
import { profileRoutes } from './accounts/profile-routes.ts';
import { passwordRoutes } from './accounts/password-routes.ts';
import { settingsRoutes } from './accounts/settings-routes.ts';
import { restartThrough } from './lifecycle/restart.ts';
import { passwordResetRoutes } from './accounts/password-reset-routes.ts';
import { resetAdminRoutes } from './accounts/reset-admin-routes.ts';
import { changeConfig } from './config/config.ts';
import { Backups } from './backup/backups.ts';
import { applyPendingRestore } from './backup/restore-at-start.ts';
import { backupRoutes } from './backup/backup-routes.ts';
import { lazySchemaCompilers } from './http/lazy-schema-compilers.ts';
import { trustProxyOption } from './http/trusted-proxies.ts';
import { startBus } from './cluster/start-bus.ts';
import { LocalBus } from './cluster/bus.ts';
import { RedisUnreachableError, type RedisBusOptions } from './cluster/redis-bus.ts';
import { askTrust } from './realtime/trust-probe.ts';

export interface BuildOptions extends Partial<Config> {
  /** Also log to stdout (the headless console). Tests turn it off. */
  logToStdout?: boolean;
  /** Environment to read SOTONG_* from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  wsLimits?: Partial<ConnectionLimits>;
  webRoot?: string;
  /** The manager console's per-launch secret; the desktop shell passes its own. */
  managerKey?: string;
  /** Grace period for sockets on the old scheme after an HTTPS switch (tests shorten it). */
  schemeGraceMs?: number;
  /** Login, sign-up and setup-code limits (tests shorten the windows). */
  accountLimits?: Partial<AccountLimitPolicies>;
  /** The clock reset requests and tokens expire by (tests move it forward). */
  clock?: () => number;
  /** Given by a host that can restart this server in place (lifecycle/server-host.ts). */
  onRestart?: () => void;
  /** The cluster bus: its Redis (default SOTONG_REDIS_URL) and timings (tests shorten them, and give their own prefix). */
  cluster?: Partial<Omit<RedisBusOptions, 'hub' | 'rooms' | 'messages' | 'logger'>>;
}

/** Largest WebSocket frame accepted: a 10,000-character message with JSON escaping fits easily. */
export const WS_MAX_PAYLOAD = 64 * 1024;

const DEFAULT_WS_LIMITS: ConnectionLimits = { burst: 60, perSecond: 30, maxBufferedBytes: 4 * 1024 * 1024 };

/** How long pages may stay on the old scheme after HTTPS is switched, to finish pending sends. */
const SCHEME_GRACE_MS = 30_000;

export class StartupError extends Error {}

function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch {
    throw new StartupError(`Sotong cannot write to its data folder ${dataDir}; choose another folder with SOTONG_DATA_DIR or fix its permissions.`);
  }
}

/** Builds the whole server without listening, so tests and the desktop shell choose how to listen. */
export async function build(options: BuildOptions = {}): Promise<{ app: FastifyInstance; services: Services }> {
  const { logToStdout = true, env, wsLimits, webRoot, managerKey, schemeGraceMs = SCHEME_GRACE_MS, accountLimits, clock = Date.now, onRestart, cluster, ...overrides } = options;
  let config: Config;
  try {
    config = loadConfig(overrides, env);
  } catch (err) {
    if (err instanceof ConfigError) throw new StartupError(err.message);
    throw err;
  }
  prepareDataDir(config.dataDir);
  // A restore asked for before the restart is swapped in now, while nothing holds the files; the
  // restored config.json is then read like any other.
  const restored = applyPendingRestore(config.dataDir);
  if (restored?.ok) {
    try {
      config = loadConfig(overrides, env);
    } catch (err) {
      if (err instanceof ConfigError) throw new StartupError(`The restored ${err.message}`);
      throw err;
    }
  }
  const { logger, file: logFile, logFile: logSink } = createLogger(config.dataDir, config.logLevel, logToStdout);
  if (restored) logger[restored.ok ? 'info' : 'error']({ restore: restored }, restored.ok ? 'backup restored' : 'restore failed; the previous data stays');

  let backend: OpenedBackend;
  try {
    backend = await openStores(config);
  } catch (err) {
    if (err instanceof StoresUnavailableError) {
      await logSink.close();
      throw new StartupError(err.message);
    }
    throw err;
  }
  const { stores, dbFile } = backend;
  const hub = new Hub();
  const startedAt = Date.now();
  const stats = new Stats({
    connections: () => hub.connectionCount,
    onlineUsers: () => hub.onlineCount,
    dbFile,
    uploadsDir: path.join(config.dataDir, 'uploads'),
    dataDir: config.dataDir,
    startedAt,
  });
  let dual: DualProtocolServer | undefined;
  let trustProxy: false | string[];
  try {
    trustProxy = trustProxyOption(config.trustedProxies);
  } catch (err) {
    throw new StartupError((err as Error).message);
  }
  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Per-request lines would be most of the log on a busy day; errors are logged where they occur.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    trustProxy,
    // Schemas compile on first use, not all at start-up (http/lazy-schema-compilers.ts).
    schemaController: { compilersFactory: lazySchemaCompilers() },
    // Requests Fastify cannot even route (malformed URLs) get the catalogue's shape too.
    frameworkErrors: (_err, _request, reply) => {
      (reply as unknown as FastifyReply).code(400).send(errorBody('BAD_REQUEST'));
    },
    // One port that speaks both HTTP and HTTPS, so HTTPS can be switched while running.
    serverFactory: (handler) => {
      dual = createDualProtocolServer(handler);
      return dual.server;
    },
  });
  const mdns = new MdnsService(config, logger);
  const https = new HttpsController(config.dataDir, dual!, logger, config.mdns ? [mdns.hostname] : [], () => askTrust(hub));
  let schemeTimer: NodeJS.Timeout | undefined;
  // Open pages learn of the switch at once and move when their pending sends are acknowledged;
  // sockets still on the old scheme after the grace period are closed (the clients reconnect).
  const announceScheme = (enabled: boolean) => {
    const port = (app.server.address() as { port: number } | null)?.port ?? config.port;
    hub.sendToAllHere({ type: 'scheme', https: enabled, port });
    clearTimeout(schemeTimer);
    schemeTimer = setTimeout(() => hub.closeWhere((c) => c.secure !== enabled, 1012, 'scheme changed'), schemeGraceMs);
    schemeTimer.unref();
  };

  const services = createServices(stores, {
    config,
    configLayers: { env: env ?? process.env, launch: overrides },
    logger,
    logFile,
    hub,
    clock,
    hasher: new PasswordHasher(),
    accountLimits: new AccountLimits(accountLimits),
    setupCode: new SetupCode(),
    wsLimits: { ...DEFAULT_WS_LIMITS, ...wsLimits },
    startedAt,
    version: pkg.version,
    stats,
    https,
    storage: new FileStorage(config.dataDir),
    managerKey: managerKey ?? randomBytes(24).toString('base64url'),
    restart: restartThrough(onRestart, logger),
    mdns,
    bus: new LocalBus(),
    backups: new Backups({ config, logger, version: pkg.version, dbFile, clock, diskLow: () => stats.snapshot().diskLow }),
    async setHttps(enabled) {
      if (enabled) await https.enable();
      else https.disable();
      changeConfig(config, { https: enabled });
      announceScheme(enabled);
    },
  });
  // With a Redis URL this node joins the others; without, the local bus attaches nothing to the hub.
  try {
    services.bus = await startBus(cluster?.url ?? (config.redisUrl || undefined), { hub, rooms: services.rooms, messages: services.messages, logger }, cluster);
  } catch (err) {
    await stores.close();
    await logSink.close();
    if (err instanceof RedisUnreachableError) throw new StartupError(err.message);
    throw err;
  }
  setSecuritySink(logger, (kind, fields) => services.audit.recordSecurity(securityAuditRecord(kind, fields)));
  services.audit.start();
  if (restored) {
    await services.audit.record({ actorId: null, action: 'backup_restored', targetType: 'server', address: undefined, detail: { via: 'manager', backup: restored.name, ok: restored.ok, keptAs: restored.keptAs ?? '' } });
  }
  await services.sessions.purgeExpired();
  const swept = services.storage.sweepOrphans(await services.files.storageNames());
  if (swept > 0) logger.info({ swept }, 'removed stored files no longer referenced');
  if (config.https) await https.enable();
  // HTTPS was on before: accept TLS at once so open pages can run the trust probe (docs/https.md).
  else if (https.hasServerCert) await https.prepare();

  // Hooks first: the not-found handler only runs the hooks registered before it.
  installSchemeRedirect(app, https);
  installCrossSiteGuard(app, logger);
  app.addHook('onResponse', async () => stats.countRequest());
  installErrorHandler(app);
  await app.register(fastifyCookie);
  // No permessage-deflate: LAN bandwidth is cheap, CPU is not, and the heartbeat's prebuilt ping
  // (realtime/connection.ts) relies on ws writing every frame at once.
  await app.register(fastifyWebsocket, { options: { maxPayload: WS_MAX_PAYLOAD, perMessageDeflate: false }, errorHandler: wsErrorHandler });
  refuseHandshakesWithCatalogueBody(app.websocketServer);
  await app.register(fastifyMultipart);

  app.decorateRequest('auth', null);
  installManagerPageGuard(app, logger);

  // The public scope: no session needed.
  await app.register(async (scope) => {
    healthRoutes(scope, services);
    authRoutes(scope, services);
    passwordResetRoutes(scope, services);
    caRoutes(scope, https);
  });
  // The socket admits itself at the upgrade (origin, session, connection caps).
  await app.register(async (scope) => wsRoute(scope, services));
  await staticRoutes(app, webRoot ?? defaultWebRoot());
  // The authenticated scope, after the static plugin: downloads use its range-capable sender.
  await app.register(async (scope) => {
    requireLogin(scope, services);
    meRoutes(scope);
    usersRoutes(scope, services);
    profileRoutes(scope, services);
    passwordRoutes(scope, services);
    settingsRoutes(scope, services);
    roomsRoutes(scope, services);
    messageRoutes(scope, services);
    searchRoutes(scope, services);
    uploadRoutes(scope, services);
    deviceRoutes(scope, services);
    keyRoutes(scope, services);
    downloadRoutes(scope, services);
    await scope.register(async (admins) => {
      requireAdminRole(admins);
      adminRoutes(admins, services);
      adminUserRoutes(admins, services);
      auditRoutes(admins, services);
      adminRoomsRoutes(admins, services);
      resetAdminRoutes(admins, services);
    });
  });
  // The manager scope: loopback and the per-launch key.
  await app.register(async (scope) => managerRoutes(scope, services));
  await app.register(async (scope) => backupRoutes(scope, services));

  // The name is answered once the port is known, and withdrawn before the database closes.
  app.addHook('onListen', async () => {
    const port = (app.server.address() as { port: number } | null)?.port ?? config.port;
    await mdns.start(port, () => (https.enabled ? 'https' : 'http'));
  });
  app.addHook('onClose', async () => mdns.stop());
  hub.startHeartbeat(config.pingIntervalMs, config.pingTimeoutMs);
  stats.start();
  services.backups.start();
  app.addHook('onClose', async () => {
    clearTimeout(schemeTimer);
    hub.stop();
    stats.stop();
    services.backups.stop();
    https.stop();
    services.hasher.close();
    services.audit.stop();
    await services.bus.stop();
    // The last summaries reach the log and the audit table before the database closes.
    endSecurityLog(logger);
    await services.audit.flush();
    await stores.close();
    await logSink.close();
  });

  if (!(await services.users.hasAdmin())) {
    const code = services.setupCode.issue();
    logger.warn({ setupCode: code }, `No admin yet. Create one from this PC, or from another with setup code ${code}`);
  }
  return { app, services };
}
