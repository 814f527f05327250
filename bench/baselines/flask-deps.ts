// The Flask-SocketIO baseline needs Debian's python3-flask-socketio, python3-gevent and
// python3-gevent-websocket for the system Python. Missing ones are installed with apt-get when the
// bench runs as root (not in smoke runs); otherwise the baseline is skipped, with the reason in the results.
import { execFileSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';
const PACKAGES = ['python3-flask-socketio', 'python3-gevent', 'python3-gevent-websocket'];

function importable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import flask_socketio, gevent, geventwebsocket'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** null when the baseline can run, else why not. `install`: false in smoke runs (no apt-get inside `npm test`). */
export function flaskReady(log: (m: string) => void, install = true): string | null {
  if (importable()) return null;
  if (!install) return `Python modules missing (a smoke run installs nothing): ${PACKAGES.join(' ')}`;
  if (process.getuid?.() !== 0) return `Python modules missing and not root: install ${PACKAGES.join(' ')}`;
  log(`fan-out: installing ${PACKAGES.join(' ')} for the Flask-SocketIO baseline (apt-get)`);
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES], { stdio: 'ignore', timeout: 300_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch (err) {
    return `apt-get install failed: ${(err as Error).message.split('\n')[0]}`;
  }
  return importable() ? null : 'installed, but the modules still do not import';
}
