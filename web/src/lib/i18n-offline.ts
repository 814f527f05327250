import { lang } from './i18n.ts';

// The strings of the offline-capable client: the "server unreachable" screen and banner (the rest
// of the client's are in i18n.ts).

const ko = {
  unreachableTitle: '서버에 연결할 수 없습니다',
  unreachableLead: '소통 서버가 꺼져 있거나 이 PC가 회사 네트워크에 연결되어 있지 않습니다. 잠시 후 자동으로 다시 연결합니다.',
  unreachableRetrying: '몇 초마다 다시 확인하는 중…',
  unreachableRetry: '지금 다시 시도',
  offlineBanner: '서버에 연결할 수 없어 저장된 대화를 보여 줍니다. 다시 연결하는 중…',
};

type OfflineStrings = typeof ko;

const en: OfflineStrings = {
  unreachableTitle: 'The server cannot be reached',
  unreachableLead: 'The Sotong server is off, or this PC is not on the office network. Sotong connects again by itself as soon as it can.',
  unreachableRetrying: 'Checking again every few seconds…',
  unreachableRetry: 'Try again now',
  offlineBanner: 'The server cannot be reached; showing the conversations saved on this PC. Reconnecting…',
};

export const toff: OfflineStrings = lang === 'ko' ? ko : en;
