import type { AccountUser, ProfileRequest } from '../../../server/protocol/index.ts';
import { api } from '../lib/api.ts';
import { setState } from './store.ts';

// My own profile: name and status message, and the photo (already cropped in the browser).

function adopt(user: AccountUser): void {
  // The `user` frame brings the same to every tab; this makes this tab current without waiting.
  setState((s) => ({ me: user, users: { ...s.users, [user.id]: user } }));
}

export async function saveProfile(body: ProfileRequest): Promise<void> {
  const { user } = await api.updateProfile(body);
  adopt(user);
}

export async function savePhoto(photo: Blob, name: string): Promise<void> {
  const { user } = await api.uploadAvatar(photo, name);
  adopt(user);
}
