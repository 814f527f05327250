import { lang } from '../lib/i18n.ts';

// The words of secret rooms (web/src/secret/ and components/secret/, loaded lazily), in Korean and
// English (the language rule is the one in i18n.ts).

const ko = {
  secretRoom: '비밀 채팅방',
  secretBadge: '종단간 암호화',
  blockedError: { ko: '보안 키가 바뀐 멤버가 있어 보낼 수 없습니다. 위의 안내를 확인해 주세요.', en: "A member's security keys changed. Check the notice above before sending." },
  sendFailed: { ko: '암호화해서 보내지 못했습니다. 다시 시도해 주세요.', en: 'Could not encrypt and send. Try again.' },
  keyChangedTitle: (names: string) => `${names}님의 보안 키가 바뀌었습니다`,
  keyChangedBody: '새 기기를 등록했거나 다시 설치했을 수 있습니다. 서버가 키를 바꿔치기했을 수도 있으니, 가능하면 직접 만나거나 전화로 안전 번호를 비교하세요. 확인하기 전까지 이 방에 보낼 수 없습니다.',
  compare: '안전 번호 비교',
  acknowledge: '확인했습니다',
  newDevice: '이 기기는 이 방에 추가된 뒤에 보낸 메시지만 읽을 수 있습니다. 그 전 메시지는 다른 기기에서 보세요.',
  beforeDevice: '🔒 이 기기가 추가되기 전에 보낸 메시지입니다',
  waiting: '🔒 암호 키를 기다리는 중…',
  failed: '🔒 복호화할 수 없는 메시지입니다',
  needHttpsTitle: '비밀 채팅은 보안 연결(HTTPS)에서만 쓸 수 있습니다',
  needHttpsBody: '암호화는 브라우저의 WebCrypto로 하는데, 브라우저는 이 기능을 HTTPS 주소에서만 켭니다. 회사 인증서를 설치하면 HTTPS로 접속할 수 있어요.',
  caGuide: '인증서 설치 안내',
  safetyTitle: (name: string) => `${name}님과의 안전 번호`,
  safetyHelp: '두 사람의 화면에 같은 숫자가 보이면 중간에서 아무도 키를 바꿔치기하지 않은 것입니다. 직접 만나 비교하거나, 상대 화면의 QR 코드와 비교하세요.',
  safetyLoading: '안전 번호를 계산하는 중…',
  safetyNone: '이 사람은 아직 기기를 등록하지 않았습니다.',
  safetyNumbers: '안전 번호',
  serverSeesTitle: '서버가 볼 수 있는 것',
  serverSees: '누가 누구와 언제 대화하는지, 메시지와 파일의 크기(32바이트 단위), 반응·읽음 표시·답장 관계, 멘션된 사람. 메시지 내용, 파일, 파일 이름은 서버도 관리자도 볼 수 없습니다.',
  myDevice: (id: number) => `이 기기 #${id}`,
  close: '닫기',
  secretOption: '비밀 채팅 (종단간 암호화, 최대 50명)',
  secretOptionHelp: '메시지와 파일이 브라우저에서 암호화되어 서버와 관리자도 읽을 수 없습니다.',
  newSecretDm: '비밀 채팅 시작',
  lockLabel: '비밀 채팅방',
};

type SecretStrings = typeof ko;

const en: SecretStrings = {
  secretRoom: 'Secret room',
  secretBadge: 'End-to-end encrypted',
  blockedError: ko.blockedError,
  sendFailed: ko.sendFailed,
  keyChangedTitle: (names: string) => `${names}'s security keys changed`,
  keyChangedBody: 'They may have set up a new device or reinstalled. The server could also have swapped the keys: if you can, compare safety numbers in person or by phone. You cannot send to this room until you confirm.',
  compare: 'Compare safety numbers',
  acknowledge: 'I checked',
  newDevice: 'This device can read only the messages sent after it was added to this room. Read earlier ones on your other device.',
  beforeDevice: '🔒 Sent before this device was added',
  waiting: '🔒 Waiting for the key…',
  failed: '🔒 This message cannot be decrypted',
  needHttpsTitle: 'Secret chats need a secure connection (HTTPS)',
  needHttpsBody: 'Encryption uses the browser’s WebCrypto, which browsers turn on only for HTTPS addresses. Install the company certificate to connect over HTTPS.',
  caGuide: 'Certificate guide',
  safetyTitle: (name: string) => `Safety number with ${name}`,
  safetyHelp: 'If both of your screens show the same digits, nobody swapped keys in between. Compare them in person, or against the QR code on the other screen.',
  safetyLoading: 'Computing the safety number…',
  safetyNone: 'This person has not registered a device yet.',
  safetyNumbers: 'Safety numbers',
  serverSeesTitle: 'What the server can see',
  serverSees: 'Who talks to whom and when, the size of messages (in 32-byte steps) and files, reactions, read marks, which message a reply answers, who is mentioned. Message text, files and file names are unreadable to the server and its admin.',
  myDevice: (id: number) => `This device #${id}`,
  close: 'Close',
  secretOption: 'Secret room (end-to-end encrypted, up to 50)',
  secretOptionHelp: 'Messages and files are encrypted in the browser; the server and its admin cannot read them.',
  newSecretDm: 'Start a secret chat',
  lockLabel: 'Secret room',
};

export const secretText: SecretStrings = lang === 'ko' ? ko : en;
