import type { AccountUser, PublicUser } from '../protocol/models.ts';
import type { StoredUser } from '../storage/stores.ts';

/** The user's own account as the API shows it: everything but the password hash. */
export function toAccount(user: StoredUser): AccountUser {
  const { passwordHash: _secret, ...account } = user;
  return account;
}

/** What every colleague may see. Of a deleted account only the id and the colour remain. */
export function toPublic(user: AccountUser): PublicUser {
  if (user.deletedAt !== undefined) {
    const { id, avatarColor } = user;
    return { id, name: '', department: '', position: '', statusMessage: '', avatarColor, avatarFileId: null, role: 'member', deleted: true };
  }
  const { id, name, department, position, statusMessage, avatarColor, avatarFileId, role } = user;
  return { id, name, department, position, statusMessage, avatarColor, avatarFileId, role };
}
