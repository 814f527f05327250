import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebsocketPluginOptions } from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { addressOf, isRelayed } from '../http/remote.ts';
import type { Services } from '../services.ts';
import { CLOSE_CODES } from '../protocol/frames.ts';
import { AppError } from '../http/app-error.ts';
import { socketRoute } from '../http/route.ts';
import { authenticate } from '../accounts/auth-guard.ts';
import { toAccount } from '../accounts/user-views.ts';
import { isAllowedOrigin } from './origin.ts';
import { connectionsAllowedByFiles, openFileLimit } from './open-file-limit.ts';
import { Connection } from './connection.ts';
import { parseFrame } from './parse-frame.ts';
import { handleFrame, type FrameDeps } from './frame-handlers.ts';
import { sendError } from './send-error.ts';
import { failureCode } from '../util/failure-code.ts';
import { securityEvent } from '../log/security-log.ts';

/** A peer that keeps pushing after this many refused frames in a row is disconnected. */
const MAX_REFUSED_IN_A_ROW = 50;
/**
 * Frames accepted but not yet handled, per connection; more are refused. Only a client that sends
 * while its earlier frames wait (a sync waiting for it to read its answers) comes near it.
 */
export const MAX_QUEUED_FRAMES = 100;

/** The code of a socket error the client caused (a frame too big, invalid UTF-8, a reset…), if it is one. */
function clientErrorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  return code.startsWith('WS_ERR_') || ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED'].includes(code) ? code : undefined;
}

/**
 * A protocol violation (a frame over maxPayload, invalid UTF-8…): ws has already sent the close frame
 * with its status (1009, 1007…) and closes the socket itself once the peer answers, or after its
 * close timeout. Terminating here would throw that frame and any reply still queued away (1006).
 */
function wsIsClosingFor(err: unknown): boolean {
  return clientErrorCode(err)?.startsWith('WS_ERR_') ?? false;
}

/**
 * @fastify/websocket's handler for errors on an open socket (its default logs each at error level
 * with a stack). A client's protocol violation is one short warn line; anything else is ours.
 */
export const wsErrorHandler: NonNullable<WebsocketPluginOptions['errorHandler']> = (err, socket, request) => {
  const code = clientErrorCode(err);
  if (code) {
    // A broken or hostile client (warn) or a dropped network (debug); no stack, which is ours alone.
    const level = code.startsWith('WS_ERR_') ? 'warn' : 'debug';
    request.log[level]({ code, userId: request.auth?.user.id, ip: request.ip }, 'websocket closed: client error');
  } else {
    request.log.error({ err, userId: request.auth?.user.id }, 'websocket failed');
  }
  if (!wsIsClosingFor(err)) socket.terminate();
};

/** Why this upgrade request speaks a WebSocket we do not (RFC 6455 is version 13), if it does. */
function versionProblem(request: FastifyRequest): AppError | undefined {
  if (request.headers.upgrade?.toLowerCase() !== 'websocket') return undefined;
  const version = request.headers['sec-websocket-version'];
  if (version === undefined) return new AppError('BAD_REQUEST');
  // RFC 6455 §4.4: refuse with the versions we do speak.
  if (version.trim() !== '13') return new AppError('WS_VERSION_UNSUPPORTED', { 'sec-websocket-version': '13' });
  return undefined;
}


export type WsDeps = FrameDeps & Pick<Services, 'users' | 'sessions' | 'config' | 'logger' | 'wsLimits'>;

export function wsRoute(app: FastifyInstance, services: WsDeps): void {
  const { hub, config, logger } = services;
  const fileLimit = openFileLimit();
  const allowedByFiles = connectionsAllowedByFiles(fileLimit);
  if (allowedByFiles < config.maxConnections) {
    logger.warn({ openFileLimit: fileLimit, maxConnections: config.maxConnections, allowed: allowedByFiles }, 'the open-file limit allows fewer WebSocket connections than maxConnections: raise it (ulimit -n, LimitNOFILE=)');
  }

  // Runs before the upgrade: a refused client never gets a socket.
  const admit = async (request: FastifyRequest) => {
    const unsupported = versionProblem(request);
    if (unsupported) throw unsupported;
    const scheme = request.protocol === 'https' ? 'https' : 'http';
    if (!isAllowedOrigin(request.headers.origin, request.headers.host, scheme)) {
      securityEvent(logger, 'cross_site_refused', { address: addressOf(request), origin: request.headers.origin ?? null, path: '/ws' });
      throw new AppError('BAD_ORIGIN');
    }
    const auth = await authenticate(services, request);
    if (!auth) throw new AppError('UNAUTHENTICATED');
    if (hub.connectionCount >= Math.min(config.maxConnections, allowedByFiles)) throw new AppError('TOO_MANY_CONNECTIONS');
    request.auth = auth;
  };

  socketRoute(app, 'socket', (socket: WebSocket, request) => {
    const { user, session } = request.auth!;
    const conn = new Connection(socket, user.id, session.tokenHash, services.wsLimits, request.protocol === 'https', protocolVersionOf(request.url));
    // TCP keepalive to a proxy would say nothing of the client behind it (realtime/heartbeat.ts).
    conn.relayed = isRelayed(request);
    // Logged by wsErrorHandler, which sees the same error.
    socket.on('error', (err) => (wsIsClosingFor(err) ? conn.stopSending() : conn.terminate()));
    if (hub.countFor(user.id) >= config.maxConnectionsPerUser) {
      conn.close(CLOSE_CODES.TOO_MANY, 'too many connections');
      return;
    }
    hub.add(conn);
    // One frame at a time per connection, in arrival order, whatever the storage's latency.
    let queue = Promise.resolve();
    let queued = 0;
    socket.on('close', () => {
      // Closed by the peer: whatever is still being built for it (a sync waiting on the store) stops.
      conn.stopSending();
      hub.remove(conn);
    });
    socket.on('message', (data, isBinary) => {
      if (conn.closed) return;
      conn.heard();
      const parsed = isBinary ? undefined : parseFrame(data.toString());
      // Name a refused send so the client can mark that bubble failed and offer a retry.
      const tempId = !parsed ? undefined : parsed.ok ? (parsed.frame.type === 'send' ? parsed.frame.tempId : undefined) : parsed.tempId;
      if (!conn.bucket.take()) {
        securityEvent(logger, 'frame_rate_limited', { address: addressOf(request), userId: user.id });
        if (conn.bucket.refusedInARow > MAX_REFUSED_IN_A_ROW) return conn.close(CLOSE_CODES.POLICY, 'rate limit');
        return sendError(conn, 'RATE_LIMITED', tempId);
      }
      if (!parsed) return sendError(conn, 'BAD_REQUEST');
      if (!parsed.ok) return sendError(conn, parsed.code, parsed.tempId);
      if (queued >= MAX_QUEUED_FRAMES) return sendError(conn, 'RATE_LIMITED', tempId);
      const frame = parsed.frame;
      queued++;
      queue = queue
        .then(() => (conn.closed ? undefined : handleFrame(services, conn, frame)))
        .catch((err: unknown) => {
          const code = failureCode(err);
          if (code === 'DISK_FULL') logger.warn({ userId: user.id, frame: frame.type }, 'frame failed: the disk is full');
          else if (code === 'DATABASE_UNAVAILABLE') logger.warn({ userId: user.id, frame: frame.type, why: (err as Error).message }, 'frame failed: the database is unavailable');
          else logger.error({ err, userId: user.id, frame: frame.type }, 'frame failed');
          sendError(conn, code, tempId);
        })
        .then(() => {
          queued--;
        });
    });
    conn.sendFrame({ type: 'ready', user: toAccount(user), online: hub.readySnapshot(conn) });
  }, { preValidation: admit });
}

/** `/ws?v=2`: the protocol version a page speaks (1 without it, or with a version this server does not know). */
export function protocolVersionOf(url: string): number {
  const query = url.indexOf('?');
  if (query < 0) return 1;
  return new URLSearchParams(url.slice(query + 1)).get('v') === '2' ? 2 : 1;
}
