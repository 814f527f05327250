import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decryptFile, encryptFile, FILE_OVERHEAD_BYTES, toBase64url } from '../../src/secret/crypto/index.ts';
import { rejectsWith } from './fixtures.ts';

test('a file round-trips; each encryption has its own key, so equal files upload as different bytes', async () => {
  const bytes = new TextEncoder().encode('사진 대신 텍스트 파일 '.repeat(1000));
  const a = await encryptFile(bytes);
  const b = await encryptFile(bytes);
  assert.equal(a.blob.length, bytes.length + FILE_OVERHEAD_BYTES);
  assert.notEqual(a.key, b.key);
  assert.notDeepEqual(a.blob, b.blob);
  assert.deepEqual(await decryptFile(a.blob, a.key), bytes);
});

test('an empty file round-trips', async () => {
  const e = await encryptFile(new Uint8Array(0));
  assert.equal(e.blob.length, FILE_OVERHEAD_BYTES);
  assert.equal((await decryptFile(e.blob, e.key)).length, 0);
});

test('the ciphertext does not contain the plaintext', async () => {
  const marker = new TextEncoder().encode('CANARY-비밀-CANARY');
  const e = await encryptFile(marker);
  assert.equal(Buffer.from(e.blob).indexOf(Buffer.from(marker)), -1);
});

test('a changed byte, the wrong key, a short blob or a bad key string is refused', async () => {
  const e = await encryptFile(new Uint8Array(1000).fill(9));
  for (const at of [0, 11, 12, 500, e.blob.length - 1]) {
    const changed = e.blob.slice();
    changed[at]! ^= 0x80;
    await assert.rejects(decryptFile(changed, e.key), rejectsWith('DECRYPT_FAILED'), `byte ${at}`);
  }
  const other = await encryptFile(new Uint8Array(1));
  await assert.rejects(decryptFile(e.blob, other.key), rejectsWith('DECRYPT_FAILED'));
  await assert.rejects(decryptFile(e.blob.slice(0, FILE_OVERHEAD_BYTES - 1), e.key), rejectsWith('ENVELOPE_MALFORMED'));
  await assert.rejects(decryptFile(e.blob, toBase64url(new Uint8Array(16))), rejectsWith('BAD_INPUT'));
  await assert.rejects(decryptFile(e.blob, 'not base64!'), rejectsWith('BAD_BASE64'));
});
