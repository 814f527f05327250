// A person's own settings: how the client looks, which language it speaks, when it notifies, and
// which rooms are muted. One document per person, kept on the server so it follows them to every
// device. Plain rules with no schema library, so the web client imports this file as it is; the
// wire schema is settings-schema.ts.

export const THEMES = ['system', 'light', 'dark'] as const;
export const ACCENTS = ['blue', 'indigo', 'violet', 'purple', 'pink', 'red', 'orange', 'green', 'teal', 'slate'] as const;
export const BACKGROUNDS = ['plain', 'dots', 'grid', 'gradient'] as const;
export const FONT_SIZES = ['small', 'normal', 'large'] as const;
/** `auto`: the browser's languages decide (server/protocol/lang.ts). */
export const LANGUAGES = ['auto', 'ko', 'en'] as const;

export type Theme = (typeof THEMES)[number];
export type Accent = (typeof ACCENTS)[number];
export type ChatBackground = (typeof BACKGROUNDS)[number];
export type FontSize = (typeof FONT_SIZES)[number];
export type LanguageChoice = (typeof LANGUAGES)[number];

/** A muted room: `until` is ms since the epoch, or null for "until I unmute". */
export interface RoomMute {
  roomId: number;
  until: number | null;
}

export interface DoNotDisturb {
  enabled: boolean;
  /** "HH:MM", local time; `from` after `to` spans midnight (19:00–08:00). */
  from: string;
  to: string;
}

export interface NotificationSettings {
  /** Desktop notifications (the browser's permission is asked separately). */
  desktop: boolean;
  /** A short local sound with a notification. */
  sound: boolean;
  /** A mention of me still notifies in a muted room and during do-not-disturb. */
  mentionsWhenMuted: boolean;
  dnd: DoNotDisturb;
}

export interface UserSettings {
  theme: Theme;
  accent: Accent;
  background: ChatBackground;
  fontSize: FontSize;
  language: LanguageChoice;
  notifications: NotificationSettings;
  mutes: RoomMute[];
}

/** What a save may change: any top-level part; `notifications` field by field; `mutes` as a whole list. */
export type SettingsPatch = Partial<Omit<UserSettings, 'notifications'>> & {
  notifications?: Partial<Omit<NotificationSettings, 'dnd'>> & { dnd?: Partial<DoNotDisturb> };
};

export const MUTES_MAX = 1000;
export const CLOCK_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export const DEFAULT_SETTINGS: UserSettings = {
  theme: 'system',
  accent: 'blue',
  background: 'plain',
  fontSize: 'normal',
  language: 'auto',
  notifications: {
    desktop: true,
    sound: false,
    mentionsWhenMuted: true,
    dnd: { enabled: false, from: '19:00', to: '08:00' },
  },
  mutes: [],
};

/** `patch` over `base`; mutes that have ended by `now` are dropped, and one entry per room is kept (the last). */
export function mergeSettings(base: UserSettings, patch: SettingsPatch, now = Date.now()): UserSettings {
  const n = patch.notifications;
  const merged: UserSettings = {
    ...base,
    ...withoutUndefined(patch),
    notifications: {
      ...base.notifications,
      ...(n ? withoutUndefined(n) : {}),
      dnd: { ...base.notifications.dnd, ...(n?.dnd ? withoutUndefined(n.dnd) : {}) },
    },
  };
  return { ...merged, mutes: liveMutes(merged.mutes, now) };
}

/** The mute in force for this room at `now`, or null. */
export function muteOf(settings: UserSettings, roomId: number, now: number): RoomMute | null {
  return settings.mutes.find((m) => m.roomId === roomId && (m.until === null || m.until > now)) ?? null;
}

/** Whether `at` (read on the local clock) falls inside the do-not-disturb hours. */
export function inDoNotDisturb(settings: UserSettings, at: Date): boolean {
  const { enabled, from, to } = settings.notifications.dnd;
  if (!enabled || from === to) return false;
  const minute = at.getHours() * 60 + at.getMinutes();
  const start = minutesOf(from);
  const end = minutesOf(to);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function liveMutes(mutes: readonly RoomMute[], now: number): RoomMute[] {
  const byRoom = new Map<number, RoomMute>();
  for (const m of mutes) if (m.until === null || m.until > now) byRoom.set(m.roomId, { roomId: m.roomId, until: m.until });
  return [...byRoom.values()];
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
