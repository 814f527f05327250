// What each setting of the config table means to a person: its label and help in Korean and
// English, whether it takes effect only after a restart, the environment variable that wins over
// config.json, and where the manager console edits it. ONE entry per key of ConfigSchema (the
// compiler checks it in config.ts, a test checks it at run time): adding a setting is one line here.
// Imports nothing, so the manager page and the config loader can both read it.

export interface Bilingual {
  ko: string;
  en: string;
}

export interface SettingMeta {
  label: Bilingual;
  help: Bilingual;
  /** Read once when the server starts (it is already listening, the logger is made): saved now, applied by a restart. */
  restart: boolean;
  /** The environment variable that overrides config.json and the manager, if there is one. */
  env?: `SOTONG_${string}`;
  /**
   * Where the manager edits it: the settings card (the default), a card of its own (HTTPS has its
   * switch), or nowhere (the data folder is where config.json itself lives).
   */
  editor?: 'settings' | 'own-card' | 'none';
  /** How a person thinks of the number: the API counts milliseconds and bytes. */
  unit?: 'seconds' | 'megabytes' | 'days';
  /** Asked in the first-run wizard too. */
  firstRun?: true;
}

const m = (ko: string, en: string): Bilingual => ({ ko, en });

export const CONFIG_META = {
  port: { label: m('포트', 'Port'), help: m('직원들이 접속하는 번호입니다 (주소 끝의 :5000). 0은 비어 있는 아무 포트입니다.', 'The number employees connect to (the :5000 at the end of the address). 0 means any free port.'), restart: true, env: 'SOTONG_PORT', firstRun: true },
  host: { label: m('수신 주소', 'Listen address'), help: m('0.0.0.0은 이 PC의 모든 네트워크, 127.0.0.1은 이 PC에서만 접속할 수 있습니다.', '0.0.0.0 listens on every network of this PC; 127.0.0.1 on this PC only.'), restart: true, env: 'SOTONG_HOST' },
  dataDir: { label: m('데이터 폴더', 'Data folder'), help: m('config.json이 들어 있는 폴더라서 여기서는 바꿀 수 없습니다.', 'The folder config.json lives in, so it cannot be changed from here.'), restart: true, env: 'SOTONG_DATA_DIR', editor: 'none' },
  https: { label: m('HTTPS (보안 연결)', 'HTTPS (secure connection)'), help: m('HTTPS 카드의 스위치로 바로 켜고 끕니다.', 'Switched on and off at once with the HTTPS card’s switch.'), restart: false, env: 'SOTONG_HTTPS', editor: 'own-card' },
  pingIntervalMs: { label: m('연결 확인 간격', 'Connection check interval'), help: m('이 간격마다 각 연결이 살아 있는지 확인합니다.', 'How often each connection is checked.'), restart: false, unit: 'seconds' },
  pingTimeoutMs: { label: m('연결 확인 제한 시간', 'Connection check timeout'), help: m('이 시간 안에 응답이 없으면 연결을 끊습니다.', 'A connection that does not answer within this time is dropped.'), restart: false, unit: 'seconds' },
  maxConnections: { label: m('최대 동시 연결 수', 'Maximum connections'), help: m('서버 전체의 실시간 연결 수 한도입니다.', 'Real-time connections allowed in total.'), restart: false },
  maxConnectionsPerUser: { label: m('한 사람당 최대 연결 수', 'Connections per person'), help: m('한 사람이 동시에 열 수 있는 탭과 기기 수입니다.', 'Tabs and devices one person may have open at once.'), restart: false },
  logLevel: { label: m('로그 수준', 'Log level'), help: m('로그 파일에 남길 내용의 양입니다. 보통은 info입니다.', 'How much goes into the log file; info is the usual.'), restart: true, env: 'SOTONG_LOG_LEVEL' },
  maxUploadBytes: { label: m('최대 업로드 크기', 'Largest upload'), help: m('한 파일의 최대 크기입니다.', 'The largest file one upload may be.'), restart: false, unit: 'megabytes' },
  allowedExtensions: { label: m('올릴 수 있는 파일 종류', 'File types allowed'), help: m('확장자를 띄어쓰기로 구분합니다 (예: pdf hwp zip). 내용도 함께 확인합니다.', 'Extensions separated by spaces (e.g. pdf hwp zip); the content is checked too.'), restart: false },
  auditRetentionDays: { label: m('감사 로그 보관 기간', 'Audit log retention'), help: m('이보다 오래된 감사 기록은 하루에 한 번 지워집니다.', 'Older audit entries are removed once a day.'), restart: false, unit: 'days' },
  mdns: { label: m('이름으로 접속 (.local)', 'Reach by name (.local)'), help: m('켜 두면 직원들이 IP 주소 대신 이름(예: sotong.local)으로 접속합니다.', 'When on, employees connect by name (e.g. sotong.local) instead of the IP address.'), restart: true, env: 'SOTONG_MDNS' },
  mdnsName: { label: m('서버 이름', 'Server name'), help: m('영문 소문자, 숫자, 하이픈으로 된 한 단어입니다. sotong이면 sotong.local로 접속합니다.', 'One word of lower-case letters, digits and hyphens: sotong is reached as sotong.local.'), restart: true, env: 'SOTONG_MDNS_NAME', firstRun: true },
  backupDir: { label: m('백업 폴더', 'Backup folder'), help: m('비워 두면 데이터 폴더의 backups에 저장합니다. 네트워크 공유 폴더(\\\\서버\\공유)도 됩니다.', 'Empty keeps backups in the data folder’s backups folder; a network share (\\\\server\\share) works too.'), restart: true },
  backupTime: { label: m('매일 백업 시각', 'Daily backup time'), help: m('이 PC 시계로 매일 이 시각(24시간, 예: 03:00)에 백업합니다.', 'The daily backup runs at this time of the PC’s clock (24-hour, e.g. 03:00).'), restart: true },
  backupDaily: { label: m('매일 자동 백업', 'Daily backup'), help: m('끄면 자동 백업을 하지 않습니다. "지금 백업"은 언제나 됩니다.', 'Off: no scheduled backups; "Back up now" always works.'), restart: true },
  trustedProxies: { label: m('신뢰하는 프록시', 'Trusted proxies'), help: m('nginx처럼 앞에 둔 프록시의 IP 주소나 네트워크(예: 127.0.0.1 10.0.0.0/24)입니다. 이 주소가 알려 주는 직원의 주소(X-Forwarded-For)와 HTTPS 여부만 믿습니다. 비워 두면 아무도 믿지 않습니다.', 'IP addresses or networks of a proxy in front, such as nginx (e.g. 127.0.0.1 10.0.0.0/24). Only these are believed about the employee’s address (X-Forwarded-For) and HTTPS. Empty trusts nobody.'), restart: true, env: 'SOTONG_TRUSTED_PROXIES' },
  databaseUrl: { label: m('PostgreSQL 주소', 'PostgreSQL address'), help: m('비워 두면 데이터 폴더의 SQLite 파일을 씁니다. postgres://로 시작하는 주소를 주면 여러 서버가 그 PostgreSQL을 함께 씁니다 (클러스터 모드, docs/deploy/cluster.md).', 'Empty uses the SQLite file in the data folder; a postgres:// address makes this node share that PostgreSQL with the others (cluster mode, docs/deploy/cluster.md).'), restart: true, env: 'SOTONG_DATABASE_URL', editor: 'none' },
  redisUrl: { label: m('Redis 주소', 'Redis address'), help: m('비워 두면 이 서버 혼자 동작합니다. redis://로 시작하는 주소를 주면 그 Redis로 다른 서버들과 메시지를 주고받습니다 (클러스터 모드).', 'Empty runs this node alone; a redis:// address exchanges messages with the other nodes through that Redis (cluster mode).'), restart: true, env: 'SOTONG_REDIS_URL', editor: 'none' },
} as const satisfies Record<string, SettingMeta>;

export type ConfigKey = keyof typeof CONFIG_META;

export function settingMeta(key: ConfigKey): SettingMeta {
  return CONFIG_META[key];
}

export const CONFIG_KEYS = Object.keys(CONFIG_META) as ConfigKey[];
