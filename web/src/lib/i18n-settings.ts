import type { Accent, ChatBackground, FontSize, LanguageChoice, Theme } from '../../../server/protocol/settings.ts';
import { lang } from './i18n.ts';

// The settings screen's strings (the rest of the client's are in i18n.ts).

const ko = {
  settingsLead: '이 설정은 서버에 저장되어 다른 PC와 휴대폰에서도 그대로 적용됩니다.',
  look: '화면',
  theme: '테마',
  themes: { system: '시스템 설정 따르기', light: '밝게', dark: '어둡게' } satisfies Record<Theme, string>,
  accent: '강조 색',
  accents: {
    blue: '파랑', indigo: '남색', violet: '보라', purple: '자주', pink: '분홍',
    red: '빨강', orange: '주황', green: '초록', teal: '청록', slate: '회색',
  } satisfies Record<Accent, string>,
  background: '채팅방 배경',
  backgrounds: { plain: '기본', dots: '점', grid: '격자', gradient: '그라데이션' } satisfies Record<ChatBackground, string>,
  fontSize: '글자 크기',
  fontSizes: { small: '작게', normal: '보통', large: '크게' } satisfies Record<FontSize, string>,
  language: '언어',
  languages: { auto: '브라우저 설정 따르기', ko: '한국어', en: 'English' } satisfies Record<LanguageChoice, string>,
  languageHint: '언어를 바꾸면 화면을 다시 불러옵니다.',
  notifications: '알림',
};

type SettingsStrings = typeof ko;

const en: SettingsStrings = {
  settingsLead: 'Saved on the server, so they follow you to your other PCs and your phone.',
  look: 'Appearance',
  theme: 'Theme',
  themes: { system: 'Follow the system', light: 'Light', dark: 'Dark' },
  accent: 'Accent colour',
  accents: {
    blue: 'Blue', indigo: 'Indigo', violet: 'Violet', purple: 'Purple', pink: 'Pink',
    red: 'Red', orange: 'Orange', green: 'Green', teal: 'Teal', slate: 'Slate',
  },
  background: 'Chat background',
  backgrounds: { plain: 'Plain', dots: 'Dots', grid: 'Grid', gradient: 'Gradient' },
  fontSize: 'Text size',
  fontSizes: { small: 'Small', normal: 'Normal', large: 'Large' },
  language: 'Language',
  languages: { auto: 'Follow the browser', ko: '한국어', en: 'English' },
  languageHint: 'Changing the language reloads the page.',
  notifications: 'Notifications',
};

export const tset: SettingsStrings = lang === 'ko' ? ko : en;
