// test:pg skips this file: what it tests sits in front of the storage, the same on SQLite and PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { startTestServer } from '../testing/harness.ts';

// testssl.sh (Debian package testssl.sh, command `testssl`) against the server in HTTPS mode, on
// loopback only. Missing testssl is a failure, not a skip: CI installs it (.ci/run).
//
// Every "NOT ok" or "VULNERABLE" line fails the test, except those a private office CA explains;
// they are listed, with the reason, in docs/security.md under "TLS".

const ACCEPTED: Array<{ line: RegExp; why: string }> = [
  { line: /NOT ok -- neither CRL nor OCSP URI provided/, why: 'a private office CA runs no CRL or OCSP service' },
];

/** Protocols, cipher categories, forward secrecy, server preferences and defaults, headers, vulnerabilities. */
const CHECKS = ['-p', '-s', '-f', '-P', '-S', '-h', '-U'];
/** Bounds every step (`--fast`: one cipher per protocol): about 50 s here; the test allows 150. */
const BOUNDS = ['--fast', '--quiet', '--color', '0', '--warnings', 'batch', '--connect-timeout', '5', '--openssl-timeout', '5'];
const TIMEOUT_MS = 150_000;

function testsslPath(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v testssl'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

test('testssl.sh finds nothing wrong with HTTPS beyond what a private CA explains', { timeout: TIMEOUT_MS + 30_000 }, async (t) => {
  const testssl = testsslPath();
  assert.ok(testssl, 'testssl is not installed: `apt-get install testssl.sh` (CI installs it in .ci/run). This test fails rather than skips.');
  const server = await startTestServer(t, { https: true });
  // Trusting our CA, as the office PCs do, so the chain of trust is checked rather than flagged.
  const ca = path.join(server.services.config.dataDir, 'certs', 'ca.crt');
  const run = async (): Promise<{ code: number | null; out: string; seconds: number }> => {
    const started = Date.now();
    const child = spawn(testssl, [...BOUNDS, '--add-ca', ca, ...CHECKS, `127.0.0.1:${server.port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill(), TIMEOUT_MS);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    clearTimeout(timer);
    return { code, out, seconds: (Date.now() - started) / 1000 };
  };
  const { code, out, seconds } = await run();
  t.diagnostic(`testssl took ${seconds.toFixed(0)} s`);

  assert.ok(seconds * 1000 < TIMEOUT_MS, `testssl did not finish within ${TIMEOUT_MS / 1000} s:\n${out}`);
  // testssl exits non-zero when one of its own probes cannot connect. Inside the full suite on the
  // 2-core CI machine its session-ticket resumption probe sometimes cannot ("Ticket resumption test
  // not possible"; alone it always can). That probe is no vulnerability check, so its connect
  // problem alone is let through, said in a diagnostic; any other cause of a non-zero exit fails.
  const connectProblems = out.split('\n').filter((line) => /Connect problem/.test(line));
  const onlyResumption = connectProblems.length > 0 && connectProblems.every((line) => /Session Resumption\s+Connect problem: Ticket resumption test not possible/.test(line));
  if (code !== 0 && onlyResumption) t.diagnostic(`testssl exit ${code}: its ticket-resumption probe could not connect (not a finding)`);
  else assert.equal(code, 0, out);
  assert.match(out, /^ Done /m, out);
  // The checks that matter here did run.
  assert.match(out, /Secure Client-Initiated Renegotiation\s+not vulnerable \(OK\)/, out);
  assert.match(out, /Chain of trust\s+Ok/, out);
  const findings = out.split('\n').filter((line) => /NOT ok|\bVULNERABLE\b/.test(line));
  for (const line of findings) {
    const accepted = ACCEPTED.find((a) => a.line.test(line));
    if (accepted) t.diagnostic(`accepted: ${line.trim()} (${accepted.why})`);
  }
  const unexplained = findings.filter((line) => !ACCEPTED.some((a) => a.line.test(line)));
  assert.deepEqual(unexplained, [], `testssl findings:\n${unexplained.join('\n')}\n\nfull output:\n${out}`);
});
