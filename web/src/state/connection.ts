import type { ServerFrame } from '../../../server/protocol/index.ts';
import { ApiError, api } from '../lib/api.ts';
import { errorText } from '../lib/i18n.ts';
import { Socket, type SocketState } from '../lib/socket.ts';
import {
  applyDeleted,
  flushQueue,
  ingest,
  markRead,
  onAck,
  onSendError,
  onSocketLost,
  onSynced,
  refreshDeletions,
  requestSync,
  resetReadMarks,
} from './messages.ts';
import { loadPendingSignups } from './admin.ts';
import { loadUploadLimits } from './uploads.ts';
import { applyRead, loadRooms, upsertRoom } from './rooms.ts';
import { getState, setState } from './store.ts';
import { clearAllTyping, someoneTyping } from './typing.ts';
import { applyPresence, applyUser, loadUsers, setOnlineList } from './users.ts';
import { showToast } from './toast.ts';
import { moveToScheme } from './scheme.ts';

// Wires the socket to the state: frames in, resynchronisation after every (re)connect.

let everOpen = false;
let loggedOutHandler: () => void = () => {};

export function onServerLogout(handler: () => void): void {
  loggedOutHandler = handler;
}

export const socket = new Socket({
  onFrame: handleFrame,
  onOpen: (reconnected) => void resync(reconnected),
  onState: handleState,
  onLoggedOut: () => loggedOutHandler(),
});

export function startConnection(): void {
  everOpen = false;
  setState({ connection: 'connecting' });
  socket.start();
}

export function stopConnection(): void {
  socket.stop();
}

async function resync(reconnected: boolean): Promise<void> {
  everOpen = true;
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
    if (getState().me?.role === 'admin') loadPendingSignups().catch(() => {});
  }
  if (socket.state !== 'open') return;
  // Re-sends first: their acks then arrive before the sync reply that also carries them.
  flushQueue();
  requestSync();
  setState({ connection: 'open' });
  const active = getState().activeRoomId;
  if (active) {
    markRead(active);
    if (reconnected) refreshDeletions(active).catch(() => {});
  }
}

let lastSessionCheck = 0;

function handleState(state: SocketState): void {
  if (state === 'open') return; // 'open' is published once resync has been sent
  setState({ connection: everOpen ? 'reconnecting' : 'connecting' });
  if (state === 'closed') {
    onSocketLost();
    clearAllTyping();
    // Presence is unknown while we are away; `ready` brings the full list back on reconnect.
    setOnlineList([]);
    // A socket refused at the upgrade looks like any network error; ask over HTTP whether the
    // session is still valid, at most every few seconds.
    const now = Date.now();
    if (now - lastSessionCheck > 5000) {
      lastSessionCheck = now;
      api.me().catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) loggedOutHandler();
      });
    }
  }
}

function handleFrame(frame: ServerFrame): void {
  const me = getState().me?.id;
  switch (frame.type) {
    case 'ready':
      setState({ me: frame.user });
      setOnlineList(frame.online);
      break;
    case 'ack':
      onAck(frame.tempId, frame.message);
      break;
    case 'message':
      ingest(frame.message.roomId, [frame.message]);
      break;
    case 'synced':
      onSynced(frame.roomId, frame.messages, frame.more);
      break;
    case 'read':
      applyRead(frame.roomId, frame.userId, frame.seq);
      break;
    case 'typing':
      if (frame.userId !== me) someoneTyping(frame.roomId, frame.userId);
      break;
    case 'presence':
      applyPresence(frame.online, frame.offline);
      break;
    case 'room': {
      const isNew = !getState().rooms[frame.room.id];
      upsertRoom(frame.room);
      // A room we were just added to may already have history we have no cursor for.
      if (isNew && getState().timelines[frame.room.id]) requestSync([frame.room.id]);
      break;
    }
    case 'deleted':
      applyDeleted(frame.roomId, frame.messageId);
      break;
    case 'user':
      applyUser(frame.user);
      break;
    case 'signup':
      // Admins only: refresh the list (and the rail badge) instead of polling for it.
      if (getState().me?.role === 'admin') loadPendingSignups().catch(() => {});
      break;
    case 'scheme':
      moveToScheme(frame.https, frame.port);
      break;
    case 'error':
      if (frame.tempId) onSendError(frame.tempId, frame.code, frame.message);
      else showToast(errorText(frame.code, frame.message), 'error');
      break;
  }
}
