import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createSenderChain,
  decryptFile,
  decryptMessage,
  encryptFile,
  encryptMessage,
  fromUtf8,
  generateDeviceIdentity,
  importSignPublicKey,
  receiverChainFromShare,
  shareSenderChain,
  unwrapChain,
  utf8,
  wrapChain,
} from '../../src/secret/crypto/index.ts';

test('a message goes from one device to another through a wrapped chain', async () => {
  const alice = await generateDeviceIdentity();
  const bob = await generateDeviceIdentity();
  let sender = createSenderChain({ roomId: 7, epoch: 3, deviceId: 11 });
  const wrapped = await wrapChain(shareSenderChain(sender), alice.sign.privateKey, { toDevice: 22, agreeKey: bob.agreeKey });
  const share = await unwrapChain(wrapped.payload, {
    expected: { roomId: 7, epoch: 3, fromDevice: 11, toDevice: 22 },
    agreePrivateKey: bob.agree.privateKey,
    agreeKey: bob.agreeKey,
    senderSignKey: await importSignPublicKey(alice.signKey),
  });
  let receiver = receiverChainFromShare(share);
  const aliceSign = await importSignPublicKey(alice.signKey);
  for (const text of ['안녕하세요', 'second', '']) {
    const sent = await encryptMessage(sender, alice.sign.privateKey, utf8(text));
    sender = sent.state;
    const got = await decryptMessage(receiver, sent.envelope, aliceSign);
    receiver = got.state;
    assert.equal(fromUtf8(got.plaintext), text);
  }
  assert.equal(sender.index, 3);
  assert.equal(receiver.nextIndex, 3);
});

test('a file round-trips with its own key', async () => {
  const bytes = new Uint8Array(100_000).map((_, i) => i % 251);
  const enc = await encryptFile(bytes);
  assert.equal(enc.blob.length, bytes.length + 28);
  assert.deepEqual(await decryptFile(enc.blob, enc.key), bytes);
});
