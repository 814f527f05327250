import path from 'node:path';
import type { Services } from '../services.ts';
import type { ChangeOutcome, StoredUser, UserChange } from '../storage/stores.ts';
import type { AccountUser, Role } from '../protocol/models.ts';
import type { ExportEntry } from '../protocol/admin-users.ts';
import { CLOSE_CODES } from '../protocol/frames.ts';
import { AppError } from '../http/app-error.ts';
import { EXPORT_FOLDERS, writeExport } from '../exports/export-files.ts';
import { collectUserExport } from '../exports/user-export.ts';
import { announceChange } from '../rooms/room-events.ts';
import { toAccount, toPublic } from './user-views.ts';

// What an admin can do to an account, one named function per action (so each is one line to
// record in the audit log). Each checks, changes the store in one transaction and then tells the
// affected clients: a `user` frame to everyone for what colleagues see (role, department,
// position, deletion); closed sockets for whoever must stop at once (disabled, logged out, deleted).

export type AdminActionDeps = Pick<Services, 'users' | 'userAdmin' | 'sessions' | 'rooms' | 'messages' | 'hub' | 'logger' | 'config'>;

const REFUSALS: Record<Exclude<ChangeOutcome, 'ok' | 'same'>, AppError['code']> = {
  last_admin: 'LAST_ADMIN',
  not_found: 'USER_NOT_FOUND',
  wrong_state: 'USER_WRONG_STATE',
};

async function liveTarget(deps: AdminActionDeps, id: number): Promise<StoredUser> {
  const user = await deps.users.get(id);
  if (!user || user.deletedAt !== undefined) throw new AppError('USER_NOT_FOUND');
  return user;
}

async function applyChange(deps: AdminActionDeps, admin: StoredUser, id: number, change: UserChange): Promise<StoredUser> {
  const outcome = await deps.userAdmin.change(id, change, admin.id);
  if (outcome !== 'ok' && outcome !== 'same') throw new AppError(REFUSALS[outcome]);
  return (await deps.users.get(id))!;
}

function endSessions(deps: AdminActionDeps, userId: number, reason: string): void {
  deps.hub.closeUser(userId, CLOSE_CODES.LOGGED_OUT, reason);
}

function announce(deps: AdminActionDeps, user: StoredUser): AccountUser {
  const account = toAccount(user);
  deps.hub.sendToAll({ type: 'user', user: toPublic(account) });
  return account;
}

function refuseSelf(admin: StoredUser, id: number): void {
  if (admin.id === id) throw new AppError('NOT_YOURSELF');
}

/** Promote to admin or demote to member; the last active admin stays one. */
export async function setUserRole(deps: AdminActionDeps, admin: StoredUser, id: number, role: Role): Promise<AccountUser> {
  const user = await applyChange(deps, admin, id, { kind: 'role', role });
  deps.logger.info({ adminId: admin.id, userId: id, role }, role === 'admin' ? 'user promoted' : 'user demoted');
  return announce(deps, user);
}

/** Disable: sessions end in the same transaction, live sockets close now, login says ACCOUNT_DISABLED. */
export async function disableUser(deps: AdminActionDeps, admin: StoredUser, id: number): Promise<AccountUser> {
  refuseSelf(admin, id);
  const user = await applyChange(deps, admin, id, { kind: 'status', status: 'disabled' });
  endSessions(deps, id, 'account disabled');
  deps.logger.info({ adminId: admin.id, userId: id }, 'user disabled');
  return toAccount(user);
}

export async function enableUser(deps: AdminActionDeps, admin: StoredUser, id: number): Promise<AccountUser> {
  const user = await applyChange(deps, admin, id, { kind: 'status', status: 'active' });
  deps.logger.info({ adminId: admin.id, userId: id }, 'user enabled');
  return toAccount(user);
}

export async function setUserWork(deps: AdminActionDeps, admin: StoredUser, id: number, work: { department: string; position: string }): Promise<AccountUser> {
  await liveTarget(deps, id);
  const clean = { department: work.department.trim(), position: work.position.trim() };
  await deps.userAdmin.setWork(id, clean);
  deps.logger.info({ adminId: admin.id, userId: id }, 'user department/position changed');
  return announce(deps, (await deps.users.get(id))!);
}

/** Every session of the user ends and every socket closes; they log in again. */
export async function forceLogout(deps: AdminActionDeps, admin: StoredUser, id: number): Promise<void> {
  // One's own sessions end with logout; this would cut the admin off mid-page.
  refuseSelf(admin, id);
  await liveTarget(deps, id);
  await deps.sessions.revokeUser(id);
  endSessions(deps, id, 'logged out by an admin');
  deps.logger.info({ adminId: admin.id, userId: id }, 'user logged out by an admin');
}

/**
 * Exports the user's chat history (server/exports/user-export.ts says what it holds) to
 * deleted_user_logs/, then makes the account a tombstone: login data scrubbed, sessions gone,
 * sockets closed; messages stay in their rooms under "(탈퇴한 사용자)". No export, no deletion.
 */
export async function deleteUser(deps: AdminActionDeps, admin: StoredUser, id: number): Promise<{ user: AccountUser; export: ExportEntry }> {
  refuseSelf(admin, id);
  const target = await liveTarget(deps, id);
  // Checked again inside the deleting transaction; this early check only saves a useless export.
  if (target.role === 'admin' && target.status === 'active' && !(await deps.users.adminIds()).some((other) => other !== id)) {
    throw new AppError('LAST_ADMIN');
  }
  const data = await collectUserExport(deps, target, admin);
  const written = await writeExport(path.join(deps.config.dataDir, EXPORT_FOLDERS.user), data);
  const user = await applyChange(deps, admin, id, { kind: 'delete' });
  endSessions(deps, id, 'account deleted');
  // Out of every group, each saying so in its timeline; a DM stays, readable for the other person.
  for (const roomId of (await deps.rooms.revsOf(id)).keys()) {
    const line = await deps.rooms.leave(roomId, id);
    if (typeof line !== 'string') await announceChange(deps, roomId, line, [id]);
  }
  deps.logger.info({ adminId: admin.id, userId: id, export: written.name, rooms: data.rooms.length }, 'user deleted');
  return { user: announce(deps, user), export: written };
}
