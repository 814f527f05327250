// The catalogue's codes for secret rooms (docs/secret-chats.md): devices, key envelopes and
// encrypted messages. Part of ERRORS (errors.ts), kept in a file of their own.

export const SECRET_ERRORS = {
  SECRET_PLAINTEXT_REFUSED: {
    status: 400,
    ko: '비밀 채팅방에는 암호화된 내용만 보낼 수 있습니다.',
    en: 'A secret room takes encrypted content only, never plain text.',
  },
  SECRET_CIPHER_REFUSED: {
    status: 400,
    ko: '일반 대화방에는 암호문을 보낼 수 없습니다.',
    en: 'A plain room does not take encrypted content.',
  },
  SECRET_CIPHER_MISSING: {
    status: 400,
    ko: '비밀 채팅방 메시지에 암호문과 키 세대(epoch)가 필요합니다.',
    en: 'A secret room message needs its cipher and key epoch.',
  },
  SECRET_CIPHER_TOO_LONG: {
    status: 400,
    ko: '암호화된 메시지가 너무 깁니다.',
    en: 'The encrypted message is too long.',
  },
  SECRET_EPOCH_STALE: {
    status: 409,
    ko: '대화방의 암호 키가 바뀌었습니다. 새 키로 다시 보냅니다.',
    en: "The room's keys changed. Re-key and send again.",
  },
  SECRET_ROOM_ONLY: {
    status: 400,
    ko: '비밀 채팅방에서만 할 수 있습니다.',
    en: 'This can only be done in a secret room.',
  },
  SECRET_ROOM_FULL: {
    status: 400,
    ko: '비밀 채팅방은 50명까지 참여할 수 있습니다.',
    en: 'A secret room can have at most 50 members.',
  },
  DEVICE_KEY_INVALID: {
    status: 400,
    ko: '기기 공개 키가 올바른 P-256 키가 아닙니다.',
    en: 'A device public key is not a valid P-256 point.',
  },
  DEVICE_LIMIT: {
    status: 409,
    ko: '기기는 한 사람당 10대까지 등록할 수 있습니다. 쓰지 않는 기기를 지우세요.',
    en: 'One person can register at most 10 devices. Remove one you no longer use.',
  },
  DEVICE_NOT_FOUND: { status: 404, ko: '기기를 찾을 수 없습니다.', en: 'Device not found.' },
  DEVICE_NOT_YOURS: {
    status: 403,
    ko: '내 기기가 아닙니다.',
    en: 'That device is not yours.',
  },
  KEY_RECIPIENT_INVALID: {
    status: 400,
    ko: '받는 기기 중에 이 대화방 멤버의 기기가 아닌 것이 있습니다.',
    en: 'A recipient device does not belong to a member of this room.',
  },
  KEY_PAYLOAD_INVALID: {
    status: 400,
    ko: '키 봉투의 형식이나 크기가 올바르지 않습니다.',
    en: 'A key envelope is malformed or too large.',
  },
} as const;
