import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { ACCENTS, BACKGROUNDS, FONT_SIZES, LANGUAGES, MUTES_MAX, THEMES } from './settings.ts';

// The wire schema of a person's settings (the rules and types are in settings.ts): the reply of
// GET/PUT /api/me/settings, the `settings` frame, and what a save may send.

function oneOf<T extends readonly string[]>(values: T): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(values.map((v) => Type.Literal(v)) as TLiteral<T[number]>[]);
}

const ClockTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

export const RoomMuteSchema = Type.Object(
  {
    roomId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    // Null first: the server's validator would otherwise coerce null to 0 (an ended mute).
    until: Type.Union([Type.Null(), Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 })]),
  },
  { additionalProperties: false },
);

const DndFields = {
  enabled: Type.Boolean(),
  from: ClockTime,
  to: ClockTime,
};
const NotificationFields = {
  desktop: Type.Boolean(),
  sound: Type.Boolean(),
  mentionsWhenMuted: Type.Boolean(),
};

/** Each top-level part on its own, so a stored document with one bad part keeps the others. */
export const SettingsParts = {
  theme: oneOf(THEMES),
  accent: oneOf(ACCENTS),
  background: oneOf(BACKGROUNDS),
  fontSize: oneOf(FONT_SIZES),
  language: oneOf(LANGUAGES),
  notifications: Type.Object({ ...NotificationFields, dnd: Type.Object(DndFields, { additionalProperties: false }) }, { additionalProperties: false }),
  mutes: Type.Array(RoomMuteSchema, { maxItems: MUTES_MAX }),
};

export const UserSettingsSchema = Type.Object(SettingsParts, { additionalProperties: false });

export const SettingsPatchSchema = Type.Object(
  {
    theme: Type.Optional(SettingsParts.theme),
    accent: Type.Optional(SettingsParts.accent),
    background: Type.Optional(SettingsParts.background),
    fontSize: Type.Optional(SettingsParts.fontSize),
    language: Type.Optional(SettingsParts.language),
    notifications: Type.Optional(
      Type.Object(
        {
          desktop: Type.Optional(NotificationFields.desktop),
          sound: Type.Optional(NotificationFields.sound),
          mentionsWhenMuted: Type.Optional(NotificationFields.mentionsWhenMuted),
          dnd: Type.Optional(Type.Partial(Type.Object(DndFields, { additionalProperties: false }))),
        },
        { additionalProperties: false },
      ),
    ),
    mutes: Type.Optional(SettingsParts.mutes),
  },
  { additionalProperties: false },
);

export const UserSettingsReply = Type.Object({ settings: UserSettingsSchema });
export type UserSettingsReply = Static<typeof UserSettingsReply>;
