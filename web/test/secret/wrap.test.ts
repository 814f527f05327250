// Handing a chain to one device: round trip, and refusal of every wrong address, key or bit.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createSenderChain,
  decryptMessage,
  encryptMessage,
  fromUtf8,
  generateDeviceIdentity,
  importSignPublicKey,
  readWrapAddress,
  receiverChainFromShare,
  shareSenderChain,
  unwrapChain,
  type UnwrapContext,
  utf8,
  wrapChain,
  wrapChainForDevices,
  WRAPPED_CHAIN_BYTES,
  WRAPPED_CHAIN_CHARS,
} from '../../src/secret/crypto/index.ts';
import { fromBase64url, toBase64url } from '../../src/secret/crypto/encoding.ts';
import { EPOCH, flipByte, RECEIVER_DEVICE, rejectsWith, ROOM, SENDER_DEVICE } from './fixtures.ts';

async function setup() {
  const alice = await generateDeviceIdentity();
  const bob = await generateDeviceIdentity();
  const chain = createSenderChain({ roomId: ROOM, epoch: EPOCH, deviceId: SENDER_DEVICE });
  const wrapped = await wrapChain(shareSenderChain(chain), alice.sign.privateKey, { toDevice: RECEIVER_DEVICE, agreeKey: bob.agreeKey });
  const ctx: UnwrapContext = {
    expected: { roomId: ROOM, epoch: EPOCH, fromDevice: SENDER_DEVICE, toDevice: RECEIVER_DEVICE },
    agreePrivateKey: bob.agree.privateKey,
    agreeKey: bob.agreeKey,
    senderSignKey: await importSignPublicKey(alice.signKey),
  };
  return { alice, bob, chain, wrapped, ctx };
}

test('a wrapped chain opens for its recipient, with the exact key and index, at a fixed size', async () => {
  const { chain, wrapped, ctx } = await setup();
  assert.equal(wrapped.toDevice, RECEIVER_DEVICE);
  assert.equal(wrapped.payload.length, WRAPPED_CHAIN_CHARS);
  assert.equal(fromBase64url(wrapped.payload).length, WRAPPED_CHAIN_BYTES);
  assert.deepEqual(readWrapAddress(wrapped.payload), ctx.expected);
  const share = await unwrapChain(wrapped.payload, ctx);
  assert.deepEqual(share, { roomId: ROOM, epoch: EPOCH, deviceId: SENDER_DEVICE, chainKey: chain.chainKey, index: 0 });
});

test('the unwrapped chain reads the messages sent from its index on', async () => {
  const { alice, bob, chain, ctx } = await setup();
  const first = await encryptMessage(chain, alice.sign.privateKey, utf8('before'));
  const late = await wrapChain(shareSenderChain(first.state), alice.sign.privateKey, { toDevice: RECEIVER_DEVICE, agreeKey: bob.agreeKey });
  const share = await unwrapChain(late.payload, ctx);
  assert.equal(share.index, 1);
  const receiver = receiverChainFromShare(share);
  const second = await encryptMessage(first.state, alice.sign.privateKey, utf8('after'));
  assert.equal(fromUtf8((await decryptMessage(receiver, second.envelope, ctx.senderSignKey)).plaintext), 'after');
  await assert.rejects(decryptMessage(receiver, first.envelope, ctx.senderSignKey), rejectsWith('MESSAGE_BEFORE_KEY'));
});

test('wrapping for many devices gives one distinct payload per device, each opening only for its own', async () => {
  const alice = await generateDeviceIdentity();
  const devices = await Promise.all([1, 2, 3].map(async () => generateDeviceIdentity()));
  const chain = createSenderChain({ roomId: ROOM, epoch: EPOCH, deviceId: SENDER_DEVICE });
  const wrapped = await wrapChainForDevices(
    shareSenderChain(chain),
    alice.sign.privateKey,
    devices.map((d, i) => ({ toDevice: 100 + i, agreeKey: d.agreeKey })),
  );
  assert.deepEqual(wrapped.map((w) => w.toDevice), [100, 101, 102]);
  assert.equal(new Set(wrapped.map((w) => w.payload)).size, 3);
  const senderSignKey = await importSignPublicKey(alice.signKey);
  for (const [i, d] of devices.entries()) {
    const expected = { roomId: ROOM, epoch: EPOCH, fromDevice: SENDER_DEVICE, toDevice: 100 + i };
    const share = await unwrapChain(wrapped[i]!.payload, { expected, agreePrivateKey: d.agree.privateKey, agreeKey: d.agreeKey, senderSignKey });
    assert.deepEqual(share.chainKey, chain.chainKey);
    // Device i cannot open device (i+1)'s payload even when told the right address.
    const other = wrapped[(i + 1) % 3]!;
    await assert.rejects(
      unwrapChain(other.payload, {
        expected: { ...expected, toDevice: other.toDevice },
        agreePrivateKey: d.agree.privateKey,
        agreeKey: d.agreeKey,
        senderSignKey,
      }),
      rejectsWith('DECRYPT_FAILED'),
    );
  }
});

test('a payload for another room, epoch, sender or recipient is refused', async () => {
  const { wrapped, ctx } = await setup();
  const e = ctx.expected;
  for (const [expected, code] of [
    [{ ...e, roomId: ROOM + 1 }, 'WRONG_ROOM'],
    [{ ...e, epoch: EPOCH + 1 }, 'WRONG_EPOCH'],
    [{ ...e, fromDevice: SENDER_DEVICE + 1 }, 'WRONG_DEVICE'],
    [{ ...e, toDevice: RECEIVER_DEVICE + 1 }, 'WRONG_DEVICE'],
  ] as const) {
    await assert.rejects(unwrapChain(wrapped.payload, { ...ctx, expected }), rejectsWith(code));
  }
});

test('a flipped bit anywhere is refused; past the address only the signature check can catch it', async () => {
  const { wrapped, ctx } = await setup();
  for (let at = 0; at < WRAPPED_CHAIN_BYTES; at++) {
    await assert.rejects(unwrapChain(flipByte(wrapped.payload, at), ctx), (e: unknown) => {
      const code = e instanceof Error && 'code' in e ? String(e.code) : String(e);
      const ok = at < 30 ? code !== 'DECRYPT_FAILED' : code === 'SIGNATURE_INVALID' || (at === 30 && code === 'ENVELOPE_MALFORMED');
      assert.ok(ok, `byte ${at}: ${code}`);
      return true;
    });
  }
});

test('a chain handed out by anyone but the sender device (the server, another member) is refused', async () => {
  const { bob, chain, ctx } = await setup();
  const mallory = await generateDeviceIdentity();
  // Mallory knows the chain key and wraps it (or one of her own) as if she were the sender device.
  const forged = await wrapChain(shareSenderChain(chain), mallory.sign.privateKey, { toDevice: RECEIVER_DEVICE, agreeKey: bob.agreeKey });
  await assert.rejects(unwrapChain(forged.payload, ctx), rejectsWith('SIGNATURE_INVALID'));
});

test('the wrong recipient private key cannot open it', async () => {
  const { wrapped, ctx } = await setup();
  const eve = await generateDeviceIdentity();
  await assert.rejects(unwrapChain(wrapped.payload, { ...ctx, agreePrivateKey: eve.agree.privateKey }), rejectsWith('DECRYPT_FAILED'));
  await assert.rejects(
    unwrapChain(wrapped.payload, { ...ctx, agreePrivateKey: eve.agree.privateKey, agreeKey: eve.agreeKey }),
    rejectsWith('DECRYPT_FAILED'),
  );
});

test('malformed payloads and recipient keys are refused with the module error', async () => {
  const { alice, chain, wrapped, ctx } = await setup();
  const bytes = fromBase64url(wrapped.payload);
  for (const [what, text, code] of [
    ['empty', '', 'ENVELOPE_MALFORMED'],
    ['truncated', toBase64url(bytes.slice(0, -1)), 'ENVELOPE_MALFORMED'],
    ['too long', toBase64url(new Uint8Array([...bytes, 0, 0, 0])), 'ENVELOPE_TOO_LARGE'],
    ['garbage', '!'.repeat(WRAPPED_CHAIN_CHARS), 'BAD_BASE64'],
    ['a message envelope', toBase64url(new Uint8Array([1, 1, ...bytes.slice(2)])), 'ENVELOPE_MALFORMED'],
  ] as const) {
    await assert.rejects(unwrapChain(text, ctx), rejectsWith(code), what);
    assert.throws(() => readWrapAddress(text), rejectsWith(code), what);
  }
  const notOnCurve = toBase64url(new Uint8Array([4, ...new Uint8Array(64).fill(7)]));
  for (const agreeKey of ['', 'AAAA', toBase64url(new Uint8Array(65)), notOnCurve, toBase64url(new Uint8Array(33).fill(2))]) {
    await assert.rejects(wrapChain(shareSenderChain(chain), alice.sign.privateKey, { toDevice: 5, agreeKey }), rejectsWith('PUBLIC_KEY_INVALID'));
  }
  await assert.rejects(
    wrapChain({ ...shareSenderChain(chain), chainKey: new Uint8Array(31) }, alice.sign.privateKey, { toDevice: 5, agreeKey: ctx.agreeKey }),
    rejectsWith('BAD_INPUT'),
  );
  await assert.rejects(
    wrapChain(shareSenderChain(chain), alice.sign.privateKey, { toDevice: 0, agreeKey: ctx.agreeKey }),
    rejectsWith('BAD_INPUT'),
  );
});
