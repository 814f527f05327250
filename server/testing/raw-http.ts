import http from 'node:http';

// Requests sent byte for byte as written: the path is not normalised (no `..` resolution, no
// re-encoding), any method, content type and body may be sent, and a reply is read whatever its
// content type. For the fuzz suites, where fetch() would "fix" a hostile request before it leaves.

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

export interface RawOptions {
  method: string;
  /** Path and query exactly as they go on the request line. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Milliseconds before the request is abandoned (an error, not a reply). */
  timeoutMs?: number;
  /** Source address on this machine (127.0.0.x), for per-address limits. */
  localAddress?: string;
}

/** Keep-alive connections to loopback, shared by every raw request of a process. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

export function rawHttp(baseUrl: string, options: RawOptions): Promise<RawReply> {
  const base = new URL(baseUrl);
  const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: options.method,
        path: options.path,
        agent,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...options.headers },
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${options.method} ${options.path.slice(0, 200)}: no reply within ${options.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Closes the idle keep-alive sockets (call when a suite's server is about to stop). */
export function closeRawConnections(): void {
  agent.destroy();
}
