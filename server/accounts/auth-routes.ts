import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import type { SignupRequest } from '../protocol/http.ts';
import { CLOSE_CODES } from '../protocol/frames.ts';
import type { ErrorCode } from '../protocol/errors.ts';
import { AppError } from '../http/app-error.ts';
import { isLocalRequest } from '../http/remote.ts';
import { route } from '../http/route.ts';
import { securityEvent, type SecurityEventKind } from '../log/security-log.ts';
import { toAccount } from './user-views.ts';
import { clearSessionCookie, setSessionCookie } from './auth-guard.ts';
import { authOf } from './auth-scope.ts';
import { SESSION_COOKIE } from './session-tokens.ts';
import type { StoredUser } from '../storage/stores.ts';
import { Semaphore } from '../util/semaphore.ts';
import { addressOf, limitedAttempt } from './limited.ts';

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

export function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

type AuthRoutesDeps = Pick<Services, 'users' | 'sessions' | 'hasher' | 'accountLimits' | 'setupCode' | 'logger' | 'hub'>;

/** Setting up, signing up, logging in and out: the public scope. */
export function authRoutes(app: FastifyInstance, services: AuthRoutesDeps): void {
  const { users, sessions, hasher, accountLimits, setupCode, logger, hub } = services;

  const limited = <T>(kind: SecurityEventKind, request: FastifyRequest, take: () => T): T => limitedAttempt(logger, kind, request, take);

  route(app, 'setupStatus', async (request) => ({
    needed: !(await users.hasAdmin()),
    local: isLocalRequest(request),
  }));

  // One setup at a time, so the check for an existing admin and the insert cannot interleave with
  // another request's, however slow the store is.
  const setupGate = new Semaphore(1, 16);
  route(app, 'setup', async (request, reply) =>
    setupGate.run(async () => {
      if (await users.hasAdmin()) throw new AppError('SETUP_DONE');
      const local = isLocalRequest(request);
      if (!local) {
        // Counted before the code is compared: the code is eight digits, not to be guessed at speed.
        limited('setup_refused', request, () => accountLimits.setupCode(addressOf(request)));
        if (!setupCode.matches(request.body.setupCode)) {
          securityEvent(logger, 'setup_refused', { address: addressOf(request) });
          throw new AppError('SETUP_NOT_ALLOWED');
        }
      }
      const fields = normalise(request.body);
      if (await users.isTaken(fields.email, fields.employeeNo)) throw new AppError('LOGIN_TAKEN');
      const passwordHash = await hasher.hash(request.body.password);
      const user = await users.insert({ ...fields, role: 'admin', status: 'active', passwordHash });
      setupCode.consume();
      securityEvent(logger, 'setup_used', { address: addressOf(request), userId: user.id, local });
      setSessionCookie(reply, await sessions.create(user.id), isSecure(request));
      return { user: toAccount(user) };
    }, () => new AppError('SERVER_BUSY')),
  );

  route(app, 'signup', async (request, reply) => {
    // Every sign-up that reaches here counts, whatever its outcome: each costs a hash and a row, or
    // tells whether an email is registered.
    limited('signup_rate_limited', request, () => accountLimits.signup(addressOf(request)));
    const fields = normalise(request.body);
    if (await users.isTaken(fields.email, fields.employeeNo)) throw new AppError('LOGIN_TAKEN');
    const passwordHash = await hasher.hash(request.body.password);
    if (await users.isTaken(fields.email, fields.employeeNo)) throw new AppError('LOGIN_TAKEN');
    const user = await users.insert({ ...fields, role: 'member', status: 'pending', passwordHash });
    logger.info({ userId: user.id }, 'sign-up pending approval');
    hub.sendToUsers(await users.adminIds(), { type: 'signup', pending: await users.countByStatus('pending') });
    // The waiting session: it opens nothing until an admin approves the account, and then the
    // waiting screen continues into the app without asking for the password again.
    setSessionCookie(reply, await sessions.create(user.id), isSecure(request));
    reply.code(201);
    return { user: toAccount(user) };
  });

  route(app, 'login', async (request, reply) => {
    const { login, password } = request.body;
    // Reserved before the hash: guesses sent all at once are counted as they arrive, not after.
    const attempt = limited('login_rate_limited', request, () => accountLimits.login(addressOf(request), login));
    let user: StoredUser | undefined;
    let ok: boolean;
    try {
      user = await users.findByLogin(login);
      // Unknown login and wrong password cost the same time and read the same.
      ok = await hasher.verify(user?.passwordHash, password);
    } catch (err) {
      // Never checked (the hasher is busy, the store failed): it was no guess.
      attempt.release();
      throw err;
    }
    if (!user || !ok) {
      // Which account, when there is one; never the login or password as typed.
      securityEvent(logger, 'login_failed', { address: addressOf(request), userId: user?.id });
      throw new AppError('INVALID_CREDENTIALS');
    }
    attempt.succeeded();
    // Only someone who knows the password learns why the account cannot log in yet.
    const blocked = STATUS_ERRORS[user.status];
    // A pending account gets its waiting session too (see sign-up).
    if (user.status === 'pending') setSessionCookie(reply, await sessions.create(user.id), isSecure(request));
    if (blocked) throw new AppError(blocked);
    setSessionCookie(reply, await sessions.create(user.id), isSecure(request));
    return { user: toAccount(user) };
  });

  // The waiting screen's probe: the account's status behind the session, whatever it is, so a
  // pending user learns of the decision. Only the session's holder (who knew the password) asks.
  route(app, 'signupStatus', async (request) => {
    const session = await sessions.lookup(request.cookies[SESSION_COOKIE]);
    const user = session && (await users.get(session.userId));
    if (!user) throw new AppError('UNAUTHENTICATED');
    return { status: user.status };
  });

  route(app, 'logout', async (request, reply) => {
    // Whatever the account's status: a waiting session ends here too.
    const session = await sessions.lookup(request.cookies[SESSION_COOKIE]);
    if (session) {
      await sessions.revoke(session.tokenHash);
      hub.closeSession(session.tokenHash, CLOSE_CODES.LOGGED_OUT, 'logged out');
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
