import { t } from '../lib/i18n.ts';
import { tr } from '../lib/i18n-rooms.ts';
import { forgetRoom } from './feed.ts';
import { leaveRoomView } from './nav.ts';
import { getState, setState, withoutKey } from './store.ts';
import { showToast } from './toast.ts';

// A room we are no longer in (`removed`, live or in a sync answer: we left on another device or
// were removed): it goes from the list with everything held for it. If it was open, the list
// comes back with a notice saying why.

export function roomRemoved(roomId: number, why: 'left' | 'gone' = 'gone'): void {
  forgetRoom(roomId);
  const s = getState();
  const wasOpen = s.activeRoomId === roomId;
  const name = s.rooms[roomId]?.kind === 'group' ? s.rooms[roomId]!.name : '';
  if (!s.rooms[roomId] && !s.timelines[roomId] && !wasOpen) return;
  if (why === 'left') showToast(tr.left(name), 'info');
  setState((st) => ({
    rooms: withoutKey(st.rooms, roomId),
    timelines: withoutKey(st.timelines, roomId),
    pending: withoutKey(st.pending, roomId),
    typing: withoutKey(st.typing, roomId),
    uploads: withoutKey(st.uploads, roomId),
    lightbox: st.lightbox?.roomId === roomId ? null : st.lightbox,
    uploadRejects: st.uploadRejects?.roomId === roomId ? null : st.uploadRejects,
  }));
  if (!wasOpen) return;
  leaveRoomView();
  if (why === 'gone') showToast(t.roomRemoved(name), 'info');
}
