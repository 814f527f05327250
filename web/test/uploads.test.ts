import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachFiles, namePasted } from '../src/state/uploads.ts';
import { getState, initialState, setState } from '../src/state/store.ts';

// The checks that run before a byte is uploaded (the upload itself needs a browser's XHR).

test('refused files are listed with why, and nothing starts uploading', async () => {
  setState({ ...initialState, uploadLimits: { maxBytes: 1024, extensions: ['png', 'pdf'] } });
  await attachFiles(5, [new File(['MZ'], 'setup.exe'), new File([new Uint8Array(2048)], '큰 파일.pdf')]);
  const rejects = getState().uploadRejects;
  assert.equal(rejects?.roomId, 5);
  assert.equal(rejects?.problems.length, 2);
  assert.match(rejects!.problems[0]!, /setup\.exe.*\.exe/);
  assert.match(rejects!.problems[1]!, /큰 파일\.pdf.*1 KB/);
  assert.deepEqual(getState().uploads, {});
});

test('a clipboard image called "image.png" gets a dated name; a real name is kept', () => {
  const pasted = namePasted(new File(['x'], 'image.png', { type: 'image/png' }), new Date(2025, 0, 2, 3, 4, 5));
  assert.match(pasted.name, /^(캡처|screenshot)_20250102_030405\.png$/);
  assert.equal(pasted.type, 'image/png');
  const named = new File(['x'], '회의 사진.jpg', { type: 'image/jpeg' });
  assert.equal(namePasted(named), named);
});

test('only failures that another try could fix offer a retry', async () => {
  const { ApiError } = await import('../src/lib/api.ts');
  const { isRetryable } = await import('../src/state/uploads.ts');
  assert.equal(isRetryable(new ApiError(0, 'NETWORK', '')), true);
  assert.equal(isRetryable(new ApiError(503, 'SERVER_BUSY', '')), true);
  assert.equal(isRetryable(new ApiError(400, 'UPLOAD_INCOMPLETE', '')), true);
  assert.equal(isRetryable(new ApiError(415, 'FILE_CONTENT_MISMATCH', '')), false);
  assert.equal(isRetryable(new ApiError(413, 'FILE_TOO_LARGE', '')), false);
  assert.equal(isRetryable(new ApiError(400, 'BAD_FILE_NAME', '')), false);
});

test('an upload refused for a full disk reads as the catalogue says and may be retried later', async () => {
  const { parseReply } = await import('../src/lib/api.ts');
  const { isRetryable } = await import('../src/state/uploads.ts');
  const { errorBody, ERRORS } = await import('../../server/protocol/errors.ts');
  const { lang } = await import('../src/lib/i18n.ts');
  let thrown: unknown;
  try {
    parseReply(507, JSON.stringify(errorBody('DISK_FULL')));
  } catch (err) {
    thrown = err;
  }
  assert.equal((thrown as Error).message, ERRORS.DISK_FULL[lang]);
  assert.equal(isRetryable(thrown), true);
});
