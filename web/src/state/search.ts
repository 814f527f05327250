import { api } from '../lib/api.ts';
import { closeRoom } from './nav.ts';
import { getState, setState, type SearchState } from './store.ts';

// Message search: the query, the room it is limited to, and the pages of results (newest first).
// Only the answer to the latest query is kept: a slower reply to an earlier one is dropped.

let generation = 0;

function patch(change: Partial<SearchState>): void {
  setState((s) => ({ search: { ...s.search, ...change } }));
}

/** The search tab, for all rooms or one; the query typed so far stays. */
export function openSearch(roomId: number | null): void {
  const changed = getState().search.roomId !== roomId;
  setState((s) => ({ view: 'search', search: { ...s.search, roomId } }));
  if (changed) void runSearch();
}

/** The layout that shows one pane at a time (styles/layout.css). */
const ONE_PANE = '(max-width: 600px)';

/** The chat header's search: this room only. With one pane at a time the room gives way to it. */
export function searchThisRoom(roomId: number): void {
  openSearch(roomId);
  if (typeof matchMedia !== 'undefined' && matchMedia(ONE_PANE).matches) closeRoom();
}

export function setSearchQuery(query: string): void {
  patch({ query });
}

export function setSearchRoom(roomId: number | null): void {
  patch({ roomId });
  void runSearch();
}

/** Searches for what is typed now (nothing for a blank field). */
export async function runSearch(): Promise<void> {
  const { query, roomId } = getState().search;
  const q = query.trim();
  const mine = ++generation;
  if (!q) {
    patch({ ran: '', results: [], hasMore: false, status: 'idle', error: null, loadingMore: false });
    return;
  }
  patch({ status: 'loading', error: null });
  try {
    const reply = await api.search(q, roomId ?? undefined);
    if (mine !== generation) return;
    patch({ ran: q, results: reply.results, hasMore: reply.hasMore, status: 'done', loadingMore: false });
  } catch (e) {
    if (mine !== generation) return;
    patch({ ran: q, results: [], hasMore: false, status: 'error', error: (e as Error).message, loadingMore: false });
  }
}

/** The next page of the results shown. */
export async function searchMore(): Promise<void> {
  const s = getState().search;
  const last = s.results[s.results.length - 1];
  if (s.status !== 'done' || !s.hasMore || s.loadingMore || !last) return;
  const mine = generation;
  patch({ loadingMore: true });
  try {
    const reply = await api.search(s.ran, s.roomId ?? undefined, last.message.id);
    if (mine !== generation) return;
    patch({ results: [...getState().search.results, ...reply.results], hasMore: reply.hasMore, loadingMore: false });
  } catch (e) {
    if (mine !== generation) return;
    patch({ loadingMore: false });
    throw e;
  }
}
