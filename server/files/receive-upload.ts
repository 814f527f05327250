import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.ts';
import type { FileStorage } from './file-storage.ts';
import { extensionOf, fileNameProblem } from './file-names.ts';
import { contentMatches } from './magic.ts';
import { isDiskFull } from '../util/disk-full.ts';

export interface ReceivedUpload {
  partial: string;
  originalName: string;
  extension: string;
  size: number;
  fields: Record<string, string>;
}

export interface UploadRules {
  maxBytes: number;
  extensions: readonly string[];
  /**
   * A secret room's upload: ciphertext under no name the server may know. Its name, extension and
   * content are not looked at (there is nothing to sniff), and its fields may carry a cipher.
   */
  opaque?: { fieldSize: number };
}

/** Bytes examined before the rest of the upload is accepted (enough for every signature we check). */
const HEAD_BYTES = 512;

/**
 * Streams one multipart upload to a partial file on disk, never holding the whole file in memory.
 * The name, extension, size and content signature are checked as early as each becomes known; on
 * any refusal or abort the partial file is removed before the error propagates.
 */
export async function receiveUpload(request: FastifyRequest, storage: FileStorage, rules: UploadRules): Promise<ReceivedUpload> {
  const declared = Number(request.headers['content-length'] ?? 0);
  // Multipart framing adds a little; anything far above the limit is refused before a byte is read.
  if (declared > rules.maxBytes + 64 * 1024) throw new AppError('FILE_TOO_LARGE', { connection: 'close' });
  const fields: Record<string, string> = {};
  let received: ReceivedUpload | undefined;
  const partial = storage.partialPath();
  try {
    // preservePath: see the name as sent ("../x" included) so it can be refused, not silently trimmed.
    const fieldSize = rules.opaque?.fieldSize ?? 8 * 1024;
    for await (const part of request.parts({ preservePath: true, limits: { fileSize: rules.maxBytes, files: 1, fields: 5, fieldSize, parts: 8 } })) {
      if (part.type === 'field') {
        // A file part whose name the parser could not read (say, raw control characters) arrives
        // as a plain field: refuse it for its name.
        if (part.fieldname === 'file') throw new AppError('BAD_FILE_NAME', { connection: 'close' });
        // A field cut at fieldSize would be a corrupt cipher: refused, never stored cut.
        if (rules.opaque && part.valueTruncated) throw new AppError('SECRET_CIPHER_TOO_LONG', { connection: 'close' });
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || received) {
        part.file.resume();
        throw new AppError('BAD_REQUEST');
      }
      if (rules.opaque) {
        let size = 0;
        const counter = new Transform({ transform: (chunk: Buffer, _enc, done) => ((size += chunk.length), done(null, chunk)) });
        await pipeline(part.file as Readable, counter, createWriteStream(partial, { flags: 'wx' }));
        if (part.file.truncated) throw new AppError('FILE_TOO_LARGE', { connection: 'close' });
        received = { partial, originalName: '', extension: '', size, fields };
        continue;
      }
      const originalName = part.filename.normalize('NFC');
      if (fileNameProblem(originalName)) throw new AppError('BAD_FILE_NAME', { connection: 'close' });
      const extension = extensionOf(originalName);
      if (!rules.extensions.includes(extension)) throw new AppError('FILE_TYPE_NOT_ALLOWED', { connection: 'close' });
      let size = 0;
      await pipeline(part.file as Readable, signatureGate(extension, (n) => (size += n)), createWriteStream(partial, { flags: 'wx' }));
      if (part.file.truncated) throw new AppError('FILE_TOO_LARGE', { connection: 'close' });
      received = { partial, originalName, extension, size, fields };
    }
    // The multipart parser drops a part whose header it cannot read (raw CR/LF in a name, say).
    if (!received) throw new AppError('UPLOAD_NO_FILE');
    return received;
  } catch (err) {
    await rm(partial, { force: true });
    if (err instanceof AppError) throw err;
    // The partial file is gone (above); stop reading the rest of the body.
    if (isDiskFull(err)) throw new AppError('DISK_FULL', { connection: 'close' });
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', { connection: 'close' });
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('BAD_REQUEST');
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError('BAD_REQUEST');
    throw new AppError('UPLOAD_INCOMPLETE', { connection: 'close' });
  }
}

class ContentMismatch extends AppError {
  constructor() {
    super('FILE_CONTENT_MISMATCH', { connection: 'close' });
  }
}

/** Passes bytes through, but checks the first ones against what the extension promises. */
function signatureGate(extension: string, count: (n: number) => void): Transform {
  let head = Buffer.alloc(0);
  let checked = false;
  const check = () => {
    checked = true;
    if (!contentMatches(extension, head)) throw new ContentMismatch();
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      count(chunk.length);
      if (checked) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      if (head.length < HEAD_BYTES) return done();
      try {
        check();
        done(null, head);
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done) {
      if (checked) return done();
      try {
        check();
        done(null, head);
      } catch (err) {
        done(err as Error);
      }
    },
  });
}
