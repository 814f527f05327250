// Sender chain → receiver chain: round trips, order, and every way an envelope must be refused.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  acceptChainShare,
  createSenderChain,
  decryptMessage,
  encryptMessage,
  fromUtf8,
  generateDeviceIdentity,
  importSignPublicKey,
  MAX_SKIP_AHEAD,
  MAX_SKIPPED_KEYS,
  MESSAGE_PLAINTEXT_MAX_BYTES,
  readMessageHeader,
  receiverChainFromShare,
  receiverChainId,
  shareSenderChain,
  utf8,
  ENVELOPE_MAX_CHARS,
} from '../../src/secret/crypto/index.ts';
import { fromBase64url, toBase64url } from '../../src/secret/crypto/encoding.ts';
import { EPOCH, flipByte, pair, rejectsWith, ROOM, SENDER_DEVICE } from './fixtures.ts';

test('messages decrypt in order and the header says who sent which index', async () => {
  const p = await pair();
  let chain = p.chain;
  let receiver = p.receiver;
  for (let i = 0; i < 5; i++) {
    const sent = await encryptMessage(chain, p.sender.sign.privateKey, utf8(`메시지 ${i}`));
    chain = sent.state;
    assert.deepEqual(readMessageHeader(sent.envelope), { roomId: ROOM, epoch: EPOCH, deviceId: SENDER_DEVICE, index: i });
    const got = await decryptMessage(receiver, sent.envelope, p.senderVerifyKey);
    receiver = got.state;
    assert.equal(fromUtf8(got.plaintext), `메시지 ${i}`);
  }
  assert.equal(receiverChainId(receiver), `${ROOM}:${EPOCH}:${SENDER_DEVICE}`);
});

test('the same plaintext twice gives two different envelopes (new key and IV each time)', async () => {
  const p = await pair();
  const a = await encryptMessage(p.chain, p.sender.sign.privateKey, utf8('same'));
  const b = await encryptMessage(a.state, p.sender.sign.privateKey, utf8('same'));
  assert.notEqual(a.envelope, b.envelope);
  assert.notDeepEqual(a.state.chainKey, p.chain.chainKey);
});

test('encryptMessage and decryptMessage never change the state they are given', async () => {
  const p = await pair();
  const before = structuredClone(p.chain);
  const sent = await encryptMessage(p.chain, p.sender.sign.privateKey, utf8('x'));
  assert.deepEqual(p.chain, before);
  const receiverBefore = structuredClone(p.receiver);
  await decryptMessage(p.receiver, sent.envelope, p.senderVerifyKey);
  assert.deepEqual(p.receiver, receiverBefore);
});

test('out of order within the window: every message decrypts once, skipped keys are used up', async () => {
  const p = await pair();
  let chain = p.chain;
  const envelopes: string[] = [];
  for (let i = 0; i < 6; i++) {
    const sent = await encryptMessage(chain, p.sender.sign.privateKey, utf8(String(i)));
    chain = sent.state;
    envelopes.push(sent.envelope);
  }
  let receiver = p.receiver;
  for (const i of [5, 0, 3, 1, 4, 2]) {
    const got = await decryptMessage(receiver, envelopes[i]!, p.senderVerifyKey);
    receiver = got.state;
    assert.equal(fromUtf8(got.plaintext), String(i));
  }
  assert.equal(receiver.skipped.length, 0);
  assert.equal(receiver.nextIndex, 6);
});

test('a replayed envelope is refused, in order and out of order', async () => {
  const p = await pair();
  const m0 = await encryptMessage(p.chain, p.sender.sign.privateKey, utf8('zero'));
  const m1 = await encryptMessage(m0.state, p.sender.sign.privateKey, utf8('one'));
  const m2 = await encryptMessage(m1.state, p.sender.sign.privateKey, utf8('two'));
  let r = (await decryptMessage(p.receiver, m0.envelope, p.senderVerifyKey)).state;
  await assert.rejects(decryptMessage(r, m0.envelope, p.senderVerifyKey), rejectsWith('MESSAGE_REPLAYED'));
  r = (await decryptMessage(r, m2.envelope, p.senderVerifyKey)).state; // skips 1
  await assert.rejects(decryptMessage(r, m2.envelope, p.senderVerifyKey), rejectsWith('MESSAGE_REPLAYED'));
  r = (await decryptMessage(r, m1.envelope, p.senderVerifyKey)).state; // uses the skipped key
  await assert.rejects(decryptMessage(r, m1.envelope, p.senderVerifyKey), rejectsWith('MESSAGE_REPLAYED'));
});

test('a jump beyond the skip window is refused and leaves the chain usable', async () => {
  const p = await pair();
  const far = { ...p.chain, index: MAX_SKIP_AHEAD + 1 };
  const tooFar = await encryptMessage(far, p.sender.sign.privateKey, utf8('far'));
  await assert.rejects(decryptMessage(p.receiver, tooFar.envelope, p.senderVerifyKey), rejectsWith('INDEX_TOO_FAR'));
  const edge = await encryptMessage({ ...p.chain, index: MAX_SKIP_AHEAD }, p.sender.sign.privateKey, utf8('edge'));
  // The edge is reachable in principle, but this envelope used the index-0 key under header index 1000:
  // the AAD and the derived key disagree, so it must not decrypt.
  await assert.rejects(decryptMessage(p.receiver, edge.envelope, p.senderVerifyKey), rejectsWith('DECRYPT_FAILED'));
  const first = await encryptMessage(p.chain, p.sender.sign.privateKey, utf8('still fine'));
  assert.equal(fromUtf8((await decryptMessage(p.receiver, first.envelope, p.senderVerifyKey)).plaintext), 'still fine');
});

test('skipped keys are bounded: the oldest are dropped and their messages count as gone', async () => {
  const p = await pair();
  let chain = p.chain;
  const envelopes: string[] = [];
  for (let i = 0; i <= MAX_SKIPPED_KEYS + 1; i++) {
    const sent = await encryptMessage(chain, p.sender.sign.privateKey, utf8(String(i)));
    chain = sent.state;
    envelopes.push(sent.envelope);
  }
  // Jump to MAX_SKIP_AHEAD (1000 skipped), then one more jump of 1 skipped: 1001 > the bound.
  let r = (await decryptMessage(p.receiver, envelopes[MAX_SKIPPED_KEYS]!, p.senderVerifyKey)).state;
  assert.equal(r.skipped.length, MAX_SKIPPED_KEYS);
  const next = await encryptMessage(chain, p.sender.sign.privateKey, utf8('after'));
  r = (await decryptMessage(r, next.envelope, p.senderVerifyKey)).state;
  assert.equal(r.skipped.length, MAX_SKIPPED_KEYS);
  await assert.rejects(decryptMessage(r, envelopes[0]!, p.senderVerifyKey), rejectsWith('MESSAGE_REPLAYED'));
  assert.equal(fromUtf8((await decryptMessage(r, envelopes[1]!, p.senderVerifyKey)).plaintext), '1');
});

test('a device given the chain later cannot read what was sent before', async () => {
  const p = await pair();
  const early = await encryptMessage(p.chain, p.sender.sign.privateKey, utf8('before you joined'));
  const late = receiverChainFromShare(shareSenderChain(early.state));
  await assert.rejects(decryptMessage(late, early.envelope, p.senderVerifyKey), rejectsWith('MESSAGE_BEFORE_KEY'));
  const after = await encryptMessage(early.state, p.sender.sign.privateKey, utf8('after'));
  assert.equal(fromUtf8((await decryptMessage(late, after.envelope, p.senderVerifyKey)).plaintext), 'after');
});

test('a flipped bit anywhere (header, IV, ciphertext, tag, signature) is refused', async () => {
  const p = await pair();
  const sent = await encryptMessage(p.chain, p.sender.sign.privateKey, utf8('do not touch'));
  const length = fromBase64url(sent.envelope).length;
  // Header bytes 2.. are ids: flipping them first trips the room/epoch/device check or the signature.
  const acceptable = new Set(['SIGNATURE_INVALID', 'WRONG_ROOM', 'WRONG_EPOCH', 'WRONG_DEVICE', 'ENVELOPE_MALFORMED']);
  for (let at = 0; at < length; at++) {
    await assert.rejects(decryptMessage(p.receiver, flipByte(sent.envelope, at), p.senderVerifyKey), (e: unknown) => {
      assert.ok(e instanceof Error && 'code' in e && acceptable.has(String(e.code)), `byte ${at}: ${String(e)}`);
      return true;
    });
  }
  // Only the signature region and the ciphertext must read as SIGNATURE_INVALID exactly.
  await assert.rejects(decryptMessage(p.receiver, flipByte(sent.envelope, 30), p.senderVerifyKey), rejectsWith('SIGNATURE_INVALID'));
  await assert.rejects(decryptMessage(p.receiver, flipByte(sent.envelope, -1), p.senderVerifyKey), rejectsWith('SIGNATURE_INVALID'));
  await assert.rejects(decryptMessage(p.receiver, flipByte(sent.envelope, 0), p.senderVerifyKey), rejectsWith('ENVELOPE_MALFORMED'));
});

test('another member who holds the chain key cannot forge a message as the sender', async () => {
  const p = await pair();
  const mallory = await generateDeviceIdentity();
  // Mallory received the same chain key (every member does) and signs with her own device key.
  const forged = await encryptMessage(p.chain, mallory.sign.privateKey, utf8('I am the boss'));
  await assert.rejects(decryptMessage(p.receiver, forged.envelope, p.senderVerifyKey), rejectsWith('SIGNATURE_INVALID'));
});

test('a valid envelope for another room, epoch or sender device is refused', async () => {
  for (const [at, code] of [
    [{ roomId: ROOM + 1 }, 'WRONG_ROOM'],
    [{ epoch: EPOCH + 1 }, 'WRONG_EPOCH'],
    [{ deviceId: SENDER_DEVICE + 1 }, 'WRONG_DEVICE'],
  ] as const) {
    const p = await pair();
    const other = createSenderChain(Object.assign({ roomId: ROOM, epoch: EPOCH, deviceId: SENDER_DEVICE }, at));
    const sent = await encryptMessage(other, p.sender.sign.privateKey, utf8('elsewhere'));
    await assert.rejects(decryptMessage(p.receiver, sent.envelope, p.senderVerifyKey), rejectsWith(code));
  }
});

test('a chain with the same ids but another key (e.g. a re-created chain) gives DECRYPT_FAILED', async () => {
  const p = await pair();
  const impostorChain = createSenderChain({ roomId: ROOM, epoch: EPOCH, deviceId: SENDER_DEVICE });
  const sent = await encryptMessage(impostorChain, p.sender.sign.privateKey, utf8('new key'));
  await assert.rejects(decryptMessage(p.receiver, sent.envelope, p.senderVerifyKey), rejectsWith('DECRYPT_FAILED'));
});

test('verifying with the wrong public key is a signature failure', async () => {
  const p = await pair();
  const sent = await encryptMessage(p.chain, p.sender.sign.privateKey, utf8('x'));
  const stranger = await importSignPublicKey((await generateDeviceIdentity()).signKey);
  await assert.rejects(decryptMessage(p.receiver, sent.envelope, stranger), rejectsWith('SIGNATURE_INVALID'));
});

test('truncated, oversized, empty and garbage envelopes are refused with the module error', async () => {
  const p = await pair();
  const sent = await encryptMessage(p.chain, p.sender.sign.privateKey, utf8('x'));
  const bytes = fromBase64url(sent.envelope);
  const cases: Array<[string, string, string]> = [
    ['empty', '', 'ENVELOPE_MALFORMED'],
    ['one byte short of the minimum', toBase64url(bytes.slice(0, 149)), 'ENVELOPE_MALFORMED'],
    ['signature cut off', toBase64url(bytes.slice(0, bytes.length - 1)), 'ENVELOPE_MALFORMED'],
    ['a byte appended', toBase64url(new Uint8Array([...bytes, 0])), 'ENVELOPE_MALFORMED'],
    ['32 bytes appended (still a padded length)', toBase64url(new Uint8Array([...bytes, ...new Uint8Array(32)])), 'SIGNATURE_INVALID'],
    ['over the size bound', 'A'.repeat(ENVELOPE_MAX_CHARS + 1), 'ENVELOPE_TOO_LARGE'],
    ['standard base64 characters', sent.envelope.slice(0, -2) + '+/', 'BAD_BASE64'],
    ['padding', sent.envelope + '=', 'BAD_BASE64'],
    ['whitespace', ` ${sent.envelope}`, 'BAD_BASE64'],
    ['impossible length (4n + 1 characters)', 'A'.repeat(161), 'BAD_BASE64'],
    ['non-ASCII', '가'.repeat(200), 'BAD_BASE64'],
  ];
  for (const [what, text, code] of cases) {
    await assert.rejects(decryptMessage(p.receiver, text, p.senderVerifyKey), (e: unknown) => {
      assert.ok(e instanceof Error && 'code' in e, `${what}: ${String(e)}`);
      assert.equal(e.code, code, what);
      return true;
    });
  }
});

test('sizes show only in 32-byte steps: 0 to 31 bytes of text give envelopes of one length', async () => {
  const p = await pair();
  let chain = p.chain;
  const lengths = new Set<number>();
  for (const n of [0, 1, 2, 15, 31]) {
    const sent = await encryptMessage(chain, p.sender.sign.privateKey, new Uint8Array(n).fill(0x61));
    chain = sent.state;
    lengths.add(sent.envelope.length);
  }
  assert.equal(lengths.size, 1);
  const sent = await encryptMessage(chain, p.sender.sign.privateKey, new Uint8Array(32));
  assert.ok(sent.envelope.length > [...lengths][0]!);
});

test('a plaintext ending in zero bytes or 0x80 comes back exactly', async () => {
  const p = await pair();
  let chain = p.chain;
  let r = p.receiver;
  for (const bytes of [new Uint8Array([0x80]), new Uint8Array([1, 0, 0]), new Uint8Array(64), new Uint8Array([0x80, 0])]) {
    const sent = await encryptMessage(chain, p.sender.sign.privateKey, bytes);
    chain = sent.state;
    const got = await decryptMessage(r, sent.envelope, p.senderVerifyKey);
    r = got.state;
    assert.deepEqual(got.plaintext, bytes);
  }
});

test('a chain share that arrives again (a replayed wrap) does not reset the chain', async () => {
  const p = await pair();
  const m0 = await encryptMessage(p.chain, p.sender.sign.privateKey, utf8('once'));
  let r = acceptChainShare(undefined, shareSenderChain(p.chain));
  r = (await decryptMessage(r, m0.envelope, p.senderVerifyKey)).state;
  r = acceptChainShare(r, shareSenderChain(p.chain));
  await assert.rejects(decryptMessage(r, m0.envelope, p.senderVerifyKey), rejectsWith('MESSAGE_REPLAYED'));
  const other = createSenderChain({ roomId: ROOM, epoch: EPOCH + 1, deviceId: SENDER_DEVICE });
  assert.throws(() => acceptChainShare(r, shareSenderChain(other)), rejectsWith('BAD_INPUT'));
});

test('a plaintext over the bound is refused before anything is encrypted', async () => {
  const p = await pair();
  await assert.rejects(
    encryptMessage(p.chain, p.sender.sign.privateKey, new Uint8Array(MESSAGE_PLAINTEXT_MAX_BYTES + 1)),
    rejectsWith('PLAINTEXT_TOO_LARGE'),
  );
  const max = await encryptMessage(p.chain, p.sender.sign.privateKey, new Uint8Array(MESSAGE_PLAINTEXT_MAX_BYTES));
  assert.ok(max.envelope.length <= ENVELOPE_MAX_CHARS);
  assert.equal((await decryptMessage(p.receiver, max.envelope, p.senderVerifyKey)).plaintext.length, MESSAGE_PLAINTEXT_MAX_BYTES);
});

test('bad ids and an exhausted chain are refused', async () => {
  for (const at of [
    { roomId: 0, epoch: 0, deviceId: 1 },
    { roomId: 1, epoch: -1, deviceId: 1 },
    { roomId: 1, epoch: 0, deviceId: 1.5 },
    { roomId: Number.MAX_SAFE_INTEGER + 1, epoch: 0, deviceId: 1 },
    { roomId: 1, epoch: 2 ** 32, deviceId: 1 },
  ]) {
    assert.throws(() => createSenderChain(at), rejectsWith('BAD_INPUT'));
  }
  const big = createSenderChain({ roomId: Number.MAX_SAFE_INTEGER, epoch: 2 ** 32 - 1, deviceId: Number.MAX_SAFE_INTEGER });
  const p = await pair();
  const sent = await encryptMessage(big, p.sender.sign.privateKey, utf8('big ids'));
  assert.deepEqual(readMessageHeader(sent.envelope), {
    roomId: Number.MAX_SAFE_INTEGER,
    epoch: 2 ** 32 - 1,
    deviceId: Number.MAX_SAFE_INTEGER,
    index: 0,
  });
  await assert.rejects(encryptMessage({ ...big, index: 2 ** 32 }, p.sender.sign.privateKey, utf8('x')), rejectsWith('CHAIN_EXHAUSTED'));
});

test('a receiver state survives structured cloning (IndexedDB) and keeps working', async () => {
  const p = await pair();
  const m0 = await encryptMessage(p.chain, p.sender.sign.privateKey, utf8('a'));
  const m1 = await encryptMessage(structuredClone(m0.state), p.sender.sign.privateKey, utf8('b'));
  const r = structuredClone((await decryptMessage(p.receiver, m1.envelope, p.senderVerifyKey)).state);
  assert.equal(fromUtf8((await decryptMessage(r, m0.envelope, p.senderVerifyKey)).plaintext), 'a');
});
