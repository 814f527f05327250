// @ts-check
// The manager window. Plain JavaScript checked by TypeScript (electron/renderer/tsconfig.json)
// so it needs no build step; it talks to the main process only through window.sotong.

/** @typedef {import('../shared/manager-api.ts').ManagerView} ManagerView */
/** @typedef {import('../shared/manager-api.ts').SotongBridge} SotongBridge */
/** @typedef {import('../shared/server-messages.ts').ServerStats} ServerStats */

const TEXT = {
  ko: {
    title: 'Sotong 서버 관리',
    server: '서버',
    start: '서버 시작',
    retryNow: '지금 다시 시작',
    stop: '서버 중지',
    https: 'HTTPS 사용',
    openAtLogin: '로그인할 때 자동 실행',
    phase: { stopped: '중지됨', starting: '시작하는 중…', running: '실행 중', stopping: '중지하는 중…', crashed: '오류로 멈춤' },
    retryIn: (/** @type {number} */ s) => `${s}초 후 다시 시작합니다.`,
    addresses: '접속 주소',
    addressesHint: '직원들은 같은 네트워크에서 브라우저로 이 주소 중 하나를 엽니다.',
    noAddress: '서버가 실행 중일 때 주소가 표시됩니다.',
    copy: '복사',
    copied: '복사됨',
    openWeb: '웹 메신저 열기',
    stats: '상태',
    connections: '접속 수',
    onlineUsers: '온라인 사용자',
    messagesPerMinute: '분당 메시지',
    uptime: '가동 시간',
    cpu: 'CPU',
    memory: '메모리',
    database: '데이터베이스',
    certificate: 'HTTPS 인증서',
    certNone: 'HTTPS를 켜면 인증서가 여기에 표시됩니다.',
    certFingerprint: '지문 (SHA-256)',
    certExpires: '만료일',
    certNames: '이름',
    certAddresses: 'IP 주소',
    caFingerprint: 'CA 지문 (SHA-256)',
    caHint: (/** @type {string} */ url) => `경고 없이 접속하려면 각 기기에 CA 인증서를 한 번 설치합니다: ${url}/ca`,
    showCa: 'CA 인증서 파일 보기',
    reissue: '인증서 다시 발급',
    log: '로그',
    refreshLog: '새로 고침',
    openLogFolder: '로그 폴더 열기',
    logEmpty: '(로그가 아직 없습니다)',
  },
  en: {
    title: 'Sotong server manager',
    server: 'Server',
    start: 'Start server',
    retryNow: 'Restart now',
    stop: 'Stop server',
    https: 'Use HTTPS',
    openAtLogin: 'Start at login',
    phase: { stopped: 'Stopped', starting: 'Starting…', running: 'Running', stopping: 'Stopping…', crashed: 'Stopped by an error' },
    retryIn: (/** @type {number} */ s) => `Restarting in ${s}s.`,
    addresses: 'Addresses',
    addressesHint: 'People on the same network open one of these in their browser.',
    noAddress: 'Addresses appear while the server is running.',
    copy: 'Copy',
    copied: 'Copied',
    openWeb: 'Open web messenger',
    stats: 'Health',
    connections: 'Connections',
    onlineUsers: 'Online users',
    messagesPerMinute: 'Messages/min',
    uptime: 'Uptime',
    cpu: 'CPU',
    memory: 'Memory',
    database: 'Database',
    certificate: 'HTTPS certificate',
    certNone: 'Turn HTTPS on to see its certificate here.',
    certFingerprint: 'Fingerprint (SHA-256)',
    certExpires: 'Expires',
    certNames: 'Names',
    certAddresses: 'IP addresses',
    caFingerprint: 'CA fingerprint (SHA-256)',
    caHint: (/** @type {string} */ url) => `To connect without warnings, install the CA certificate once on each device: ${url}/ca`,
    showCa: 'Show CA certificate file',
    reissue: 'Issue a new certificate',
    log: 'Log',
    refreshLog: 'Refresh',
    openLogFolder: 'Open log folder',
    logEmpty: '(no log yet)',
  },
};

/** @type {SotongBridge} */
const api = /** @type {any} */ (window).sotong;
/** @type {ManagerView | null} */
let view = null;
/** @type {(typeof TEXT)['ko'] | (typeof TEXT)['en']} */
let t = TEXT.ko;

/** @template {HTMLElement} T @param {string} id @returns {T} */
function $(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return /** @type {T} */ (el);
}

/** @param {string} tag @param {string} [text] @param {string} [className] */
function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** @param {import('../shared/manager-api.ts').ManagerCommand} command */
function send(command) {
  api.command(command).catch((/** @type {unknown} */ err) => console.error(err));
}

function applyLanguage() {
  document.documentElement.lang = view?.lang ?? 'ko';
  for (const node of document.querySelectorAll('[data-t]')) {
    const key = /** @type {keyof typeof t} */ (node.getAttribute('data-t'));
    const value = t[key];
    if (typeof value === 'string') node.textContent = value;
  }
}

/** @param {number} bytes */
function size(bytes) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(n < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
}

/** @param {number} sec */
function duration(sec) {
  const d = Math.floor(sec / 86400);
  const h = Math.floor((sec % 86400) / 3600);
  const m = Math.floor((sec % 3600) / 60);
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : `${m}m ${Math.floor(sec % 60)}s`;
}

/** @param {ManagerView} v */
function renderServer(v) {
  $('dot').className = `dot ${v.phase}`;
  $('version').textContent = `v${v.appVersion}`;
  const retry = v.phase === 'crashed' && v.restartAt ? ` ${t.retryIn(Math.max(1, Math.ceil((v.restartAt - Date.now()) / 1000)))}` : '';
  $('phase').textContent = `${t.phase[v.phase]}${v.https && v.phase === 'running' ? ' · HTTPS' : ''}${retry}`;
  const error = $('error');
  error.hidden = !v.error;
  error.textContent = v.error ?? '';
  const start = /** @type {HTMLButtonElement} */ ($('start'));
  start.textContent = v.phase === 'crashed' ? t.retryNow : t.start;
  start.disabled = !(v.phase === 'stopped' || v.phase === 'crashed');
  start.classList.toggle('primary', !start.disabled);
  /** @type {HTMLButtonElement} */ ($('stop')).disabled = !(v.phase === 'running' || v.phase === 'starting' || v.phase === 'crashed');
  const https = /** @type {HTMLInputElement} */ ($('https'));
  https.checked = v.https;
  https.disabled = v.phase === 'starting' || v.phase === 'stopping';
  /** @type {HTMLInputElement} */ ($('login')).checked = v.openAtLogin;
}

/** @param {ManagerView} v */
function renderAddresses(v) {
  const list = $('urls');
  list.replaceChildren();
  if (v.lanUrls.length === 0) list.append(el('li', t.noAddress, 'muted'));
  for (const url of v.lanUrls) {
    const item = el('li');
    const button = /** @type {HTMLButtonElement} */ (el('button', t.copy));
    button.type = 'button';
    button.addEventListener('click', () => {
      send({ type: 'copyText', text: url });
      button.textContent = t.copied;
      setTimeout(() => (button.textContent = t.copy), 1500);
    });
    item.append(el('code', url), button);
    list.append(item);
  }
  /** @type {HTMLButtonElement} */ ($('open-web')).disabled = v.localUrl === null;
}

/** @param {ManagerView} v */
function renderStats(v) {
  const last = v.stats.at(-1);
  const running = v.phase === 'running' && last;
  /** @type {Array<[string, string]>} */
  const rows = [
    [t.connections, running ? String(last.connections) : '–'],
    [t.onlineUsers, running ? String(last.onlineUsers) : '–'],
    [t.messagesPerMinute, running ? String(last.messagesPerMinute) : '–'],
    [t.uptime, running ? duration(last.uptimeSec) : '–'],
    [t.cpu, running ? `${last.cpuPercent.toFixed(1)}%` : '–'],
    [t.memory, running ? size(last.rssBytes) : '–'],
    [t.database, running ? size(last.dbSizeBytes) : '–'],
  ];
  const numbers = $('numbers');
  numbers.replaceChildren(
    ...rows.map(([label, value]) => {
      const box = el('div');
      box.append(el('dt', label), el('dd', value));
      return box;
    }),
  );
  chart($('chart-connections'), v.stats.map((s) => s.connections));
  chart($('chart-messages'), v.stats.map((s) => s.messagesPerMinute));
}

/** A sparkline; the SVG is built from DOM nodes, nothing is parsed from strings. @param {HTMLElement} svg @param {number[]} values */
function chart(svg, values) {
  svg.replaceChildren();
  if (values.length < 2) return;
  const max = Math.max(1, ...values);
  const step = 300 / (values.length - 1);
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', values.map((v, i) => `${(i * step).toFixed(1)},${(58 - (v / max) * 54).toFixed(1)}`).join(' '));
  svg.append(line);
}

/** @param {ManagerView} v */
function renderCert(v) {
  const cert = v.cert;
  $('cert-none').hidden = cert !== null;
  const list = $('cert');
  list.hidden = cert === null;
  /** @type {HTMLButtonElement} */ ($('show-ca')).disabled = cert === null;
  /** @type {HTMLButtonElement} */ ($('reissue')).disabled = !(v.https && v.phase === 'running');
  const hint = $('ca-hint');
  const httpsUrl = v.https ? v.lanUrls[0] : undefined;
  hint.hidden = !httpsUrl;
  hint.textContent = httpsUrl ? t.caHint(httpsUrl) : '';
  if (!cert) return;
  /** @type {Array<[string, string]>} */
  const rows = [
    [t.certFingerprint, cert.fingerprintSha256],
    [t.certExpires, new Date(cert.notAfter).toLocaleDateString(v.lang)],
    [t.certNames, cert.dns.join(', ')],
    [t.certAddresses, cert.ip.join(', ')],
    [t.caFingerprint, cert.caFingerprintSha256],
  ];
  list.replaceChildren(...rows.flatMap(([k, value]) => [el('dt', k), el('dd', value)]));
}

/** @param {ManagerView} v */
function render(v) {
  const langChanged = view?.lang !== v.lang;
  view = v;
  t = TEXT[v.lang];
  if (langChanged) applyLanguage();
  renderServer(v);
  renderAddresses(v);
  renderStats(v);
  renderCert(v);
}

async function refreshLog() {
  const log = $('log');
  const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
  const text = await api.readLog();
  log.textContent = text || t.logEmpty;
  if (atBottom) log.scrollTop = log.scrollHeight;
}

function wire() {
  $('start').addEventListener('click', () => send({ type: 'start' }));
  $('stop').addEventListener('click', () => send({ type: 'stop' }));
  $('https').addEventListener('change', (e) => send({ type: 'setHttps', enabled: /** @type {HTMLInputElement} */ (e.target).checked }));
  $('login').addEventListener('change', (e) => send({ type: 'setOpenAtLogin', enabled: /** @type {HTMLInputElement} */ (e.target).checked }));
  $('open-web').addEventListener('click', () => send({ type: 'openWebClient' }));
  $('show-ca').addEventListener('click', () => send({ type: 'showCaFile' }));
  $('reissue').addEventListener('click', () => send({ type: 'reissueCert' }));
  $('open-logs').addEventListener('click', () => send({ type: 'openLogFolder' }));
  $('refresh-log').addEventListener('click', () => void refreshLog());
}

wire();
applyLanguage();
api.onView(render);
api.getView().then(render, (/** @type {unknown} */ err) => console.error(err));
void refreshLog();
// The countdown and the log move on even when nothing else changes.
setInterval(() => {
  if (view?.phase === 'crashed') renderServer(view);
}, 1000);
setInterval(() => {
  if (!document.hidden) void refreshLog();
}, 5000);
