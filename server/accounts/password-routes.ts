import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { CLOSE_CODES } from '../protocol/frames.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { securityEvent } from '../log/security-log.ts';
import { authOf } from './auth-scope.ts';
import { addressOf, limitedAttempt } from './limited.ts';
import { PasswordHasher } from './passwords.ts';

// Changing one's own password: the authenticated scope. The session that asks stays logged in;
// every other session of the account ends and its sockets close.

type PasswordRoutesDeps = Pick<Services, 'users' | 'sessions' | 'hasher' | 'accountLimits' | 'hub' | 'logger' | 'audit'>;

export function passwordRoutes(app: FastifyInstance, { users, sessions, hasher, accountLimits, hub, logger, audit }: PasswordRoutesDeps): void {
  route(app, 'changePassword', async (request) => {
    const { user, session } = authOf(request);
    const { currentPassword, newPassword } = request.body;
    // A new password of the wrong length costs no guess at the current one.
    PasswordHasher.checkLength(newPassword);
    const address = addressOf(request);
    // Reserved before the hash, like a login: a stolen session cannot guess the password at speed.
    const attempt = limitedAttempt(logger, 'password_change_rate_limited', request, () => accountLimits.currentPassword(address, user.id));
    let ok: boolean;
    try {
      ok = await hasher.verify(user.passwordHash, currentPassword);
    } catch (err) {
      attempt.release();
      throw err;
    }
    if (!ok) {
      securityEvent(logger, 'password_change_failed', { address, userId: user.id });
      throw new AppError('CURRENT_PASSWORD_WRONG');
    }
    attempt.succeeded();
    await users.setPasswordHash(user.id, await hasher.hash(newPassword));
    await sessions.revokeOthers(user.id, session.tokenHash);
    hub.closeUserExcept(user.id, session.tokenHash, CLOSE_CODES.LOGGED_OUT, 'password changed');
    logger.info({ userId: user.id }, 'password changed');
    await audit.record({ actorId: user.id, action: 'password_changed', targetType: 'user', targetId: user.id, address });
    return { ok: true as const };
  });
}
