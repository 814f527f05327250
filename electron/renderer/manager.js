// @ts-check
// The shell's status page, shown while no server process runs (stopped, crashed, starting);
// the server's own manager console takes over once it runs. Plain JavaScript checked by
// TypeScript (electron/renderer/tsconfig.json), so no build step; it talks to the main process
// only through window.sotong.

/** @typedef {import('../shared/manager-api.ts').ManagerView} ManagerView */
/** @typedef {import('../shared/manager-api.ts').SotongBridge} SotongBridge */

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
    log: '로그',
    refreshLog: '새로 고침',
    openLogFolder: '로그 폴더 열기',
    logEmpty: '(로그가 아직 없습니다)',
    dataFolder: '데이터 폴더',
    dataFolderHint: '대화, 파일, 인증서, 설정이 모두 여기에 있습니다. 다시 설치하거나 업데이트해도 그대로 남습니다.',
    openDataFolder: '폴더 열기',
    installCa: '이 PC에 Sotong 인증서 설치',
    caInstalled: '이 PC가 Sotong 인증서를 신뢰합니다. 브라우저를 다시 열어 주세요.',
    caFailed: '인증서를 설치하지 못했습니다 (관리자 권한 요청을 거절했거나 HTTPS를 한 번도 켜지 않았습니다).',
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
    log: 'Log',
    refreshLog: 'Refresh',
    openLogFolder: 'Open log folder',
    logEmpty: '(no log yet)',
    dataFolder: 'Data folder',
    dataFolderHint: 'Chats, files, certificates and settings all live here. Reinstalling or updating leaves it as it is.',
    openDataFolder: 'Open folder',
    installCa: 'Install the Sotong certificate on this PC',
    caInstalled: 'This PC now trusts the Sotong certificate. Reopen the browser.',
    caFailed: 'The certificate was not installed (the administrator prompt was declined, or HTTPS was never turned on).',
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
function renderDataFolder(v) {
  $('data-dir').textContent = v.dataDir ?? '';
  /** @type {HTMLButtonElement} */ ($('open-data')).disabled = v.dataDir === null;
  $('install-ca').hidden = !v.canInstallCa;
}

/** @param {ManagerView} v */
function render(v) {
  const langChanged = view?.lang !== v.lang;
  view = v;
  t = TEXT[v.lang];
  if (langChanged) applyLanguage();
  renderServer(v);
  renderAddresses(v);
  renderDataFolder(v);
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
  $('open-logs').addEventListener('click', () => send({ type: 'openLogFolder' }));
  $('refresh-log').addEventListener('click', () => void refreshLog());
  $('open-data').addEventListener('click', () => send({ type: 'openDataFolder' }));
  $('install-ca').addEventListener('click', () => {
    api.command({ type: 'installCa' }).then(
      () => ($('ca-result').textContent = t.caInstalled),
      () => ($('ca-result').textContent = t.caFailed),
    );
  });
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
