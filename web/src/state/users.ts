import type { PublicUser } from '../../../server/protocol/index.ts';
import { api } from '../lib/api.ts';
import { t } from '../lib/i18n.ts';
import { getState, setState } from './store.ts';

// The colleague directory (active users, and deleted accounts' tombstones so their old messages
// read "(탈퇴한 사용자)") and who is online.

/** A tombstone (`deleted`) gets its display name here, once, for every place that shows names. */
function named(user: PublicUser): PublicUser {
  return user.deleted ? { ...user, name: t.deletedUser } : user;
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;

export async function loadUsers(): Promise<void> {
  const { users, online } = await api.users();
  const byId: Record<number, PublicUser> = {};
  for (const u of users) byId[u.id] = named(u);
  // Keep the logged-in user even if the list somehow lacks them.
  const me = getState().me;
  if (me && !byId[me.id]) byId[me.id] = me;
  setState({ users: byId, online: new Set(online) });
}

/** Someone we have never heard of appeared (new member, new sign-up): fetch the list once soon. */
export function noteUnknownUser(userId: number): void {
  if (getState().users[userId] || refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    loadUsers().catch(() => {});
  }, 300);
}

export function setOnlineList(ids: readonly number[]): void {
  setState({ online: new Set(ids) });
}

/** A batched presence change: who came online and who went offline since the last batch. */
export function applyPresence(online: readonly number[], offline: readonly number[]): void {
  const cur = getState().online;
  if (online.every((id) => cur.has(id)) && offline.every((id) => !cur.has(id))) return;
  const next = new Set(cur);
  for (const id of offline) next.delete(id);
  for (const id of online) {
    next.add(id);
    noteUnknownUser(id);
  }
  setState({ online: next });
}

export function userName(userId: number): string | null {
  return getState().users[userId]?.name ?? null;
}

/** A colleague (or I, from another tab) changed name, status message or photo. */
export function applyUser(incoming: PublicUser): void {
  const user = named(incoming);
  setState((s) => {
    const me = s.me && s.me.id === user.id ? { ...s.me, ...user } : s.me;
    return { users: { ...s.users, [user.id]: user }, me };
  });
}
