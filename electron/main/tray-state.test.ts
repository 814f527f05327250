import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TOOLTIP_MAX, trayModel, type TrayInput, type TrayMenuItem } from './tray-state.ts';

const base: TrayInput = {
  phase: 'running',
  https: false,
  error: null,
  restartAt: null,
  lanUrl: 'http://192.168.0.17:5000',
  openAtLogin: false,
  lang: 'ko',
  now: 1_000_000,
  diskLow: false,
  onlineUsers: null,
  canInstallCa: false,
};

/** The menu as "label [flags]" lines: easy to read in a failure and to compare whole. */
function lines(menu: TrayMenuItem[]): string[] {
  return menu.map((item) => {
    switch (item.type) {
      case 'separator':
        return '---';
      case 'status':
        return `(${item.label})`;
      case 'normal':
        return `${item.action}: ${item.label}${item.enabled ? '' : ' [disabled]'}`;
      case 'checkbox':
        return `${item.action}: ${item.label} [${item.checked ? 'x' : ' '}]${item.enabled ? '' : ' [disabled]'}`;
    }
  });
}

test('running over HTTP', () => {
  const model = trayModel(base);
  assert.equal(model.icon, 'running-http');
  assert.equal(model.tooltip, 'Sotong — 실행 중 · http://192.168.0.17:5000');
  assert.deepEqual(lines(model.menu), [
    '(실행 중 · http://192.168.0.17:5000)',
    '---',
    'openManager: 관리 창 열기',
    'openWebClient: 웹 메신저 열기',
    'copyLanAddress: 주소 복사 (http://192.168.0.17:5000)',
    '---',
    'stop: 서버 중지',
    'toggleHttps: HTTPS 사용 [ ]',
    'toggleOpenAtLogin: 로그인할 때 자동 실행 [ ]',
    '---',
    'quit: 종료',
  ]);
});

test('running over HTTPS, started at login, in English', () => {
  const model = trayModel({ ...base, https: true, lanUrl: 'https://192.168.0.17:5000', openAtLogin: true, lang: 'en' });
  assert.equal(model.icon, 'running-https');
  assert.equal(model.tooltip, 'Sotong — Running · https://192.168.0.17:5000');
  assert.deepEqual(lines(model.menu), [
    '(Running · https://192.168.0.17:5000)',
    '---',
    'openManager: Open manager',
    'openWebClient: Open web messenger',
    'copyLanAddress: Copy address (https://192.168.0.17:5000)',
    '---',
    'stop: Stop server',
    'toggleHttps: Use HTTPS [x]',
    'toggleOpenAtLogin: Start at login [x]',
    '---',
    'quit: Quit',
  ]);
});

test('stopped: only start, no address to open or copy; HTTPS can still be chosen', () => {
  const model = trayModel({ ...base, phase: 'stopped', lanUrl: null, https: true });
  assert.equal(model.icon, 'stopped-https');
  assert.equal(model.tooltip, 'Sotong — 중지됨 · HTTPS');
  assert.deepEqual(lines(model.menu), [
    '(중지됨 · HTTPS)',
    '---',
    'openManager: 관리 창 열기',
    'openWebClient: 웹 메신저 열기 [disabled]',
    'copyLanAddress: 주소 복사 [disabled]',
    '---',
    'start: 서버 시작',
    'toggleHttps: HTTPS 사용 [x]',
    'toggleOpenAtLogin: 로그인할 때 자동 실행 [ ]',
    '---',
    'quit: 종료',
  ]);
});

test('crashed: the error and the countdown, with retry now and stop', () => {
  const model = trayModel({
    ...base,
    phase: 'crashed',
    lanUrl: null,
    error: 'Port 5000 is already in use; stop the other program or set SOTONG_PORT to a free port.\nmore detail',
    restartAt: base.now + 4_200,
  });
  assert.equal(model.icon, 'error-http');
  assert.deepEqual(lines(model.menu).slice(0, 9), [
    '(오류 (5초 후 다시 시도): Port 5000 is already in use; stop the other program or set SOTONG_PORT to a free port.)',
    '---',
    'openManager: 관리 창 열기',
    'openWebClient: 웹 메신저 열기 [disabled]',
    'copyLanAddress: 주소 복사 [disabled]',
    '---',
    'start: 지금 다시 시작',
    'stop: 서버 중지',
    'toggleHttps: HTTPS 사용 [ ]',
  ]);
  assert.equal(model.tooltip, `Sotong — ${(model.menu[0] as { label: string }).label}`);

  const long = trayModel({ ...base, phase: 'crashed', error: 'x'.repeat(300), restartAt: base.now + 30_000 });
  assert.equal([...long.tooltip].length, TOOLTIP_MAX);
  assert.ok(long.tooltip.startsWith('Sotong — 오류 (30초 후 다시 시도): xxx'));
  assert.ok(long.tooltip.endsWith('x…'));
});

test('crashed over HTTPS uses the error icon with the lock', () => {
  assert.equal(trayModel({ ...base, phase: 'crashed', https: true, error: null }).icon, 'error-https');
  assert.equal(trayModel({ ...base, phase: 'crashed', https: true, error: null, lang: 'en' }).tooltip, 'Sotong — Error');
});

test('starting and stopping: no switching HTTPS mid-way, stop only while starting', () => {
  const starting = trayModel({ ...base, phase: 'starting', lanUrl: null });
  assert.equal(starting.icon, 'stopped-http');
  assert.equal(starting.tooltip, 'Sotong — 시작하는 중…');
  assert.deepEqual(lines(starting.menu).slice(3, 9), [
    'openWebClient: 웹 메신저 열기 [disabled]',
    'copyLanAddress: 주소 복사 [disabled]',
    '---',
    'stop: 서버 중지',
    'toggleHttps: HTTPS 사용 [ ] [disabled]',
    'toggleOpenAtLogin: 로그인할 때 자동 실행 [ ]',
  ]);
  const stopping = trayModel({ ...base, phase: 'stopping', lanUrl: null });
  assert.equal(stopping.tooltip, 'Sotong — 중지하는 중…');
  assert.deepEqual(lines(stopping.menu).slice(6, 8), ['stop: 서버 중지 [disabled]', 'toggleHttps: HTTPS 사용 [ ] [disabled]']);
});

test('every state offers the manager and quit', () => {
  for (const phase of ['stopped', 'starting', 'running', 'stopping', 'crashed'] as const) {
    const items = trayModel({ ...base, phase }).menu;
    for (const action of ['openManager', 'quit'] as const) {
      const item = items.find((i) => 'action' in i && i.action === action);
      assert.ok(item && 'enabled' in item && item.enabled, `${phase}: ${action}`);
    }
  }
});

test('running with little disk left: a warning flag, first in the tooltip, a line under the status', () => {
  const model = trayModel({ ...base, diskLow: true });
  assert.equal(model.warning, 'diskLow');
  assert.equal(model.tooltip, 'Sotong — ⚠ 디스크 공간 부족 — 관리 창을 여세요 · 실행 중 · http://192.168.0.17:5000');
  assert.deepEqual(lines(model.menu).slice(0, 4), [
    '(실행 중 · http://192.168.0.17:5000)',
    '(⚠ 디스크 공간 부족 — 관리 창을 여세요)',
    '---',
    'openManager: 관리 창 열기',
  ]);
  const long = trayModel({ ...base, diskLow: true, lang: 'en', lanUrl: `http://${'x'.repeat(150)}:5000` });
  assert.ok(long.tooltip.startsWith('Sotong — ⚠ Disk space low — open the manager · Running'));
  assert.equal([...long.tooltip].length, TOOLTIP_MAX);
  assert.equal(trayModel(base).warning, null);
  // Only a running server's report counts: a stopped one has no current stats.
  assert.equal(trayModel({ ...base, phase: 'stopped', diskLow: true }).warning, null);
});

test('the tooltip says how many people are connected, before the address', () => {
  assert.equal(trayModel({ ...base, onlineUsers: 12 }).tooltip, 'Sotong — 접속 12명 · 실행 중 · http://192.168.0.17:5000');
  assert.equal(trayModel({ ...base, onlineUsers: 1, lang: 'en' }).tooltip, 'Sotong — 1 user online · Running · http://192.168.0.17:5000');
  // Not while stopped: nobody can be.
  assert.equal(trayModel({ ...base, phase: 'stopped', onlineUsers: 12 }).tooltip, 'Sotong — 중지됨');
});

test('on Windows the menu offers to trust the Sotong certificate on this PC, after start at login', () => {
  const menu = lines(trayModel({ ...base, canInstallCa: true, lang: 'en' }).menu);
  const at = menu.indexOf('installCa: Install the Sotong certificate on this PC…');
  assert.equal(menu[at - 1], 'toggleOpenAtLogin: Start at login [ ]');
  assert.equal(lines(trayModel(base).menu).some((l) => l.startsWith('installCa')), false);
});

test('running with no backup for two days: the backup warning, unless the disk is low (that goes first)', () => {
  const model = trayModel({ ...base, backupStale: true });
  assert.equal(model.warning, 'backupStale');
  assert.ok(model.tooltip.startsWith('Sotong — ⚠ 이틀 넘게 백업이 없습니다'));
  assert.deepEqual(lines(model.menu)[1], '(⚠ 이틀 넘게 백업이 없습니다 — 관리 창을 여세요)');
  assert.equal(trayModel({ ...base, backupStale: true, diskLow: true }).warning, 'diskLow');
  assert.equal(trayModel({ ...base, phase: 'stopped', backupStale: true }).warning, null);
});
