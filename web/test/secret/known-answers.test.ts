// Published vectors pin the primitives to their specifications, so a change that still round-trips
// with itself (a wrong salt, a swapped argument) cannot pass.

import assert from 'node:assert/strict';
import { hkdfSync } from 'node:crypto';
import { test } from 'node:test';
import { aesGcmDecrypt, aesGcmEncrypt } from '../../src/secret/crypto/aes-gcm.ts';
import { chainStep } from '../../src/secret/crypto/chain-step.ts';
import type { Bytes } from '../../src/secret/crypto/encoding.ts';
import { isSecretCryptoError } from '../../src/secret/crypto/errors.ts';
import { hkdfSha256, LABELS } from '../../src/secret/crypto/hkdf.ts';

function hex(text: string): Bytes {
  const clean = text.replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(clean, 'hex'));
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function range(from: number, to: number): Bytes {
  return new Uint8Array(to - from + 1).map((_, i) => from + i);
}

test('HKDF-SHA-256, RFC 5869 test case 1 (basic)', async () => {
  const okm = await hkdfSha256(new Uint8Array(22).fill(0x0b), range(0x00, 0x0c), range(0xf0, 0xf9), 42);
  assert.equal(toHex(okm), '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
});

test('HKDF-SHA-256, RFC 5869 test case 2 (longer inputs and outputs)', async () => {
  const okm = await hkdfSha256(range(0x00, 0x4f), range(0x60, 0xaf), range(0xb0, 0xff), 82);
  assert.equal(
    toHex(okm),
    'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c' +
      '59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71' +
      'cc30c58179ec3e87c14c01d5c1f3434f1d87',
  );
});

test('HKDF-SHA-256, RFC 5869 test case 3 (zero-length salt and info)', async () => {
  const okm = await hkdfSha256(new Uint8Array(22).fill(0x0b), new Uint8Array(0), new Uint8Array(0), 42);
  assert.equal(toHex(okm), '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
});

test('HKDF refuses lengths it cannot produce', async () => {
  for (const length of [0, -1, 1.5, 255 * 32 + 1]) {
    await assert.rejects(hkdfSha256(new Uint8Array(32), new Uint8Array(0), new Uint8Array(0), length), (e) =>
      isSecretCryptoError(e, 'BAD_INPUT'),
    );
  }
});

// The GCM specification's AES-256 test cases 13–16 (McGrew & Viega; also NIST CAVP gcmEncryptExtIV256).
const KEY_15 = 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308';
const P_15 =
  'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
  '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255';
const C_15 =
  '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
  '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad';
const GCM_CASES = [
  { name: '13', key: '00'.repeat(32), iv: '00'.repeat(12), p: '', aad: '', c: '', tag: '530f8afbc74536b9a963b4f1c4cb738b' },
  {
    name: '14',
    key: '00'.repeat(32),
    iv: '00'.repeat(12),
    p: '00'.repeat(16),
    aad: '',
    c: 'cea7403d4d606b6e074ec5d3baf39d18',
    tag: 'd0d1c8a799996bf0265b98b5d48ab919',
  },
  { name: '15', key: KEY_15, iv: 'cafebabefacedbaddecaf888', p: P_15, aad: '', c: C_15, tag: 'b094dac5d93471bdec1a502270e3cc6c' },
  {
    name: '16 (with AAD)',
    key: KEY_15,
    iv: 'cafebabefacedbaddecaf888',
    p: P_15.slice(0, 120),
    aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
    c: C_15.slice(0, 120),
    tag: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
];

for (const v of GCM_CASES) {
  test(`AES-256-GCM, GCM spec test case ${v.name}: encrypts to the vector and decrypts back`, async () => {
    const sealed = await aesGcmEncrypt(hex(v.key), hex(v.iv), hex(v.p), hex(v.aad));
    assert.equal(toHex(sealed), v.c + v.tag);
    assert.equal(toHex(await aesGcmDecrypt(hex(v.key), hex(v.iv), sealed, hex(v.aad))), v.p);
  });

  test(`AES-256-GCM, GCM spec test case ${v.name}: any changed bit, key, IV or AAD is refused`, async () => {
    const sealed = hex(v.c + v.tag);
    const flips: Array<[string, () => Promise<Bytes>]> = [
      ['first byte', async () => aesGcmDecrypt(hex(v.key), hex(v.iv), flip(sealed, 0), hex(v.aad))],
      ['last tag byte', async () => aesGcmDecrypt(hex(v.key), hex(v.iv), flip(sealed, sealed.length - 1), hex(v.aad))],
      ['key', async () => aesGcmDecrypt(flip(hex(v.key), 31), hex(v.iv), sealed, hex(v.aad))],
      ['iv', async () => aesGcmDecrypt(hex(v.key), flip(hex(v.iv), 11), sealed, hex(v.aad))],
      ['aad', async () => aesGcmDecrypt(hex(v.key), hex(v.iv), sealed, hex(v.aad + '00'))],
      ['truncated', async () => aesGcmDecrypt(hex(v.key), hex(v.iv), sealed.slice(0, sealed.length - 1), hex(v.aad))],
    ];
    for (const [what, attempt] of flips) {
      await assert.rejects(attempt(), (e) => isSecretCryptoError(e, 'DECRYPT_FAILED'), what);
    }
  });
}

function flip(bytes: Bytes, at: number): Bytes {
  const out = bytes.slice();
  out[at]! ^= 0x01;
  return out;
}

test('AES-GCM refuses keys and IVs of the wrong size before WebCrypto sees them', async () => {
  await assert.rejects(aesGcmEncrypt(new Uint8Array(16), new Uint8Array(12), new Uint8Array(0), new Uint8Array(0)), (e) =>
    isSecretCryptoError(e, 'BAD_INPUT'),
  );
  await assert.rejects(aesGcmEncrypt(new Uint8Array(32), new Uint8Array(16), new Uint8Array(0), new Uint8Array(0)), (e) =>
    isSecretCryptoError(e, 'BAD_INPUT'),
  );
});

test("a chain step equals Node's own HKDF over the documented labels (an independent implementation)", async () => {
  const chainKey = hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
  const step = await chainStep(chainKey);
  const salt = new Uint8Array(32);
  assert.equal(toHex(step.messageKey), Buffer.from(hkdfSync('sha256', chainKey, salt, LABELS.messageKey, 32)).toString('hex'));
  assert.equal(toHex(step.nextChainKey), Buffer.from(hkdfSync('sha256', chainKey, salt, LABELS.chainNext, 32)).toString('hex'));
  assert.notEqual(toHex(step.messageKey), toHex(step.nextChainKey));
});
