import { tm } from '../lib/i18n-messages.ts';
import { loadOlder, PAGE_SIZE } from './messages.ts';
import { getState, setState } from './store.ts';
import { showToast } from './toast.ts';

// Bringing a message of the open room into view (a reply's quote was clicked): older pages are
// loaded until it is in the timeline, then the message list scrolls to it and flashes it.

/** Pages fetched at most for one jump: 4,000 messages back, farther than anyone scrolls to a quote. */
const MAX_PAGES = Math.ceil(4000 / PAGE_SIZE);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function showMessage(roomId: number, seq: number): Promise<void> {
  for (let pages = 0; ; ) {
    const tl = getState().timelines[roomId];
    if (!tl) return;
    if (tl.messages.some((m) => m.seq === seq)) break;
    const oldest = tl.messages[0]?.seq ?? 0;
    if (!tl.hasMore || oldest < seq || pages >= MAX_PAGES) {
      showToast(tm.originalGone, 'error');
      return;
    }
    // Another load (the user scrolling up) is running: wait for it rather than asking twice.
    if (tl.loadingOlder) await pause(40);
    else {
      await loadOlder(roomId);
      pages++;
    }
  }
  setState({ highlight: { roomId, seq, at: Date.now() } });
}

export function clearHighlight(at: number): void {
  if (getState().highlight?.at === at) setState({ highlight: null });
}
