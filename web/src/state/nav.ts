import { ApiError } from '../lib/api.ts';
import { chatVisible, loadLatest, markRead, refreshReadMark } from './messages.ts';
import { getState, setState, type View } from './store.ts';
import { showToast } from './toast.ts';

// The open room lives in the URL hash, so a refresh keeps it and a phone's back button closes it.

let pushedByApp = false;

function roomFromHash(): number | null {
  const m = /^#\/room\/(\d+)$/.exec(location.hash);
  return m ? Number(m[1]) : null;
}

export function openRoom(roomId: number): void {
  const s = getState();
  setState({ activeRoomId: roomId, view: chatVisible(s.view) ? s.view : 'chats' });
  if (roomFromHash() !== roomId) {
    location.hash = `#/room/${roomId}`;
    pushedByApp = true;
  }
  if (getState().timelines[roomId]) {
    refreshReadMark(roomId);
    markRead(roomId);
    return;
  }
  loadLatest(roomId)
    .then(() => markRead(roomId))
    .catch((e: unknown) => {
      showToast((e as Error).message, 'error');
      // A stale or foreign link (room gone, not a member): back to the list rather than a blank pane.
      if (e instanceof ApiError && (e.status === 403 || e.status === 404) && getState().activeRoomId === roomId) {
        setState({ activeRoomId: null });
        history.replaceState(null, '', location.pathname + location.search);
      }
    });
}

/** The back button of the phone layout. */
export function closeRoom(): void {
  if (pushedByApp && roomFromHash() !== null) {
    pushedByApp = false;
    history.back();
    return;
  }
  setState({ activeRoomId: null });
  history.replaceState(null, '', location.pathname + location.search);
}

/** The open room is gone (we are no longer in it): back to the list, without a history entry to return to it. */
export function leaveRoomView(): void {
  pushedByApp = false;
  setState({ activeRoomId: null });
  if (roomFromHash() !== null) history.replaceState(null, '', location.pathname + location.search);
}

export function setView(view: View): void {
  setState({ view });
  if (chatVisible(view)) {
    const active = getState().activeRoomId;
    if (active) markRead(active);
  }
}

export function applyHash(): void {
  const id = roomFromHash();
  if (id === getState().activeRoomId) return;
  if (id === null) setState({ activeRoomId: null });
  else openRoom(id);
}

export function watchHash(): void {
  window.addEventListener('hashchange', applyHash);
}
