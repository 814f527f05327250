import { lang } from './i18n.ts';

// The admin area's words (web/src/components/admin/), Korean and English. Kept apart from i18n.ts,
// which holds what every user sees.

const ko = {
  tabSignups: '승인 대기',
  tabUsers: '사용자',
  tabRooms: '대화방',
  tabResets: '비밀번호 재설정',
  tabAudit: '감사 로그',
};

export type AdminStrings = typeof ko;

const en: AdminStrings = {
  tabSignups: 'Pending',
  tabUsers: 'Users',
  tabRooms: 'Rooms',
  tabResets: 'Password resets',
  tabAudit: 'Audit log',
};

export const ta: AdminStrings = lang === 'ko' ? ko : en;
