import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../spawn-server.ts';

// A real nginx (Debian's /usr/sbin/nginx) in front of test nodes, started from docs/deploy/nginx.conf
// itself: only the node addresses, the listen ports and the file paths are swapped, so the tests run
// the documented config. Its prefix, pid, logs and temp files live in a folder of its own.

export const NGINX_BIN = process.env.SOTONG_NGINX ?? '/usr/sbin/nginx';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DOC_CONFIG = path.join(root, 'docs/deploy/nginx.conf');

/** Why nginx tests cannot run here, or null when they can. */
export function nginxMissing(): string | null {
  return existsSync(NGINX_BIN) ? null : `nginx is not installed (${NGINX_BIN}; Debian package nginx)`;
}

export interface NginxOptions {
  /** The nodes' ports on 127.0.0.1. */
  upstreams: number[];
  /** Certificate and key files: nginx also listens with TLS (httpsPort). */
  tls?: { certFile: string; keyFile: string };
}

/**
 * The documented site config with the test's addresses. Also adds `X-Sotong-Upstream` (the node that
 * answered) to every response, the one addition, so a test can see where nginx sent a client.
 */
export function siteConfig(doc: string, dir: string, options: NginxOptions, httpPort: number, httpsPort: number | null): string {
  let nodesWritten = false;
  const out: string[] = [];
  for (const line of doc.split('\n')) {
    const trimmed = line.trim();
    if (/^server \S+ .*# CHANGE: node/.test(trimmed)) {
      if (!nodesWritten) for (const port of options.upstreams) out.push(`    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`);
      nodesWritten = true;
      continue;
    }
    if (trimmed.startsWith('listen 80;')) out.push(`    listen 127.0.0.1:${httpPort};`);
    else if (trimmed.startsWith('listen 443 ssl;')) {
      if (httpsPort !== null) out.push(`    listen 127.0.0.1:${httpsPort} ssl;`);
    } else if (trimmed.startsWith('ssl_')) {
      if (!options.tls) continue;
      if (trimmed.startsWith('ssl_certificate ')) out.push(`    ssl_certificate ${options.tls.certFile};`);
      else if (trimmed.startsWith('ssl_certificate_key ')) out.push(`    ssl_certificate_key ${options.tls.keyFile};`);
      else out.push(line);
    } else if (trimmed.startsWith('access_log /')) out.push(`    access_log ${path.join(dir, 'access.log')};`);
    else if (trimmed.startsWith('error_log /')) out.push(`    error_log ${path.join(dir, 'error.log')} info;`);
    else if (trimmed.startsWith('proxy_pass ')) {
      out.push(line, '        add_header X-Sotong-Upstream $upstream_addr always;');
    } else out.push(line);
  }
  if (!nodesWritten) throw new Error(`${DOC_CONFIG}: no "# CHANGE: node" server lines in the upstream block`);
  return out.join('\n');
}

function mainConfig(dir: string): string {
  const tmp = (name: string) => path.join(dir, 'tmp', name);
  return [
    'worker_processes 1;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'error.log')} info;`,
    // Every WebSocket holds two connections (client side, node side): 4,096 carry 2,000 clients.
    'events { worker_connections 4096; }',
    'http {',
    `    access_log ${path.join(dir, 'access.log')};`,
    `    client_body_temp_path ${tmp('body')};`,
    `    proxy_temp_path ${tmp('proxy')};`,
    `    fastcgi_temp_path ${tmp('fastcgi')};`,
    `    uwsgi_temp_path ${tmp('uwsgi')};`,
    `    scgi_temp_path ${tmp('scgi')};`,
    `    include ${path.join(dir, 'sotong.conf')};`,
    '}',
    '',
  ].join('\n');
}

export class TestNginx {
  private child: ChildProcess | undefined;
  private output = '';

  private constructor(
    readonly dir: string,
    readonly httpPort: number,
    readonly httpsPort: number | null,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  get httpsUrl(): string {
    if (this.httpsPort === null) throw new Error('this nginx has no TLS listener');
    return `https://127.0.0.1:${this.httpsPort}`;
  }

  static async start(options: NginxOptions): Promise<TestNginx> {
    const dir = mkdtempSync(path.join(tmpdir(), 'sotong-nginx-'));
    // Workers run as nobody when the tests run as root: they must reach the temp folders.
    chmodSync(dir, 0o755);
    const nginx = new TestNginx(dir, await freePort(), options.tls ? await freePort() : null);
    writeFileSync(path.join(dir, 'sotong.conf'), siteConfig(readFileSync(DOC_CONFIG, 'utf8'), dir, options, nginx.httpPort, nginx.httpsPort));
    writeFileSync(path.join(dir, 'nginx.conf'), mainConfig(dir));
    mkdirSync(path.join(dir, 'tmp'), { mode: 0o755 });
    try {
      await nginx.launch();
    } catch (err) {
      await nginx.stop();
      throw err;
    }
    return nginx;
  }

  private launch(): Promise<void> {
    const child = spawn(NGINX_BIN, ['-p', this.dir, '-c', path.join(this.dir, 'nginx.conf'), '-e', path.join(this.dir, 'error.log'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (c: Buffer) => (this.output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + 10_000;
      const onExit = (code: number | null) => reject(new Error(`nginx exited with ${code}: ${this.output}${this.errorLog()}`));
      child.once('exit', onExit);
      const poll = async () => {
        try {
          await fetch(`${this.url}/nginx-is-up`, { signal: AbortSignal.timeout(1000) });
          child.off('exit', onExit);
          resolve();
        } catch {
          if (Date.now() > deadline) {
            child.off('exit', onExit);
            reject(new Error(`nginx did not start listening: ${this.output}${this.errorLog()}`));
          } else setTimeout(poll, 50);
        }
      };
      void poll();
    });
  }

  errorLog(): string {
    try {
      return readFileSync(path.join(this.dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  }

  /** Stops nginx (fast shutdown) and removes its folder. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
