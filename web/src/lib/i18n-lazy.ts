import { lang } from './i18n.ts';

// What a lazily loaded part of the client (components/common/lazy.tsx) says while it loads or when
// its file could not be fetched (the rest of the client's strings are in i18n.ts).

const ko = {
  partLoading: '불러오는 중…',
  partFailed: '화면을 불러오지 못했습니다. 서버가 새 버전으로 바뀌었을 수 있어요.',
  reload: '새로 고침',
};

type LazyStrings = typeof ko;

const en: LazyStrings = {
  partLoading: 'Loading…',
  partFailed: 'This part could not be loaded. The server may have been updated.',
  reload: 'Reload',
};

export const tl: LazyStrings = lang === 'ko' ? ko : en;
