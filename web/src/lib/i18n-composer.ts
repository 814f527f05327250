import { lang } from './i18n.ts';

// The composer's strings (emoji picker, mentions, links), Korean and English, beside i18n.ts so
// that file stays within the size rule. Same language rule (lang from i18n.ts).

const ko = {
  emoji: '이모지',
  emojiSearch: '이모지 검색 (한글 · 영어)',
  emojiRecent: '최근 사용',
  emojiGroups: {
    'smileys-emotion': '표정 · 감정',
    'people-body': '사람 · 손',
    'animals-nature': '동물 · 자연',
    'food-drink': '음식 · 음료',
    'travel-places': '여행 · 장소',
    activities: '활동',
    objects: '사물',
    symbols: '기호 · 깃발',
  },
  emojiNone: '찾는 이모지가 없습니다.',
  emojiLoadFailed: '이모지를 불러오지 못했습니다.',
  emojiRetry: '다시 시도',
  skinTone: '피부색',
  skinTones: ['기본', '밝은 피부', '조금 밝은 피부', '중간 피부', '조금 어두운 피부', '어두운 피부'],
  // mentions
  mentionBadge: (n: number) => `나를 멘션한 메시지 ${n}개`,
  mentionAll: '모두',
  mentionAllHint: '이 대화방의 모든 사람에게 알림',
  mentionList: '멘션할 사람',
};

type Strings = typeof ko;

const en: Strings = {
  emoji: 'Emoji',
  emojiSearch: 'Search emoji',
  emojiRecent: 'Recently used',
  emojiGroups: {
    'smileys-emotion': 'Smileys & emotion',
    'people-body': 'People & hands',
    'animals-nature': 'Animals & nature',
    'food-drink': 'Food & drink',
    'travel-places': 'Travel & places',
    activities: 'Activities',
    objects: 'Objects',
    symbols: 'Symbols & flags',
  },
  emojiNone: 'No emoji found.',
  emojiLoadFailed: 'The emoji could not be loaded.',
  emojiRetry: 'Try again',
  skinTone: 'Skin tone',
  skinTones: ['Default', 'Light', 'Medium-light', 'Medium', 'Medium-dark', 'Dark'],
  // mentions
  mentionBadge: (n: number) => (n === 1 ? '1 message mentions you' : `${n} messages mention you`),
  mentionAll: 'all',
  mentionAllHint: 'Notify everyone in this room',
  mentionList: 'Mention someone',
};

export const tc: Strings = lang === 'ko' ? ko : en;
