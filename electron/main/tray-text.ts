import type { Lang } from '../../server/protocol/lang.ts';

// The tray's words. The web client has its own catalogue; these are few enough to keep here.
export const TRAY_TEXT = {
  ko: {
    running: '실행 중',
    starting: '시작하는 중…',
    stopping: '중지하는 중…',
    stopped: '중지됨',
    crashed: '오류',
    retryIn: (s: number) => `${s}초 후 다시 시도`,
    openManager: '관리 창 열기',
    openWebClient: '웹 메신저 열기',
    copyLanAddress: (url: string | null) => (url ? `주소 복사 (${url})` : '주소 복사'),
    start: '서버 시작',
    retryNow: '지금 다시 시작',
    stop: '서버 중지',
    https: 'HTTPS 사용',
    openAtLogin: '로그인할 때 자동 실행',
    quit: '종료',
  },
  en: {
    running: 'Running',
    starting: 'Starting…',
    stopping: 'Stopping…',
    stopped: 'Stopped',
    crashed: 'Error',
    retryIn: (s: number) => `retrying in ${s}s`,
    openManager: 'Open manager',
    openWebClient: 'Open web messenger',
    copyLanAddress: (url: string | null) => (url ? `Copy address (${url})` : 'Copy address'),
    start: 'Start server',
    retryNow: 'Restart now',
    stop: 'Stop server',
    https: 'Use HTTPS',
    openAtLogin: 'Start at login',
    quit: 'Quit',
  },
} satisfies Record<Lang, unknown>;
