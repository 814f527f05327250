import type { Message } from '../../../server/protocol/index.ts';
import { tn } from '../lib/i18n-notify.ts';
import { chatVisible } from '../state/messages.ts';
import { openRoom } from '../state/nav.ts';
import { getState, subscribe } from '../state/store.ts';
import { BurstCounter, contentOf } from './content.ts';
import { verdictFor } from './decide.ts';
import { permission } from './permission.ts';
import { playChime } from './sound.ts';

// The browser side of desktop notifications: each live message (the `message` frame; catch-up
// after a reconnect is not news) is judged by decide.ts and, if it passes, shown with the room as
// its tag, so a burst is one notification with a count. Opening the room forgets the burst.

const bursts = new BurstCounter();
const shown = new Map<number, Notification>();

const words = { title: tn.notifyTitle, more: tn.notifyMore, file: tn.notifyFile, photo: tn.notifyPhoto };

function pageHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}

/** The room on screen: the profile or admin page hides the chat even with a room chosen. */
function roomOnScreen(): number | null {
  const s = getState();
  return chatVisible(s.view) ? s.activeRoomId : null;
}

export function notifyOfMessage(message: Message): void {
  const s = getState();
  const me = s.me?.id;
  // No Notification API (an old browser, an insecure page on some, the unit tests): nothing to do.
  if (me === undefined || typeof Notification === 'undefined') return;
  const attention = { pageHidden: pageHidden(), openRoomId: roomOnScreen(), permission: permission() };
  const verdict = verdictFor(message, me, s.settings, attention, new Date());
  if (verdict !== 'notify') return;
  const room = s.rooms[message.roomId];
  const sender = s.users[message.senderId]?.name ?? '';
  const roomName = room?.kind === 'group' ? room.name : null;
  const content = contentOf(message, sender, roomName, bursts.add(message.roomId), words);
  const roomId = message.roomId;
  try {
    const n = new Notification(content.title, { body: content.body, tag: content.tag, renotify: true, silent: true } as NotificationOptions);
    n.onclick = () => {
      window.focus();
      openRoom(roomId);
      seen(roomId);
    };
    shown.set(roomId, n);
  } catch {
    // Some browsers only allow notifications from a service worker (Android Chrome): nothing to show.
    return;
  }
  if (s.settings.notifications.sound) playChime();
}

function seen(roomId: number): void {
  bursts.clear(roomId);
  shown.get(roomId)?.close();
  shown.delete(roomId);
}

/** Once the page is in view with a room open, that room's burst is over. */
export function startNotifications(): void {
  const check = () => {
    const open = roomOnScreen();
    if (open !== null && !pageHidden()) seen(open);
  };
  subscribe(check);
  document.addEventListener('visibilitychange', check);
}
