import { tr } from '../../lib/i18n-rooms.ts';
import { loadOlder } from '../../state/messages.ts';
import { getState } from '../../state/store.ts';
import { showToast } from '../../state/toast.ts';

// Brings one message of the open room into view and flashes it: the pinned notice's "go to". Older
// pages are loaded until it is in the timeline (at most MAX_PAGES of them).

const MAX_PAGES = 20;
const FLASH_MS = 1600;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function loadUntil(roomId: number, messageId: number, seq: number): Promise<boolean> {
  for (let pages = 0; pages <= MAX_PAGES; ) {
    const tl = getState().timelines[roomId];
    if (!tl) return false;
    if (tl.messages.some((m) => m.id === messageId)) return true;
    const first = tl.messages[0]?.seq ?? 0;
    if (!tl.hasMore || (first > 0 && first <= seq)) return false;
    if (tl.loadingOlder) {
      await wait(80); // the list is already fetching the page above
      continue;
    }
    await loadOlder(roomId);
    pages++;
  }
  return false;
}

export async function showMessage(roomId: number, messageId: number, seq: number): Promise<void> {
  let found = false;
  try {
    found = await loadUntil(roomId, messageId, seq);
  } catch (e) {
    showToast((e as Error).message, 'error');
    return;
  }
  if (!found) return showToast(tr.noticeGone);
  // After the render that put it in the list.
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(`.messages [data-id="${messageId}"]`);
    if (!el) return showToast(tr.noticeGone);
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation when it is clicked twice
    el.classList.add('flash');
    setTimeout(() => el.classList.remove('flash'), FLASH_MS);
  });
}
