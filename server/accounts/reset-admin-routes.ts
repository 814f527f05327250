import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import type { StoredPasswordReset } from '../storage/stores.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { authOf } from './auth-scope.ts';
import { addressOf } from './limited.ts';
import { RESET_LIST_WINDOW_MS, RESET_TOKEN_TTL_MS, resetState } from './reset-secrets.ts';
import { announceResets, toResetView } from './reset-views.ts';

// Admins decide password-reset requests. Registered in the admin scope. Each decision is one named
// function, so recording it (the audit log) is one line.

type ResetAdminDeps = Pick<Services, 'users' | 'passwordResets' | 'hub' | 'logger' | 'clock' | 'audit'>;

const LIST_MAX = 200;

/** A request an admin may still decide, or the reason it cannot be. */
async function decidable({ passwordResets, clock }: ResetAdminDeps, id: number): Promise<StoredPasswordReset> {
  const reset = await passwordResets.get(id);
  if (!reset) throw new AppError('RESET_NOT_FOUND');
  const state = resetState(reset, clock());
  if (state === 'expired') throw new AppError('RESET_EXPIRED');
  if (state !== 'pending') throw new AppError('RESET_DECIDED');
  return reset;
}

/** Approves: the requester's next poll gets a one-time token that works for RESET_TOKEN_TTL_MS. */
export async function approveReset(deps: ResetAdminDeps, id: number, adminId: number): Promise<StoredPasswordReset> {
  const reset = await decidable(deps, id);
  // No account matched, or the one that did is no longer active (disabled, deleted) since.
  const user = reset.userId === null ? undefined : await deps.users.get(reset.userId);
  if (user?.status !== 'active') throw new AppError('RESET_NO_ACCOUNT');
  const now = deps.clock();
  if (!(await deps.passwordResets.decide(id, 'approved', adminId, now + RESET_TOKEN_TTL_MS, now))) throw new AppError('RESET_DECIDED');
  deps.logger.info({ adminId, resetId: id, userId: reset.userId }, 'password reset approved');
  return (await deps.passwordResets.get(id))!;
}

export async function rejectReset(deps: ResetAdminDeps, id: number, adminId: number): Promise<StoredPasswordReset> {
  await decidable(deps, id);
  const now = deps.clock();
  if (!(await deps.passwordResets.decide(id, 'rejected', adminId, null, now))) throw new AppError('RESET_DECIDED');
  deps.logger.info({ adminId, resetId: id }, 'password reset rejected');
  return (await deps.passwordResets.get(id))!;
}

export function resetAdminRoutes(app: FastifyInstance, deps: ResetAdminDeps): void {
  route(app, 'adminResets', async () => {
    const now = deps.clock();
    const list = await deps.passwordResets.recent(now - RESET_LIST_WINDOW_MS, LIST_MAX);
    return { requests: await Promise.all(list.map((reset) => toResetView(deps, reset, now))) };
  });

  for (const [name, decide, action] of [
    ['approveReset', approveReset, 'reset_approved'],
    ['rejectReset', rejectReset, 'reset_rejected'],
  ] as const) {
    route(app, name, async (request) => {
      const reset = await decide(deps, request.params.id, authOf(request).user.id);
      await deps.audit.record({ actorId: authOf(request).user.id, action, targetType: 'user', targetId: reset.userId, targetName: reset.userId === null ? reset.name : undefined, address: addressOf(request), detail: { resetId: reset.id } });
      await announceResets(deps);
      return { request: await toResetView(deps, reset, deps.clock()) };
    });
  }
}
