import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import {
  LoginRequest,
  MeReply,
  OkReply,
  SetupRequest,
  SetupStatus,
  SignupFields,
  SignupReply,
  type SignupRequest,
} from '../protocol/http.ts';
import { CLOSE_CODES } from '../protocol/frames.ts';
import type { ErrorCode } from '../protocol/errors.ts';
import { AppError } from '../http/app-error.ts';
import { isLoopback } from '../http/remote.ts';
import { toAccount } from './users-repo.ts';
import { authenticate, clearSessionCookie, requireUser, setSessionCookie } from './auth-guard.ts';
import { SESSION_COOKIE } from './sessions.ts';

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

export function authRoutes(app: FastifyInstance, services: Services): void {
  const { users, sessions, hasher, loginLimiter, setupCode, logger } = services;

  app.get('/api/setup', { schema: { response: { 200: SetupStatus } } }, async (request) => ({
    needed: !users.hasAdmin(),
    local: isLoopback(request.socket.remoteAddress),
  }));

  app.post<{ Body: SetupRequest }>(
    '/api/setup',
    { schema: { body: SetupRequest, response: { 200: MeReply } } },
    async (request, reply) => {
      if (users.hasAdmin()) throw new AppError('SETUP_DONE');
      const local = isLoopback(request.socket.remoteAddress);
      if (!local && !setupCode.matches(request.body.setupCode)) throw new AppError('SETUP_NOT_ALLOWED');
      const fields = normalise(request.body);
      if (users.isTaken(fields.email, fields.employeeNo)) throw new AppError('LOGIN_TAKEN');
      const passwordHash = await hasher.hash(request.body.password);
      // Checked again after the slow hash: two setup requests racing must not make two admins.
      if (users.hasAdmin()) throw new AppError('SETUP_DONE');
      const user = users.insert({ ...fields, role: 'admin', status: 'active', passwordHash });
      setupCode.consume();
      logger.info({ userId: user.id, local }, 'first admin created');
      setSessionCookie(reply, sessions.create(user.id), isSecure(request));
      return { user: toAccount(user) };
    },
  );

  app.post<{ Body: SignupRequest }>(
    '/api/auth/signup',
    { schema: { body: SignupFields, response: { 201: SignupReply } } },
    async (request, reply) => {
      const fields = normalise(request.body);
      if (users.isTaken(fields.email, fields.employeeNo)) throw new AppError('LOGIN_TAKEN');
      const passwordHash = await hasher.hash(request.body.password);
      if (users.isTaken(fields.email, fields.employeeNo)) throw new AppError('LOGIN_TAKEN');
      const user = users.insert({ ...fields, role: 'member', status: 'pending', passwordHash });
      logger.info({ userId: user.id }, 'sign-up pending approval');
      services.hub.sendToUsers(users.adminIds(), { type: 'signup', pending: users.countByStatus('pending') });
      reply.code(201);
      return { user: toAccount(user) };
    },
  );

  app.post<{ Body: LoginRequest }>(
    '/api/auth/login',
    { schema: { body: LoginRequest, response: { 200: MeReply } } },
    async (request, reply) => {
      const address = request.socket.remoteAddress ?? 'unknown';
      const { login, password } = request.body;
      const wait = loginLimiter.retryAfter(address, login);
      if (wait > 0) throw new AppError('RATE_LIMITED', { 'retry-after': String(wait) });
      const user = users.findByLogin(login);
      // Unknown login and wrong password cost the same time and read the same.
      const ok = await hasher.verify(user?.passwordHash, password);
      if (!user || !ok) {
        loginLimiter.recordFailure(address, login);
        throw new AppError('INVALID_CREDENTIALS');
      }
      loginLimiter.recordSuccess(address, login);
      // Only someone who knows the password learns why the account cannot log in yet.
      const blocked = STATUS_ERRORS[user.status];
      if (blocked) throw new AppError(blocked);
      setSessionCookie(reply, sessions.create(user.id), isSecure(request));
      return { user: toAccount(user) };
    },
  );

  app.post('/api/auth/logout', { schema: { response: { 200: OkReply } } }, async (request, reply) => {
    const auth = authenticate(services, request);
    if (auth) {
      sessions.revoke(auth.session.tokenHash);
      services.hub.closeSession(auth.session.tokenHash, CLOSE_CODES.LOGGED_OUT, 'logged out');
    }
    if (request.cookies[SESSION_COOKIE]) clearSessionCookie(reply, isSecure(request));
    return { ok: true as const };
  });

  app.get('/api/me', { schema: { response: { 200: MeReply } } }, async (request, reply) => {
    const { user } = requireUser(services, request);
    // The server slides the session's expiry; renew the cookie's too, or the browser would drop it
    // 30 days after login however active its owner is.
    setSessionCookie(reply, request.cookies[SESSION_COOKIE]!, isSecure(request));
    return { user: toAccount(user) };
  });
}
