import type { ServerFrame } from '../../../server/protocol/index.ts';
import { refreshSignupsIfAdmin } from './admin.ts';
import { refreshResetsIfAdmin } from './admin-resets.ts';
import { feedLinkLost, startCatchUp, syncedApplied } from './feed.ts';
import { linkCaughtUp, linkOpened } from './link-status.ts';
import { applyChanged, flushQueue, markRead, onSocketLost, resetReadMarks } from './messages.ts';
import { upsertRoom } from './rooms.ts';
import { linkOpen } from './socket-link.ts';
import { getState, setState } from './store.ts';
import { clearAllTyping } from './typing.ts';
import { loadUploadLimits } from './uploads.ts';
import { loadUsers, setOnlineList } from './users.ts';

// After every (re)connect the client catches up on what it missed from the change feed: one `sync`
// with the rev of every room it knows, the answers applied to what it holds (no room is fetched
// again); when the link drops it lets go of what only the live link kept true.

let firstRoomList: Promise<unknown> = Promise.resolve();

/** The room list loading at sign-in: the first catch-up starts from its revs. */
export function awaitRoomList(loading: Promise<unknown>): void {
  firstRoomList = loading;
}

export async function resync(reconnected: boolean): Promise<void> {
  linkOpened(reconnected);
  resetReadMarks();
  if (reconnected) {
    // Profile changes made meanwhile are not in the feed (they are not room changes).
    loadUsers().catch(() => {});
    // The admin may have changed the limits while we were away; a sign-up may have come in.
    loadUploadLimits().catch(() => {});
    refreshSignupsIfAdmin();
    refreshResetsIfAdmin();
  } else {
    await firstRoomList.catch(() => {});
  }
  if (!linkOpen()) return;
  // Re-sends first: their acks then arrive before the sync reply that also carries them.
  flushQueue();
  startCatchUp(() => {
    linkCaughtUp();
    // Had the room list failed to load, the sync brought every room instead.
    if (!getState().roomsLoaded) setState({ roomsLoaded: true });
    const active = getState().activeRoomId;
    if (active) markRead(active);
  });
}

type Synced = Extract<ServerFrame, { type: 'synced' }>;

/** A sync answer: the room as it is now, each changed message in its current state, then the cursor. */
export function applySynced(frame: Synced): void {
  upsertRoom(frame.room);
  applyChanged(frame.roomId, frame.messages);
  syncedApplied(frame.roomId, frame.room.rev, frame.messages.at(-1)?.rev, frame.more, frame.continues === true);
}

export function linkLost(): void {
  feedLinkLost();
  onSocketLost();
  clearAllTyping();
  // Presence is unknown while we are away; `ready` brings the full list back on reconnect.
  setOnlineList([]);
}
