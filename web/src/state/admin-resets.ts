import { api } from '../lib/api.ts';
import { getState, setState } from './store.ts';

// Password-reset requests, for admins: fetched when the tab opens and whenever a `reset-request`
// frame says the list changed, never polled.

export async function loadResetRequests(): Promise<void> {
  const { requests } = await api.resetRequests();
  setState({ resetRequests: requests });
}

export async function decideReset(id: number, approve: boolean): Promise<void> {
  const { request } = await (approve ? api.approveReset(id) : api.rejectReset(id));
  setState({ resetRequests: getState().resetRequests.map((r) => (r.id === id ? request : r)) });
}

export function refreshResetsIfAdmin(): void {
  if (getState().me?.role === 'admin') loadResetRequests().catch(() => {});
}

/** Requests still waiting for a decision (the rail badge counts them with the sign-ups). */
export function pendingResetCount(requests: readonly { status: string }[]): number {
  return requests.filter((r) => r.status === 'pending').length;
}
