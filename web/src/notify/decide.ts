import type { Message } from '../../../server/protocol/index.ts';
import { inDoNotDisturb, muteOf, type UserSettings } from '../../../server/protocol/settings.ts';
import { mentionsMe } from '../state/mention-badge.ts';

// Whether a message that just arrived deserves a desktop notification, and how long a mute lasts.
// Pure rules with every input passed in, so they are unit-tested without a browser; notify.ts is
// the browser glue around them.

export interface Attention {
  /** The page is hidden (another tab, minimised) or the window does not have the focus. */
  pageHidden: boolean;
  /** The room open on screen, or null. */
  openRoomId: number | null;
  /** Notification.permission. */
  permission: NotificationPermission | 'unsupported';
}

export type Verdict =
  | 'notify'
  | 'own'
  | 'system'
  | 'deleted'
  | 'seen'
  | 'off'
  | 'no-permission'
  | 'muted'
  | 'dnd';

/** The one reason a message notifies or not, in the order they are checked. */
export function verdictFor(message: Message, me: number, settings: UserSettings, attention: Attention, now: Date): Verdict {
  if (message.senderId === me) return 'own';
  if (message.system) return 'system';
  if (message.deleted) return 'deleted';
  if (!attention.pageHidden && attention.openRoomId === message.roomId) return 'seen';
  if (!settings.notifications.desktop) return 'off';
  if (attention.permission !== 'granted') return 'no-permission';
  // A mention of me breaks through a mute and do-not-disturb, unless I asked it not to.
  const mentionPasses = settings.notifications.mentionsWhenMuted && mentionsMe(message, me);
  if (!mentionPasses && muteOf(settings, message.roomId, now.getTime())) return 'muted';
  if (!mentionPasses && inDoNotDisturb(settings, now)) return 'dnd';
  return 'notify';
}

/** The room list shows a muted room's unread count in grey. */
export function isQuiet(settings: UserSettings, roomId: number, now: number): boolean {
  return muteOf(settings, roomId, now) !== null;
}

export const MUTE_CHOICES = ['hour', 'tomorrow', 'forever'] as const;
export type MuteChoice = (typeof MUTE_CHOICES)[number];

/** When a mute chosen at `now` ends (ms since the epoch), or null for "until I unmute". */
export function muteUntil(choice: MuteChoice, now: Date): number | null {
  if (choice === 'forever') return null;
  if (choice === 'hour') return now.getTime() + 60 * 60 * 1000;
  const nine = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0, 0, 0);
  return nine.getTime();
}
