import { refreshSignupsIfAdmin } from './admin.ts';
import { refreshResetsIfAdmin } from './admin-resets.ts';
import { linkCaughtUp, linkOpened } from './link-status.ts';
import { flushQueue, markRead, onSocketLost, refreshDeletions, requestSync, resetReadMarks } from './messages.ts';
import { loadRooms } from './rooms.ts';
import { linkOpen } from './socket-link.ts';
import { getState, setState } from './store.ts';
import { clearAllTyping } from './typing.ts';
import { loadUploadLimits } from './uploads.ts';
import { loadUsers, setOnlineList } from './users.ts';

// After every (re)connect the client catches up on what it missed; when the link drops it lets
// go of what only the live link kept true.

export async function resync(reconnected: boolean): Promise<void> {
  linkOpened();
  resetReadMarks();
  // The room list first: rooms created or joined while we were away, and fresh cursors.
  if (reconnected) {
    // Deletions made meanwhile are not in a sync (their seq is old): rooms not on screen are
    // simply fetched afresh when next opened; the open one is patched below.
    const active = getState().activeRoomId;
    const kept = active !== null ? getState().timelines[active] : undefined;
    setState({ timelines: kept && active !== null ? { [active]: kept } : {} });
    await Promise.all([loadRooms(), loadUsers()]).catch(() => {});
    // The admin may have changed the limits while we were away; a sign-up may have come in.
    loadUploadLimits().catch(() => {});
    refreshSignupsIfAdmin();
    refreshResetsIfAdmin();
  }
  if (!linkOpen()) return;
  // Re-sends first: their acks then arrive before the sync reply that also carries them.
  flushQueue();
  requestSync();
  linkCaughtUp();
  const active = getState().activeRoomId;
  if (active) {
    markRead(active);
    if (reconnected) refreshDeletions(active).catch(() => {});
  }
}

export function linkLost(): void {
  onSocketLost();
  clearAllTyping();
  // Presence is unknown while we are away; `ready` brings the full list back on reconnect.
  setOnlineList([]);
}
