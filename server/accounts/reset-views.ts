import type { Services } from '../services.ts';
import type { ResetRequestView } from '../protocol/accounts.ts';
import type { StoredPasswordReset } from '../storage/stores.ts';
import { RESET_REQUEST_TTL_MS, resetState } from './reset-secrets.ts';

// What admins see of reset requests, and the frame that tells them the list changed.

export async function toResetView({ users }: Pick<Services, 'users'>, reset: StoredPasswordReset, now: number): Promise<ResetRequestView> {
  const user = reset.userId === null ? undefined : await users.get(reset.userId);
  return {
    id: reset.id,
    login: reset.login,
    name: reset.name,
    check: reset.check,
    status: resetState(reset, now),
    account: user
      ? { id: user.id, name: user.name, email: user.email, employeeNo: user.employeeNo, department: user.department }
      : null,
    address: reset.address,
    createdAt: reset.createdAt,
    decidedAt: reset.decidedAt,
  };
}

/** Every admin's open pages refresh their list (and badge) instead of polling. */
export async function announceResets({ users, passwordResets, hub, clock }: Pick<Services, 'users' | 'passwordResets' | 'hub' | 'clock'>): Promise<void> {
  const pending = await passwordResets.countPending(clock() - RESET_REQUEST_TTL_MS);
  hub.sendToUsers(await users.adminIds(), { type: 'reset-request', pending });
}
