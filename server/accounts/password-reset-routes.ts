import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { CLOSE_CODES } from '../protocol/frames.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { securityEvent } from '../log/security-log.ts';
import { PasswordHasher } from './passwords.ts';
import { addressOf, limitedAttempt } from './limited.ts';
import {
  newCheckDigits,
  newResetCode,
  newResetToken,
  normaliseCode,
  resetState,
  sameDigest,
  sameName,
  secretDigest,
} from './reset-secrets.ts';
import { announceResets } from './reset-views.ts';

// A forgotten password, from the login screen: file a request (the same answer whether or not the
// account exists), poll it with the code, and once an admin approved it set a new password with the
// one-time token. Registered in the public scope. See docs/security.md, "Password reset".

type ResetRoutesDeps = Pick<Services, 'users' | 'sessions' | 'passwordResets' | 'hasher' | 'accountLimits' | 'hub' | 'logger' | 'clock'>;

export function passwordResetRoutes(app: FastifyInstance, services: ResetRoutesDeps): void {
  const { users, sessions, passwordResets, hasher, accountLimits, hub, logger, clock } = services;

  route(app, 'fileReset', async (request, reply) => {
    const login = request.body.login.trim();
    const name = request.body.name.trim();
    limitedAttempt(logger, 'reset_rate_limited', request, () => accountLimits.passwordReset(addressOf(request), login));
    // The same work on both paths: one lookup, one insert, one hash. Only an active account whose
    // name matches too is linked; the requester is never told which case it was.
    const user = await users.findByLogin(login);
    const match = user && user.status === 'active' && sameName(user.name, name) ? user : undefined;
    const code = newResetCode();
    const check = newCheckDigits();
    const reset = await passwordResets.insert(
      { userId: match?.id ?? null, login, name, address: addressOf(request), codeHash: secretDigest(code), check },
      clock(),
    );
    logger.info({ resetId: reset.id, userId: match?.id }, 'password reset requested');
    await announceResets(services);
    reply.code(201);
    return { id: reset.id, code, check };
  });

  route(app, 'resetStatus', async (request) => {
    const reset = await passwordResets.get(request.params.id);
    // A wrong code reads exactly like an unknown id.
    if (!reset || !sameDigest(reset.codeHash, secretDigest(normaliseCode(request.query.code)))) throw new AppError('RESET_NOT_FOUND');
    const status = resetState(reset, clock());
    if (status !== 'approved') return { status };
    // The token is made when the requester asks for it, since only its hash is kept; asking again
    // replaces it, so only the newest one works. Its deadline was fixed at the approval.
    const token = newResetToken();
    if (!(await passwordResets.setToken(reset.id, secretDigest(token)))) return { status: 'used' as const };
    return { status, token, expiresAt: reset.tokenExpiresAt! };
  });

  route(app, 'completeReset', async (request) => {
    const { token, newPassword } = request.body;
    const reset = await passwordResets.get(request.params.id);
    if (!reset) throw new AppError('RESET_NOT_FOUND');
    const tokenHash = secretDigest(token);
    if (!sameDigest(reset.tokenHash, tokenHash)) throw new AppError('RESET_TOKEN_INVALID');
    const refusal = refusalFor(resetState(reset, clock()));
    if (refusal) throw new AppError(refusal);
    // Disabled (or deleted) since the approval: the reset cannot reopen the account.
    if ((await users.get(reset.userId!))?.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
    PasswordHasher.checkLength(newPassword);
    const passwordHash = await hasher.hash(newPassword);
    // Used once: of two requests racing with the same token, one changes the row.
    if (!(await passwordResets.consume(reset.id, tokenHash, clock()))) {
      const now = await passwordResets.get(reset.id);
      throw new AppError(now && refusalFor(resetState(now, clock())) || 'RESET_TOKEN_USED');
    }
    const userId = reset.userId!;
    await users.setPasswordHash(userId, passwordHash);
    await sessions.revokeUser(userId);
    hub.closeUser(userId, CLOSE_CODES.LOGGED_OUT, 'password reset');
    securityEvent(logger, 'password_reset_used', { address: addressOf(request), userId, resetId: reset.id });
    return { ok: true as const };
  });
}

function refusalFor(state: ReturnType<typeof resetState>) {
  switch (state) {
    case 'approved':
      return undefined;
    case 'used':
      return 'RESET_TOKEN_USED' as const;
    case 'expired':
      return 'RESET_EXPIRED' as const;
    case 'rejected':
      return 'RESET_REJECTED' as const;
    case 'pending':
      return 'RESET_PENDING' as const;
  }
}
