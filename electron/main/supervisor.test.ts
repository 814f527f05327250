import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ServerSupervisor, type Phase, type SupervisorOptions } from './supervisor.ts';
import { FakeChild, FakeClock } from './test-fakes.ts';

function setup(options: Partial<SupervisorOptions> = {}) {
  const clock = new FakeClock();
  const children: FakeChild[] = [];
  const phases: Phase[] = [];
  const supervisor = new ServerSupervisor({
    fork: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    clock,
    ...options,
  });
  supervisor.onChange((s) => {
    if (phases.at(-1) !== s.phase) phases.push(s.phase);
  });
  const last = () => {
    const child = children.at(-1);
    assert.ok(child, 'a child was forked');
    return child;
  };
  return { clock, children, phases, supervisor, last };
}

test('start forks the server, answers its ready with start, and reports running', () => {
  const { supervisor, last, phases } = setup();
  supervisor.start();
  assert.equal(supervisor.status.phase, 'starting');
  assert.deepEqual(last().sent, [], 'nothing is sent before the server says it listens');
  last().ready();
  assert.deepEqual(last().sent, [{ type: 'start' }]);
  last().running(false, 5000);
  const s = supervisor.status;
  assert.equal(s.phase, 'running');
  assert.equal(s.url, 'http://localhost:5000');
  assert.equal(s.port, 5000);
  assert.equal(s.version, '0.1.0');
  assert.deepEqual(phases, ['starting', 'running']);
});

test('a crash restarts the server after 1s, 2s, 4s … capped at 30s, and shows why', () => {
  const { supervisor, children, clock, last } = setup();
  supervisor.start();
  const delays: number[] = [];
  for (let i = 0; i < 8; i++) {
    last().ready();
    last().stderr('TypeError: boom\n    at x (server.js:1:1)\n');
    last().exit(1);
    const s = supervisor.status;
    assert.equal(s.phase, 'crashed');
    assert.equal(s.failures, i + 1);
    assert.match(String(s.error), /TypeError: boom/);
    delays.push(s.restartAt! - clock.now());
    const before = children.length;
    clock.advance(s.restartAt! - clock.now() - 1);
    assert.equal(children.length, before, 'not restarted early');
    clock.advance(1);
    assert.equal(children.length, before + 1, 'restarted on time');
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

test('an error the server reports is shown in preference to stderr or the exit code', () => {
  const { supervisor, last } = setup();
  supervisor.start();
  last().ready();
  last().post({ type: 'state', running: false, https: false, url: null, port: null, error: 'Port 5000 is already in use.' });
  last().stderr('some noise\n');
  last().exit(1);
  assert.equal(supervisor.status.error, 'Port 5000 is already in use.');
});

test('a silent crash is explained by its exit code', () => {
  const { supervisor, last } = setup();
  supervisor.start();
  last().exit(3221225477);
  assert.equal(supervisor.status.error, 'The server stopped unexpectedly (exit code 3221225477).');
});

test('the backoff resets once the server has run for a stable minute', () => {
  const { supervisor, clock, last } = setup();
  supervisor.start();
  for (let i = 0; i < 3; i++) {
    last().ready();
    last().running();
    clock.advance(5_000);
    last().exit(1);
    clock.advance(supervisor.status.restartAt! - clock.now());
  }
  assert.equal(supervisor.status.failures, 3);
  last().ready();
  last().running();
  assert.equal(supervisor.status.error, null, 'running again clears the error');
  clock.advance(60_000);
  last().exit(1);
  assert.equal(supervisor.status.failures, 1);
  assert.equal(supervisor.status.restartAt! - clock.now(), 1000);
});

test('a server that never reports running is killed after the start timeout and restarted', () => {
  const { supervisor, clock, last, children } = setup({ startTimeoutMs: 30_000 });
  supervisor.start();
  last().ready();
  clock.advance(29_999);
  assert.equal(last().killed, false);
  clock.advance(1);
  assert.equal(last().killed, true);
  last().exit(1); // what kill() leads to
  assert.equal(supervisor.status.phase, 'crashed');
  assert.match(String(supervisor.status.error), /did not start within 30 seconds/);
  clock.advance(1000);
  assert.equal(children.length, 2);
});

test('stop asks the server to stop, waits for it to exit, and does not restart it', async () => {
  const { supervisor, clock, last, children } = setup();
  supervisor.start();
  last().ready();
  last().running();
  const stopped = supervisor.stop();
  assert.equal(supervisor.status.phase, 'stopping');
  assert.deepEqual(last().sent.at(-1), { type: 'stop' });
  assert.equal(last().killed, false);
  last().exit(0);
  await stopped;
  assert.equal(supervisor.status.phase, 'stopped');
  assert.equal(supervisor.status.url, null);
  assert.equal(supervisor.status.error, null);
  clock.advance(120_000);
  assert.equal(children.length, 1);
});

test('a server that ignores stop is killed after the grace period', async () => {
  const { supervisor, clock, last } = setup({ stopTimeoutMs: 5_000 });
  supervisor.start();
  last().ready();
  last().running();
  const stopped = supervisor.stop();
  clock.advance(4_999);
  assert.equal(last().killed, false);
  clock.advance(1);
  assert.equal(last().killed, true);
  last().exit(1);
  await stopped;
  assert.equal(supervisor.status.phase, 'stopped');
});

test('stop during the backoff wait cancels the restart; start during it restarts at once', async () => {
  const { supervisor, clock, last, children } = setup();
  supervisor.start();
  last().exit(1);
  await supervisor.stop();
  assert.equal(supervisor.status.phase, 'stopped');
  assert.equal(supervisor.status.error, null);
  clock.advance(60_000);
  assert.equal(children.length, 1);

  supervisor.start();
  last().exit(1);
  assert.equal(supervisor.status.phase, 'crashed');
  supervisor.start();
  assert.equal(children.length, 3, 'retried now, not after the delay');
  assert.deepEqual(clock.pending, [30_000], 'only the start watchdog is left');
});

test('start while stopping starts again once the old process is gone', async () => {
  const { supervisor, last, children } = setup();
  supervisor.start();
  last().ready();
  last().running();
  const stopped = supervisor.stop();
  supervisor.start();
  assert.equal(children.length, 1, 'no second server while the first still holds the port');
  last().exit(0);
  await stopped;
  assert.equal(children.length, 2);
  assert.equal(supervisor.status.phase, 'starting');
});

test('shutdown stops for good: a later crash or start does not bring it back', async () => {
  const { supervisor, last, clock, children } = setup();
  supervisor.start();
  last().ready();
  last().running();
  const done = supervisor.shutdown();
  last().exit(0);
  await done;
  supervisor.start();
  clock.advance(120_000);
  assert.equal(children.length, 1);
  assert.equal(supervisor.status.phase, 'stopped');
});

test('stop before the server is ready kills it, since it cannot hear a stop yet', async () => {
  const { supervisor, last } = setup();
  supervisor.start();
  const stopped = supervisor.stop();
  assert.equal(last().killed, true);
  last().exit(1);
  await stopped;
  assert.equal(supervisor.status.phase, 'stopped');
});

test('the HTTPS switch goes to a running server; while stopped it is remembered for the next start', () => {
  const { supervisor, last } = setup({ https: false });
  supervisor.setHttps(true);
  assert.equal(supervisor.status.https, true, 'shown as chosen while stopped');
  supervisor.start();
  last().ready();
  assert.deepEqual(last().sent, [{ type: 'start', https: true }]);
  last().running(true, 5443);
  assert.equal(supervisor.status.https, true);

  supervisor.setHttps(false);
  assert.deepEqual(last().sent.at(-1), { type: 'setHttps', enabled: false });
  assert.equal(supervisor.status.https, true, 'the tray shows what the server reports, not the wish');
  last().post({ type: 'state', running: false, https: false, url: null, port: null });
  assert.equal(supervisor.status.phase, 'starting');
  last().running(false, 5000);
  assert.equal(supervisor.status.https, false);
  assert.equal(supervisor.status.phase, 'running');
});

test('stats, certificate and folders from the server are kept; junk messages are ignored', () => {
  const { supervisor, last } = setup();
  supervisor.start();
  last().ready();
  const cert = { fingerprintSha256: 'AA:BB', notAfter: '2028-01-01T00:00:00.000Z', dns: ['pc'], ip: ['10.0.0.2'], caFingerprintSha256: 'CC:DD', caFile: 'C:\\data\\certs\\ca.crt' };
  last().post({ type: 'state', running: true, https: true, url: 'https://localhost:5000', port: 5000, cert, dataDir: 'C:\\data', logFile: 'C:\\data\\logs\\sotong.log' });
  const stats = { at: 1, connections: 3, onlineUsers: 2, messagesPerMinute: 10, uptimeSec: 60, cpuPercent: 1.5, rssBytes: 1e8, dbSizeBytes: 4096 };
  last().post({ type: 'stats', stats });
  for (const junk of [null, 'state', { type: 'state', running: 'yes' }, { type: 'stats', stats: { at: 'x' } }, { type: 'nope' }]) last().post(junk);
  const s = supervisor.status;
  assert.deepEqual(s.stats, stats);
  assert.deepEqual(s.cert, cert);
  assert.equal(s.dataDir, 'C:\\data');
  assert.equal(s.logFile, 'C:\\data\\logs\\sotong.log');
  assert.equal(s.phase, 'running');
});

test('a fork that throws counts as a crash and is retried', () => {
  let attempts = 0;
  const clock = new FakeClock();
  const supervisor = new ServerSupervisor({
    clock,
    fork: () => {
      attempts++;
      throw new Error('cannot find dist/server/cli.js');
    },
  });
  supervisor.start();
  assert.equal(supervisor.status.phase, 'crashed');
  assert.equal(supervisor.status.error, 'cannot find dist/server/cli.js');
  clock.advance(1000);
  assert.equal(attempts, 2);
});

test('messages from a process that was already replaced are ignored', () => {
  const { supervisor, clock, children } = setup();
  supervisor.start();
  const first = children[0]!;
  first.exit(1);
  clock.advance(1000);
  first.post({ type: 'state', running: true, https: false, url: 'http://stale', port: 1 });
  first.exit(1);
  assert.equal(supervisor.status.phase, 'starting');
  assert.equal(supervisor.status.url, null);
});

test('the manager console address lives as long as the process that reported it', () => {
  const { supervisor, last, clock } = setup();
  supervisor.start();
  last().ready();
  last().post({ type: 'state', running: true, https: false, url: 'http://localhost:5000', port: 5000, managerUrl: 'http://127.0.0.1:5000/manager#key=one' });
  assert.equal(supervisor.status.managerUrl, 'http://127.0.0.1:5000/manager#key=one');
  last().post({ type: 'state', running: false, https: true, url: null, port: null });
  assert.equal(supervisor.status.managerUrl, 'http://127.0.0.1:5000/manager#key=one', 'kept while the same process re-binds');
  last().exit(1);
  assert.equal(supervisor.status.managerUrl, null);
  clock.advance(1000);
  last().ready();
  last().post({ type: 'state', running: true, https: false, url: 'http://localhost:5000', port: 5000, managerUrl: 'http://127.0.0.1:5000/manager#key=two' });
  assert.equal(supervisor.status.managerUrl, 'http://127.0.0.1:5000/manager#key=two');
});
