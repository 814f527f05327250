import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountUser, AdminUsersQuery } from '../../../../server/protocol/index.ts';
import { adminApi } from '../../lib/admin-api.ts';
import { useStore } from '../../state/store.ts';

// One page of the admin users list and its filters. Typing in the search waits a moment before
// asking; a slower answer to an older question never replaces a newer one.

export const PAGE_SIZE = 50;

export interface UserFilters {
  q: string;
  status: '' | NonNullable<AdminUsersQuery['status']>;
  role: '' | NonNullable<AdminUsersQuery['role']>;
}

export function useUserPage() {
  const [filters, setFiltersState] = useState<UserFilters>({ q: '', status: '', role: '' });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ users: AccountUser[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  // New sign-ups (or decisions made in another tab) change the list.
  const pendingCount = useStore((s) => s.pendingSignups.length);

  const load = async () => {
    const mine = ++asked.current;
    try {
      const reply = await adminApi.users({
        q: filters.q.trim() || undefined,
        status: filters.status || undefined,
        role: filters.role || undefined,
        limit: PAGE_SIZE,
        offset,
      });
      if (mine !== asked.current) return;
      // Past the end (the last rows were just decided away): step back a page.
      if (reply.users.length === 0 && offset > 0 && reply.total > 0) setOffset(Math.max(0, offset - PAGE_SIZE));
      setPage(reply);
      setError(null);
    } catch (e) {
      if (mine === asked.current) setError((e as Error).message);
    }
  };

  useEffect(() => {
    const timer = setTimeout(() => void load(), filters.q ? 250 : 0);
    return () => clearTimeout(timer);
  }, [filters, offset, pendingCount]);

  const setFilters = (next: Partial<UserFilters>) => {
    setFiltersState({ ...filters, ...next });
    setOffset(0);
  };

  /** Puts a changed user in place without a round trip. */
  const replace = (user: AccountUser) =>
    setPage((p) => p && { ...p, users: p.users.map((u) => (u.id === user.id ? user : u)) });

  return { filters, setFilters, offset, setOffset, page, error, reload: load, replace };
}
