import { lang } from './i18n.ts';

// The strings of replies, edits, reactions and the message menu, Korean and English, beside
// i18n.ts so that file stays within the size rule. Same language rule (lang from i18n.ts).

const ko = {
  reply: '답장',
  replyingTo: (name: string) => `${name}님에게 답장`,
  cancelReply: '답장 취소',
  photo: '사진',
  jumpToOriginal: '원래 메시지 보기',
  originalGone: '원래 메시지를 찾을 수 없습니다.',
  edit: '수정',
  editing: '메시지 수정',
  editHint: 'Enter 저장 · Esc 취소',
  cancelEdit: '수정 취소',
  saveEdit: '저장',
  edited: '수정됨',
  editedAt: (when: string) => `${when}에 수정됨`,
  editHistory: '수정 기록',
  versionFirst: '처음 보낸 글',
  versionNow: '지금',
  versionsFailed: '수정 기록을 불러오지 못했습니다.',
  copy: '텍스트 복사',
  copied: '복사했습니다.',
  copyFailed: '복사하지 못했습니다.',
  deleteForEveryone: '모두에게서 삭제',
  react: '반응 남기기',
  moreEmoji: '다른 이모지',
  reactWith: (emoji: string) => `${emoji} 반응`,
  reactedBy: (names: string) => `${names} 님이 반응했습니다`,
  notConnected: '연결이 끊겨 있습니다. 다시 연결되면 시도하세요.',
};

type Strings = typeof ko;

const en: Strings = {
  reply: 'Reply',
  replyingTo: (name: string) => `Replying to ${name}`,
  cancelReply: 'Cancel reply',
  photo: 'Photo',
  jumpToOriginal: 'Show the original message',
  originalGone: 'The original message could not be found.',
  edit: 'Edit',
  editing: 'Editing message',
  editHint: 'Enter to save · Esc to cancel',
  cancelEdit: 'Cancel editing',
  saveEdit: 'Save',
  edited: 'edited',
  editedAt: (when: string) => `Edited ${when}`,
  editHistory: 'Edit history',
  versionFirst: 'Original',
  versionNow: 'Now',
  versionsFailed: 'The edit history could not be loaded.',
  copy: 'Copy text',
  copied: 'Copied.',
  copyFailed: 'Could not copy.',
  deleteForEveryone: 'Delete for everyone',
  react: 'React',
  moreEmoji: 'More emoji',
  reactWith: (emoji: string) => `React with ${emoji}`,
  reactedBy: (names: string) => `${names} reacted`,
  notConnected: 'Not connected. Please try again once the connection is back.',
};

export const tm: Strings = lang === 'ko' ? ko : en;
