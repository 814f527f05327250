import { lang } from './i18n.ts';

// The search screen's strings (the rest of the client's are in i18n.ts).

const ko = {
  search: '검색',
  searchMessages: '메시지 검색',
  searchIn: (room: string) => `${room}에서 검색`,
  searchThisRoom: '이 대화방에서 검색',
  allRooms: '모든 대화방',
  onlyRoom: (room: string) => `${room}만`,
  searchAllRooms: '모든 대화방에서 찾기',
  searchHint: '내 대화방의 메시지를 찾습니다. 한글은 두 글자 이상이면 단어 속에서도 찾아요 (회의 → 회의실).',
  noResults: (q: string) => `‘${q}’에 대한 검색 결과가 없습니다.`,
  noResultsHint: '다른 단어로 찾거나 모든 대화방에서 찾아보세요.',
  searching: '찾는 중…',
  searchFailed: '검색하지 못했습니다.',
  retry: '다시 시도',
  moreResults: '결과 더 보기',
  resultCount: (n: number, more: boolean) => `결과 ${n}${more ? '+' : ''}개`,
  pickResult: '검색 결과를 고르세요',
  pickResultHint: '결과를 누르면 그 메시지가 있는 대화로 이동해 앞뒤 내용과 함께 보여 줍니다.',
  clearSearch: '검색어 지우기',
  removeRoomFilter: '대화방 조건 없애기',
};

type SearchStrings = typeof ko;

const en: SearchStrings = {
  search: 'Search',
  searchMessages: 'Search messages',
  searchIn: (room: string) => `Search in ${room}`,
  searchThisRoom: 'Search this room',
  allRooms: 'All rooms',
  onlyRoom: (room: string) => `Only ${room}`,
  searchAllRooms: 'Search all rooms',
  searchHint: 'Finds messages in your rooms. Korean words of two or more syllables are found inside longer words too (회의 → 회의실).',
  noResults: (q: string) => `No messages found for “${q}”.`,
  noResultsHint: 'Try other words, or search all rooms.',
  searching: 'Searching…',
  searchFailed: 'The search did not work.',
  retry: 'Try again',
  moreResults: 'More results',
  resultCount: (n: number, more: boolean) => `${n}${more ? '+' : ''} result${n === 1 && !more ? '' : 's'}`,
  pickResult: 'Pick a result',
  pickResultHint: 'Opening a result shows its message in its room, with what was said before and after.',
  clearSearch: 'Clear the search',
  removeRoomFilter: 'Search all rooms instead',
};

export const ts: SearchStrings = lang === 'ko' ? ko : en;
