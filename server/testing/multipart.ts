import { randomBytes } from 'node:crypto';
import http from 'node:http';

// Hand-made multipart bodies: fetch's FormData escapes quotes and newlines in file names, and the
// refusal tests need to send exactly the hostile names an attacker would.

export interface Part {
  name: string;
  /** A file part when set. The raw header value goes in as is unless `encodedFilename` is used. */
  filename?: string;
  /** Sends the name as RFC 5987 `filename*=UTF-8''…`, which can carry NUL, CR/LF, quotes. */
  encodedFilename?: string;
  contentType?: string;
  data: Buffer | string | AsyncIterable<Buffer>;
}

export interface UploadResult {
  status: number;
  json: any;
  headers: http.IncomingHttpHeaders;
}

export function multipartUpload(url: string, cookie: string, parts: Part[], options: { abortAfterBytes?: number } = {}): Promise<UploadResult> {
  const boundary = `----sotong${randomBytes(8).toString('hex')}`;
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: 'POST', headers: { cookie, origin: target.origin, 'content-type': `multipart/form-data; boundary=${boundary}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json, headers: res.headers });
      });
    });
    req.on('error', reject);
    (async () => {
      let sent = 0;
      const write = (chunk: Buffer) =>
        new Promise<void>((ok) => {
          sent += chunk.length;
          if (!req.write(chunk)) req.once('drain', ok);
          else ok();
        });
      for (const part of parts) {
        let disposition = `form-data; name="${part.name}"`;
        if (part.filename !== undefined) disposition += `; filename="${part.filename}"`;
        if (part.encodedFilename !== undefined) disposition += `; filename*=UTF-8''${encodeURIComponent(part.encodedFilename)}`;
        const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`;
        await write(Buffer.from(head, 'utf8'));
        if (typeof part.data === 'string' || Buffer.isBuffer(part.data)) await write(Buffer.from(part.data));
        else {
          for await (const chunk of part.data) {
            await write(chunk);
            if (options.abortAfterBytes !== undefined && sent >= options.abortAfterBytes) {
              req.destroy();
              resolve({ status: 0, json: undefined, headers: {} });
              return;
            }
          }
        }
        await write(Buffer.from('\r\n'));
      }
      req.end(`--${boundary}--\r\n`);
    })().catch(reject);
  });
}

/** `total` bytes produced 64 KiB at a time, starting with `head`, without ever holding them all. */
export async function* streamedBytes(total: number, head: Buffer = Buffer.alloc(0)): AsyncGenerator<Buffer> {
  const block = Buffer.alloc(64 * 1024, 0x61);
  if (head.length) yield head;
  let left = total - head.length;
  while (left > 0) {
    const n = Math.min(left, block.length);
    yield block.subarray(0, n);
    left -= n;
  }
}
