import type { ServerFrame } from '../../../server/protocol/index.ts';
import { decodeIdSet } from '../../../server/protocol/id-set.ts';
import { errorText } from '../lib/error-text.ts';
import { refreshSignupsIfAdmin } from './admin.ts';
import { refreshResetsIfAdmin } from './admin-resets.ts';
import { applyEdited, applyReacted, onChangeError } from './message-changes.ts';
import { noteRev, revOfFrame, syncDone } from './feed.ts';
import { applyDeleted, ingest, onAck, onSendError } from './messages.ts';
import { applySynced } from './resync.ts';
import { applyRead, upsertRoom } from './rooms.ts';
import { applyPinned, applyRemoved, onPinError } from './room-members.ts';
import { moveToScheme } from './scheme.ts';
import { applySettingsFrame } from './settings.ts';
import { notifyOfMessage } from '../notify/notify.ts';
import { getState, setState } from './store.ts';
import { showToast } from './toast.ts';
import { someoneTyping } from './typing.ts';
import { secret } from '../secret-gate.ts';
import { reportTrust } from './trust.ts';
import { applyPresence, applyUser, setOnlineList } from './users.ts';

// Each frame from the server, handed to the state module that owns what it is about. Every frame
// that reports a change of a room first goes through the change feed's bookkeeping (noteRev), so
// the handlers below only apply it.

export function dispatchFrame(frame: ServerFrame): void {
  const me = getState().me?.id;
  const change = revOfFrame(frame);
  if (change) noteRev(change.roomId, change.rev);
  switch (frame.type) {
    case 'ready':
      setState({ me: frame.user });
      setOnlineList(decodeIdSet(frame.online));
      void reportTrust();
      break;
    case 'trust-check':
      void reportTrust();
      break;
    case 'ack':
      onAck(frame.tempId, frame.message);
      break;
    case 'message':
      ingest(frame.message.roomId, [frame.message]);
      notifyOfMessage(frame.message);
      break;
    case 'synced':
      applySynced(frame);
      break;
    case 'sync-done':
      syncDone();
      break;
    case 'read':
      applyRead(frame.roomId, frame.userId, frame.seq);
      break;
    case 'typing':
      if (frame.userId !== me) someoneTyping(frame.roomId, frame.userId);
      break;
    case 'presence':
      applyPresence(decodeIdSet(frame.online), decodeIdSet(frame.offline));
      break;
    case 'room':
      upsertRoom(frame.room);
      break;
    case 'removed':
      applyRemoved(frame.roomId);
      break;
    case 'pinned':
      applyPinned(frame.roomId, frame.pin);
      break;
    case 'deleted':
      applyDeleted(frame.roomId, frame.messageId);
      break;
    case 'edited':
      applyEdited(frame.message);
      break;
    case 'reacted':
      applyReacted(frame.roomId, frame.messageId, frame.rev, frame.reactions);
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
      void moveToScheme(frame.https, frame.port);
      break;
    case 'settings':
      applySettingsFrame(frame.settings);
      break;
    case 'room-key':
    case 'devices':
      void secret().then((m) => m.onSecretFrame(frame));
      break;
    case 'error':
      if (frame.code === 'SECRET_EPOCH_STALE' && frame.tempId) {
        void secret().then((m) => m.onStale(frame.tempId!));
        break;
      }
      if (frame.tempId && onChangeError(frame.tempId, frame.code, frame.message)) break;
      if (frame.tempId && onPinError(frame.tempId, frame.code, frame.message)) break;
      // A read or typing of ours that crossed our removal from the room: `removed` tells of it.
      if (!frame.tempId && frame.code === 'NOT_A_MEMBER') break;
      if (frame.tempId) onSendError(frame.tempId, frame.code, frame.message);
      else showToast(errorText(frame.code, frame.message), 'error');
      break;
  }
}
