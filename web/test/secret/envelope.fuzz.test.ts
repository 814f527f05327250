// Whatever arrives as a cipher or a key payload — random text, random bytes in the right wrapping,
// or a real envelope with pieces cut, changed or added — the module either refuses it with its own
// SecretCryptoError or (only for the untouched envelope) decrypts it. Never another exception, never
// a wrong plaintext. Seeds and runs follow FUZZ_SEED / FUZZ_RUNS like the server fuzzers.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { describeRun, params } from '../../../server/fuzz/fuzz-config.ts';
import {
  decryptMessage,
  encryptMessage,
  fromUtf8,
  generateDeviceIdentity,
  readMessageHeader,
  readWrapAddress,
  shareSenderChain,
  SecretCryptoError,
  toBase64url,
  unwrapChain,
  utf8,
  wrapChain,
} from '../../src/secret/crypto/index.ts';
import { fromBase64url } from '../../src/secret/crypto/encoding.ts';
import { EPOCH, pair, RECEIVER_DEVICE, ROOM, SENDER_DEVICE } from './fixtures.ts';

function onlyOurError(e: unknown): void {
  if (!(e instanceof SecretCryptoError)) throw new Error(`a foreign exception escaped: ${String(e)}`);
}

async function refused(attempt: () => Promise<unknown>): Promise<void> {
  try {
    await attempt();
  } catch (e) {
    onlyOurError(e);
    return;
  }
  throw new Error('accepted an envelope it should have refused');
}

test(`fuzz: the envelope parsers take any text and throw only SecretCryptoError (${describeRun()})`, () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.base64String({ maxLength: 400 })), (text) => {
      for (const parse of [readMessageHeader, readWrapAddress]) {
        try {
          parse(text);
        } catch (e) {
          onlyOurError(e);
        }
      }
    }),
    params('secret envelope parsers: any text', 3000),
  );
});

test('fuzz: random bytes behind a valid prefix never decrypt and throw only SecretCryptoError', async () => {
  const p = await pair();
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 400 }), fc.boolean(), async (body, prefixed) => {
      const bytes = prefixed ? new Uint8Array([1, 1, ...body]) : body;
      await refused(() => decryptMessage(p.receiver, toBase64url(bytes), p.senderVerifyKey));
    }),
    params('secret envelope: random bytes', 300),
  );
});

test('fuzz: a real message envelope with bytes changed, cut or added is always refused', async () => {
  const p = await pair();
  const sent = await encryptMessage(p.chain, p.sender.sign.privateKey, utf8('the quarterly numbers'));
  const good = fromBase64url(sent.envelope);
  assert.equal(fromUtf8((await decryptMessage(p.receiver, sent.envelope, p.senderVerifyKey)).plaintext), 'the quarterly numbers');
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(good.length - 1), value: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('cut' as const), from: fc.nat(good.length - 1), length: fc.integer({ min: 1, max: 80 }) }),
    fc.record({ kind: fc.constant('add' as const), at: fc.nat(good.length), extra: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
      let bytes = good.slice();
      for (const m of mutations) {
        if (m.kind === 'set') {
          bytes[m.at % bytes.length]! ^= m.value;
        } else if (m.kind === 'cut') {
          bytes = new Uint8Array([...bytes.slice(0, m.from), ...bytes.slice(m.from + m.length)]);
        } else {
          bytes = new Uint8Array([...bytes.slice(0, m.at), ...m.extra, ...bytes.slice(m.at)]);
        }
        if (bytes.length === 0) break;
      }
      fc.pre(toBase64url(bytes) !== sent.envelope);
      await refused(() => decryptMessage(p.receiver, toBase64url(bytes), p.senderVerifyKey));
    }),
    params('secret envelope: mutated message', 300),
  );
});

test('fuzz: a real wrapped chain with one byte changed is always refused', async () => {
  const alice = await generateDeviceIdentity();
  const bob = await generateDeviceIdentity();
  const p = await pair();
  const wrapped = await wrapChain(shareSenderChain(p.chain), alice.sign.privateKey, { toDevice: RECEIVER_DEVICE, agreeKey: bob.agreeKey });
  const good = fromBase64url(wrapped.payload);
  const ctx = {
    expected: { roomId: ROOM, epoch: EPOCH, fromDevice: SENDER_DEVICE, toDevice: RECEIVER_DEVICE },
    agreePrivateKey: bob.agree.privateKey,
    agreeKey: bob.agreeKey,
    senderSignKey: alice.sign.publicKey,
  };
  await unwrapChain(wrapped.payload, ctx);
  await fc.assert(
    fc.asyncProperty(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), async (at, value) => {
      const bytes = good.slice();
      bytes[at]! ^= value;
      await refused(() => unwrapChain(toBase64url(bytes), ctx));
    }),
    params('secret wrapped chain: one byte changed', 300),
  );
});
