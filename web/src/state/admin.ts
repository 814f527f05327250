import { api } from '../lib/api.ts';
import { setState, getState } from './store.ts';
import { loadUsers } from './users.ts';

// Pending sign-ups for admins.

export async function loadPendingSignups(): Promise<void> {
  const { users } = await api.pendingUsers();
  setState({ pendingSignups: users });
}

export async function decide(userId: number, approve: boolean): Promise<void> {
  await (approve ? api.approve(userId) : api.reject(userId));
  setState({ pendingSignups: getState().pendingSignups.filter((u) => u.id !== userId) });
  if (approve) loadUsers().catch(() => {});
}

/** Admins only: a sign-up came in, or we were away; the list is fetched afresh, never polled. */
export function refreshSignupsIfAdmin(): void {
  if (getState().me?.role === 'admin') loadPendingSignups().catch(() => {});
}
