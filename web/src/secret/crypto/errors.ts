// The one error type this module throws. Every failure — bad input, a forged or tampered envelope, a
// replay, missing WebCrypto — ends up as a SecretCryptoError with a stable code and a message in Korean
// and English, so the UI can show it and tests can assert on the code. These never travel over the
// wire, so they live here rather than in server/protocol/errors.ts.

export const SECRET_CRYPTO_ERRORS = {
  CRYPTO_UNAVAILABLE: {
    ko: '이 브라우저에서는 암호화 기능(WebCrypto)을 쓸 수 없습니다. 비밀 채팅은 HTTPS 연결이 필요합니다.',
    en: 'WebCrypto is not available here. Secret chats need an HTTPS connection.',
  },
  BAD_BASE64: { ko: 'base64url 형식이 올바르지 않습니다.', en: 'The base64url text is malformed.' },
  BAD_INPUT: { ko: '암호화 입력값이 올바르지 않습니다.', en: 'An input to the secret-chat crypto is not valid.' },
  PUBLIC_KEY_INVALID: {
    ko: '공개 키가 올바른 P-256 키가 아닙니다.',
    en: 'The public key is not a valid P-256 key.',
  },
  ENVELOPE_MALFORMED: { ko: '암호문 형식이 올바르지 않습니다.', en: 'The encrypted envelope is malformed.' },
  ENVELOPE_TOO_LARGE: { ko: '암호문이 너무 큽니다.', en: 'The encrypted envelope is too large.' },
  PLAINTEXT_TOO_LARGE: { ko: '암호화할 내용이 너무 큽니다.', en: 'The content is too large to encrypt.' },
  SIGNATURE_INVALID: {
    ko: '보낸 기기의 서명이 맞지 않습니다. 위조되었거나 변조된 메시지입니다.',
    en: "The sender device's signature does not match: the message was forged or altered.",
  },
  DECRYPT_FAILED: {
    ko: '복호화에 실패했습니다 (키가 다르거나 내용이 변조됨).',
    en: 'Decryption failed (wrong key or altered content).',
  },
  WRONG_ROOM: { ko: '다른 채팅방의 암호문입니다.', en: 'The envelope belongs to another room.' },
  WRONG_EPOCH: { ko: '다른 키 세대(epoch)의 암호문입니다.', en: 'The envelope belongs to another key epoch.' },
  WRONG_DEVICE: { ko: '다른 기기의 암호문입니다.', en: 'The envelope belongs to another device.' },
  MESSAGE_REPLAYED: {
    ko: '이미 복호화한 메시지이거나 너무 오래되어 키가 지워졌습니다.',
    en: 'This message was already decrypted, or its key is too old and was deleted.',
  },
  MESSAGE_BEFORE_KEY: {
    ko: '이 기기가 키를 받기 전에 보낸 메시지라 읽을 수 없습니다.',
    en: 'This message was sent before this device received the key, so it cannot be read.',
  },
  INDEX_TOO_FAR: {
    ko: '메시지 순번이 너무 앞서 있습니다.',
    en: 'The message index is too far ahead.',
  },
  CHAIN_EXHAUSTED: {
    ko: '이 키로 보낼 수 있는 메시지 수를 넘었습니다. 키를 새로 만드세요.',
    en: 'This sending key has been used up; make a new one.',
  },
  FILE_TOO_LARGE: { ko: '파일이 너무 큽니다.', en: 'The file is too large.' },
  QR_MALFORMED: { ko: 'QR 코드 내용이 올바르지 않습니다.', en: 'The QR code content is not valid.' },
} as const;

export type SecretCryptoErrorCode = keyof typeof SECRET_CRYPTO_ERRORS;

export class SecretCryptoError extends Error {
  readonly code: SecretCryptoErrorCode;
  readonly ko: string;
  readonly en: string;

  constructor(code: SecretCryptoErrorCode, detail?: string) {
    const entry = SECRET_CRYPTO_ERRORS[code];
    super(detail === undefined ? entry.en : `${entry.en} (${detail})`);
    this.name = 'SecretCryptoError';
    this.code = code;
    this.ko = entry.ko;
    this.en = entry.en;
  }
}

export function isSecretCryptoError(value: unknown, code?: SecretCryptoErrorCode): value is SecretCryptoError {
  return value instanceof SecretCryptoError && (code === undefined || value.code === code);
}
