import type { ServerFrame } from '../../../server/protocol/index.ts';
import { errorText } from '../lib/i18n.ts';
import { refreshSignupsIfAdmin } from './admin.ts';
import { refreshResetsIfAdmin } from './admin-resets.ts';
import { applyDeleted, ingest, onAck, onSendError, onSynced, requestSync } from './messages.ts';
import { applyRead, upsertRoom } from './rooms.ts';
import { moveToScheme } from './scheme.ts';
import { getState, setState } from './store.ts';
import { showToast } from './toast.ts';
import { someoneTyping } from './typing.ts';
import { applyPresence, applyUser, setOnlineList } from './users.ts';

// Each frame from the server, handed to the state module that owns what it is about.

export function dispatchFrame(frame: ServerFrame): void {
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
      // Refresh the list (and the rail badge) instead of polling for it.
      refreshSignupsIfAdmin();
      break;
    case 'reset-request':
      refreshResetsIfAdmin();
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
