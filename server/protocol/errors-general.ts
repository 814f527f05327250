// The catalogue's general codes: everything but the secret rooms' (errors-secret.ts) and the
// manager console's (errors-operator.ts). Part of ERRORS (errors.ts); the web client's first screen
// carries only these (the secret rooms' texts come with the secret-room code, web/src/secret/).

export const GENERAL_ERRORS = {
  BAD_REQUEST: { status: 400, ko: '요청 형식이 올바르지 않습니다.', en: 'The request is not valid.' },
  BAD_JSON: { status: 400, ko: 'JSON 형식이 올바르지 않습니다.', en: 'The JSON is malformed.' },
  UNKNOWN_FRAME: { status: 400, ko: '알 수 없는 메시지 종류입니다.', en: 'Unknown frame type.' },
  PASSWORD_LENGTH: {
    status: 400,
    ko: '비밀번호는 8자 이상 1024자 이하여야 합니다.',
    en: 'The password must be 8 to 1024 characters long.',
  },
  MESSAGE_EMPTY: { status: 400, ko: '빈 메시지는 보낼 수 없습니다.', en: 'A message cannot be empty.' },
  MESSAGE_TOO_LONG: {
    status: 400,
    ko: '메시지가 너무 깁니다 (최대 10,000자).',
    en: 'The message is too long (10,000 characters at most).',
  },
  SEARCH_QUERY_EMPTY: { status: 400, ko: '검색어를 입력하세요.', en: 'Enter something to search for.' },
  SEARCH_QUERY_TOO_LONG: {
    status: 400,
    ko: '검색어가 너무 깁니다 (최대 100자).',
    en: 'The search is too long (100 characters at most).',
  },
  SEARCH_TOO_MANY_TERMS: {
    status: 400,
    ko: '검색어는 단어 8개까지 쓸 수 있습니다.',
    en: 'A search can have at most 8 words.',
  },
  HISTORY_ONE_ANCHOR: {
    status: 400,
    ko: 'before, after, around 중 하나만 쓸 수 있습니다.',
    en: 'Use only one of before, after and around.',
  },
  UNAUTHENTICATED: { status: 401, ko: '로그인이 필요합니다.', en: 'Please log in.' },
  INVALID_CREDENTIALS: {
    status: 401,
    ko: '아이디 또는 비밀번호가 올바르지 않습니다.',
    en: 'The login ID or password is incorrect.',
  },
  ACCOUNT_PENDING: {
    status: 403,
    ko: '가입 승인을 기다리는 중입니다. 관리자가 승인하면 로그인할 수 있습니다.',
    en: 'Your sign-up is waiting for approval. You can log in once an admin approves it.',
  },
  ACCOUNT_REJECTED: {
    status: 403,
    ko: '가입 신청이 거절되었습니다. 관리자에게 문의하세요.',
    en: 'Your sign-up was rejected. Please contact an admin.',
  },
  ACCOUNT_DISABLED: {
    status: 403,
    ko: '사용이 중지된 계정입니다. 관리자에게 문의하세요.',
    en: 'This account is disabled. Please contact an admin.',
  },
  FORBIDDEN: { status: 403, ko: '권한이 없습니다.', en: 'You are not allowed to do that.' },
  ADMIN_ONLY: { status: 403, ko: '관리자만 할 수 있습니다.', en: 'Only admins can do that.' },
  NOT_A_MEMBER: {
    status: 403,
    ko: '이 대화방의 멤버가 아닙니다.',
    en: 'You are not a member of this room.',
  },
  MENTION_NOT_MEMBER: {
    status: 400,
    ko: '멘션한 사람 중에 이 대화방의 멤버가 아닌 사람이 있습니다.',
    en: 'A mentioned person is not a member of this room.',
  },
  MENTION_SELF: {
    status: 400,
    ko: '자기 자신은 멘션할 수 없습니다.',
    en: 'You cannot mention yourself.',
  },
  MENTION_ALL_NOT_GROUP: {
    status: 400,
    ko: '@모두는 그룹 채팅에서만 쓸 수 있습니다.',
    en: '@all can only be used in group chats.',
  },
  MENTIONS_TOO_MANY: {
    status: 400,
    ko: '한 메시지에서 멘션할 수 있는 사람은 최대 50명입니다. 모두에게 알리려면 @모두를 쓰세요.',
    en: 'A message can mention at most 50 people. Use @all to reach everyone.',
  },
  BAD_ORIGIN: {
    status: 403,
    ko: '다른 사이트에서의 연결은 허용되지 않습니다.',
    en: 'Connections from another site are not allowed.',
  },
  SETUP_NOT_ALLOWED: {
    status: 403,
    ko: '첫 관리자 계정은 서버 PC에서 만들거나 설정 코드가 필요합니다.',
    en: 'The first admin must be created on the server PC itself or with the setup code.',
  },
  SETUP_DONE: {
    status: 409,
    ko: '관리자 계정이 이미 있습니다.',
    en: 'An admin account already exists.',
  },
  NOT_FOUND: { status: 404, ko: '찾을 수 없습니다.', en: 'Not found.' },
  USER_NOT_FOUND: { status: 404, ko: '사용자를 찾을 수 없습니다.', en: 'User not found.' },
  ROOM_NOT_FOUND: { status: 404, ko: '대화방을 찾을 수 없습니다.', en: 'Room not found.' },
  LOGIN_TAKEN: {
    status: 409,
    ko: '이미 사용 중인 이메일 또는 사번입니다.',
    en: 'That email or employee number is already in use.',
  },
  RATE_LIMITED: {
    status: 429,
    ko: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.',
    en: 'Too many requests. Please try again shortly.',
  },
  TOO_MANY_CONNECTIONS: {
    status: 429,
    ko: '동시 접속이 너무 많습니다.',
    en: 'Too many simultaneous connections.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, ko: '요청이 너무 큽니다.', en: 'The request is too large.' },
  SERVER_BUSY: {
    status: 503,
    ko: '서버가 바쁩니다. 잠시 후 다시 시도하세요.',
    en: 'The server is busy. Please try again shortly.',
  },
  FILE_TOO_LARGE: {
    status: 413,
    ko: '파일이 너무 큽니다.',
    en: 'The file is too large.',
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    ko: '보낼 수 없는 파일 형식입니다.',
    en: 'This type of file is not allowed.',
  },
  FILE_CONTENT_MISMATCH: {
    status: 415,
    ko: '파일 내용이 확장자와 맞지 않습니다.',
    en: "The file's content does not match its extension.",
  },
  BAD_FILE_NAME: {
    status: 400,
    ko: '파일 이름에 쓸 수 없는 문자가 있습니다.',
    en: 'The file name contains characters that are not allowed.',
  },
  UPLOAD_NO_FILE: {
    status: 400,
    ko: '파일이 없거나 파일 이름을 읽을 수 없습니다.',
    en: 'No file arrived, or its name could not be read.',
  },
  UPLOAD_INCOMPLETE: {
    status: 400,
    ko: '파일 업로드가 끝나지 않았습니다. 다시 시도하세요.',
    en: 'The upload did not complete. Please try again.',
  },
  FILE_NOT_FOUND: { status: 404, ko: '파일을 찾을 수 없습니다.', en: 'File not found.' },
  MESSAGE_NOT_FOUND: { status: 404, ko: '메시지를 찾을 수 없습니다.', en: 'Message not found.' },
  NOT_YOUR_MESSAGE: {
    status: 403,
    ko: '내가 보낸 메시지만 수정하거나 지울 수 있습니다.',
    en: 'You can only edit or delete your own messages.',
  },
  MESSAGE_DELETED: { status: 410, ko: '삭제된 메시지입니다.', en: 'This message was deleted.' },
  MESSAGE_NOT_EDITABLE: {
    status: 400,
    ko: '글 메시지만 수정할 수 있습니다. 파일과 안내 문구는 수정할 수 없습니다.',
    en: 'Only text messages can be edited, not files or system lines.',
  },
  REPLY_NOT_FOUND: {
    status: 400,
    ko: '답장할 메시지를 이 대화방에서 찾을 수 없습니다. 삭제되었을 수 있습니다.',
    en: 'The message to reply to is not in this room; it may have been deleted.',
  },
  DELETE_WINDOW_PASSED: {
    status: 403,
    ko: '보낸 지 24시간이 지난 메시지는 모두에게서 삭제할 수 없습니다.',
    en: 'Messages older than 24 hours can no longer be deleted for everyone.',
  },
  EMOJI_INVALID: { status: 400, ko: '반응은 이모지 하나로만 남길 수 있습니다.', en: 'A reaction must be a single emoji.' },
  REACTIONS_FULL: {
    status: 409,
    ko: '이 메시지에는 반응을 더 남길 수 없습니다 (이모지 50종류까지).',
    en: 'This message has no room for another kind of reaction (50 emoji at most).',
  },
  NO_REACTIONS_HERE: { status: 400, ko: '안내 문구에는 반응을 남길 수 없습니다.', en: 'System lines take no reactions.' },
  ROOM_IS_DM: {
    status: 400,
    ko: '1:1 대화방에서는 할 수 없습니다. 그룹 대화방에서만 됩니다.',
    en: 'This cannot be done in a one-to-one chat, only in a group.',
  },
  NOT_ROOM_OWNER: {
    status: 403,
    ko: '방장이나 관리자만 멤버를 내보낼 수 있습니다.',
    en: "Only the room's owner or an admin can remove members.",
  },
  CANNOT_REMOVE_SELF: {
    status: 400,
    ko: '자기 자신은 내보낼 수 없습니다. 방 나가기를 사용하세요.',
    en: 'You cannot remove yourself. Leave the room instead.',
  },
  MEMBER_NOT_FOUND: { status: 404, ko: '그 사람은 이 대화방에 없습니다.', en: 'That person is not in this room.' },
  PIN_NOT_ALLOWED: {
    status: 400,
    ko: '안내 문구는 공지로 올릴 수 없습니다.',
    en: 'A system line cannot be pinned as the notice.',
  },
  LAST_ADMIN: {
    status: 409,
    ko: '마지막 관리자는 해제하거나 중지하거나 삭제할 수 없습니다. 다른 관리자를 먼저 지정하세요.',
    en: 'The last admin cannot be demoted, disabled or deleted. Make someone else an admin first.',
  },
  USER_WRONG_STATE: {
    status: 409,
    ko: '이 계정의 현재 상태에서는 할 수 없는 작업입니다.',
    en: "That cannot be done in this account's current state.",
  },
  NOT_YOURSELF: {
    status: 403,
    ko: '자기 계정에는 할 수 없는 작업입니다.',
    en: 'You cannot do that to your own account.',
  },
  CURRENT_PASSWORD_WRONG: {
    status: 403,
    ko: '현재 비밀번호가 올바르지 않습니다.',
    en: 'The current password is incorrect.',
  },
  RESET_NOT_FOUND: {
    status: 404,
    ko: '재설정 요청을 찾을 수 없습니다. 요청 번호와 코드를 확인하세요.',
    en: 'No such reset request. Check the request number and code.',
  },
  RESET_PENDING: {
    status: 409,
    ko: '재설정 요청이 아직 승인되지 않았습니다.',
    en: 'The reset request has not been approved yet.',
  },
  RESET_REJECTED: {
    status: 409,
    ko: '재설정 요청이 거절되었습니다. 관리자에게 문의하세요.',
    en: 'The reset request was rejected. Please contact an admin.',
  },
  RESET_EXPIRED: {
    status: 410,
    ko: '재설정 요청의 유효 시간이 지났습니다. 다시 요청하세요.',
    en: 'The reset request has expired. Please file a new one.',
  },
  RESET_TOKEN_USED: {
    status: 409,
    ko: '이미 사용한 재설정 요청입니다. 새 비밀번호로 로그인하세요.',
    en: 'This reset was already used. Log in with the new password.',
  },
  RESET_TOKEN_INVALID: {
    status: 403,
    ko: '재설정 토큰이 올바르지 않거나 새 토큰으로 바뀌었습니다. 요청 상태를 다시 확인하세요.',
    en: 'The reset token is wrong or was replaced by a newer one. Check the request again.',
  },
  RESET_DECIDED: {
    status: 409,
    ko: '이미 처리된 재설정 요청입니다.',
    en: 'This reset request was already decided.',
  },
  RESET_NO_ACCOUNT: {
    status: 409,
    ko: '일치하는 계정이 없는 요청은 승인할 수 없습니다.',
    en: 'A request that matches no account cannot be approved.',
  },
  INTERNAL: { status: 500, ko: '서버 오류가 발생했습니다.', en: 'Something went wrong on the server.' },
  CROSS_SITE_REQUEST: {
    status: 403,
    ko: '다른 사이트에서 보낸 요청은 처리하지 않습니다. 소통 화면에서 다시 시도하세요.',
    en: 'Requests sent from another site are not accepted. Please try again from the Sotong page.',
  },
  WS_VERSION_UNSUPPORTED: {
    status: 426,
    ko: '지원하지 않는 WebSocket 버전입니다 (13만 지원).',
    en: 'This WebSocket version is not supported (13 only).',
  },
  WS_UPGRADE_REQUIRED: {
    status: 426,
    ko: '이 주소는 WebSocket 연결 전용입니다.',
    en: 'This address only takes WebSocket connections.',
  },
  RANGE_NOT_SATISFIABLE: {
    status: 416,
    ko: '요청한 범위가 파일 크기를 벗어났습니다.',
    en: 'The requested range is outside the file.',
  },
  PRECONDITION_FAILED: {
    status: 412,
    ko: '파일이 요청한 버전과 다릅니다. 처음부터 다시 받으세요.',
    en: 'The file is not the version asked for. Download it again from the start.',
  },
  IMAGE_TOO_LARGE: {
    status: 413,
    ko: '이미지가 너무 큽니다 (최대 8,000만 픽셀).',
    en: 'The image is too large (80 million pixels at most).',
  },
  DISK_FULL: {
    status: 507,
    ko: '서버 저장 공간이 부족합니다. 관리자에게 알려 주세요.',
    en: 'The server is out of disk space. Please tell your admin.',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    ko: '서버가 데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도하세요. 계속되면 관리자에게 알려 주세요.',
    en: 'The server cannot reach its database. Try again in a moment; if it goes on, tell your admin.',
  },
  HTTPS_REQUIRED: {
    status: 403,
    ko: '이 서버는 이제 보안 연결(HTTPS)로만 씁니다. 인증서 설치 안내(/install)를 따라 주세요.',
    en: 'This server now works over HTTPS only. Follow the certificate guide at /install.',
  },
} as const;
