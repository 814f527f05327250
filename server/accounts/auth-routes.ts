import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import type { SignupRequest } from '../protocol/http.ts';
import { CLOSE_CODES } from '../protocol/frames.ts';
import type { ErrorCode } from '../protocol/errors.ts';
import { AppError } from '../http/app-error.ts';
import { isLoopback } from '../http/remote.ts';
import { route } from '../http/route.ts';
import { securityEvent } from '../log/security-log.ts';
import { toAccount } from './user-views.ts';
import { authenticate, clearSessionCookie, setSessionCookie } from './auth-guard.ts';
import { authOf } from './auth-scope.ts';
import { SESSION_COOKIE } from './session-tokens.ts';

const STATUS_ERRORS: Record<string, ErrorCode> = {
  pending: 'ACCOUNT_PENDING',
  rejected: 'ACCOUNT_REJECTED',
  disabled: 'ACCOUNT_DISABLED',
};

function normalise(fields: SignupRequest) {
  return {
    name: fields.name.trim(),
    employeeNo: fields.employeeNo.trim(),
    department: fields.department.trim(),
    position: fields.position.trim(),
    email: fields.email.trim(),
  };
}

function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

type AuthRoutesDeps = Pick<Services, 'users' | 'sessions' | 'hasher' | 'loginLimiter' | 'setupCode' | 'logger' | 'hub'>;

/** Setting up, signing up, logging in and out: the public scope. */
export function authRoutes(app: FastifyInstance, services: AuthRoutesDeps): void {
  const { users, sessions, hasher, loginLimiter, setupCode, logger, hub } = services;

  route(app, 'setupStatus', async (request) => ({
    needed: !(await users.hasAdmin()),
    local: isLoopback(request.socket.remoteAddress),
  }));

  route(app, 'setup', async (request, reply) => {
    if (await users.hasAdmin()) throw new AppError('SETUP_DONE');
    const address = request.socket.remoteAddress;
    const local = isLoopback(address);
    if (!local && !setupCode.matches(request.body.setupCode)) {
      securityEvent(logger, 'setup_refused', { address });
      throw new AppError('SETUP_NOT_ALLOWED');
    }
    const fields = normalise(request.body);
    if (await users.isTaken(fields.email, fields.employeeNo)) throw new AppError('LOGIN_TAKEN');
    const passwordHash = await hasher.hash(request.body.password);
    // Checked again after the slow hash: two setup requests racing must not make two admins.
    if (await users.hasAdmin()) throw new AppError('SETUP_DONE');
    const user = await users.insert({ ...fields, role: 'admin', status: 'active', passwordHash });
    setupCode.consume();
    securityEvent(logger, 'setup_used', { address, userId: user.id, local });
    setSessionCookie(reply, await sessions.create(user.id), isSecure(request));
    return { user: toAccount(user) };
  });

  route(app, 'signup', async (request, reply) => {
    const fields = normalise(request.body);
    if (await users.isTaken(fields.email, fields.employeeNo)) throw new AppError('LOGIN_TAKEN');
    const passwordHash = await hasher.hash(request.body.password);
    if (await users.isTaken(fields.email, fields.employeeNo)) throw new AppError('LOGIN_TAKEN');
    const user = await users.insert({ ...fields, role: 'member', status: 'pending', passwordHash });
    logger.info({ userId: user.id }, 'sign-up pending approval');
    hub.sendToUsers(await users.adminIds(), { type: 'signup', pending: await users.countByStatus('pending') });
    reply.code(201);
    return { user: toAccount(user) };
  });

  route(app, 'login', async (request, reply) => {
    const address = request.socket.remoteAddress ?? 'unknown';
    const { login, password } = request.body;
    const wait = loginLimiter.retryAfter(address, login);
    if (wait > 0) {
      securityEvent(logger, 'login_rate_limited', { address, retryAfterSec: wait });
      throw new AppError('RATE_LIMITED', { 'retry-after': String(wait) });
    }
    const user = await users.findByLogin(login);
    // Unknown login and wrong password cost the same time and read the same.
    const ok = await hasher.verify(user?.passwordHash, password);
    if (!user || !ok) {
      loginLimiter.recordFailure(address, login);
      // Which account, when there is one; never the login or password as typed.
      securityEvent(logger, 'login_failed', { address, userId: user?.id });
      throw new AppError('INVALID_CREDENTIALS');
    }
    loginLimiter.recordSuccess(address, login);
    // Only someone who knows the password learns why the account cannot log in yet.
    const blocked = STATUS_ERRORS[user.status];
    if (blocked) throw new AppError(blocked);
    setSessionCookie(reply, await sessions.create(user.id), isSecure(request));
    return { user: toAccount(user) };
  });

  route(app, 'logout', async (request, reply) => {
    const auth = await authenticate(services, request);
    if (auth) {
      await sessions.revoke(auth.session.tokenHash);
      hub.closeSession(auth.session.tokenHash, CLOSE_CODES.LOGGED_OUT, 'logged out');
    }
    if (request.cookies[SESSION_COOKIE]) clearSessionCookie(reply, isSecure(request));
    return { ok: true as const };
  });
}

/** The logged-in user's own account: the authenticated scope. */
export function meRoutes(app: FastifyInstance): void {
  route(app, 'me', async (request, reply) => {
    const { user } = authOf(request);
    // The server slides the session's expiry; renew the cookie's too, or the browser would drop it
    // 30 days after login however active its owner is.
    setSessionCookie(reply, request.cookies[SESSION_COOKIE]!, isSecure(request));
    return { user: toAccount(user) };
  });
}
