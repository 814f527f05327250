// Precompression at build time: a brotli (quality 11) and a gzip (level 9) sibling, `x.br` and
// `x.gz`, for every compressible build output over 1 KB, so the server sends them by negotiation
// (server/http/static-routes.ts, @fastify/static `preCompressed`) without compressing per request.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text formats worth compressing (images and fonts are compressed already). */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|txt|webmanifest|map)$/;
/** Below this a compressed body saves less than its own headers cost. */
export const MIN_COMPRESS_BYTES = 1024;

/**
 * Writes `file.br` and `file.gz` beside each compressible file of at least MIN_COMPRESS_BYTES, and
 * removes the siblings of a file that no longer qualifies (so a stale `.br` is never served for a
 * newer file). Returns the bytes written per file.
 */
export async function precompress(files: string[]): Promise<Array<{ file: string; raw: number; br: number; gzip: number }>> {
  const done = [];
  for (const file of files) {
    if (!COMPRESSIBLE.test(file)) continue;
    const body = await readFile(file);
    if (body.length < MIN_COMPRESS_BYTES) {
      await Promise.all([rm(`${file}.br`, { force: true }), rm(`${file}.gz`, { force: true })]);
      continue;
    }
    const [br, gzipped] = await Promise.all([
      brotli(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
      gz(body, { level: 9 }),
    ]);
    await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
    done.push({ file, raw: body.length, br: br.length, gzip: gzipped.length });
  }
  return done;
}
