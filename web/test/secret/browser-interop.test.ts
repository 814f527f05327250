// The secret-chat crypto module in real Chromium, talking to the same module in Node: a chain wrapped
// in Node opens in the browser, envelopes made on either side decrypt on the other, a tampered one is
// refused, and safety numbers agree. This is what proves the browser and Node WebCrypto agree on every
// format (raw points, P1363 signatures, HKDF, GCM). Served from http://127.0.0.1 — a secure context.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import * as c from '../../src/secret/crypto/index.ts';
import { launchBrowser } from '../../../e2e/helpers/browser.ts';

type Crypto = typeof c;
/** What the page's global scope holds (the root tsconfig has no DOM types, so no `window`). */
interface PageGlobals {
  secretCrypto: Crypto;
  id: c.DeviceIdentity;
}

test('Chromium and Node read each other’s secret-room envelopes, wrapped chains and safety numbers', async (t) => {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, '../../src/secret/crypto/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'secretCrypto',
    write: false,
    target: 'es2022',
  });
  const js = bundle.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    if (req.url === '/crypto.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/crypto.js"></script>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).secretCrypto.isSecretCryptoAvailable()), true);

  // Node's device: identity and chain; the browser's device: identity made in the page, private keys stay there.
  const node = await c.generateDeviceIdentity();
  const browserKeys = await page.evaluate(async () => {
    const id = await (globalThis as unknown as PageGlobals).secretCrypto.generateDeviceIdentity();
    (globalThis as unknown as PageGlobals).id = id;
    return { agreeKey: id.agreeKey, signKey: id.signKey };
  });
  let nodeChain = c.createSenderChain({ roomId: 9, epoch: 2, deviceId: 1 });
  const wrapped = await c.wrapChain(c.shareSenderChain(nodeChain), node.sign.privateKey, { toDevice: 2, agreeKey: browserKeys.agreeKey });
  const sent = await c.encryptMessage(nodeChain, node.sign.privateKey, c.utf8('노드에서 보낸 비밀 메시지'));
  nodeChain = sent.state;

  const fromBrowser = await page.evaluate(
    async ({ payload, envelope, nodeSignKey }) => {
      const s = (globalThis as unknown as PageGlobals).secretCrypto;
      const id = (globalThis as unknown as PageGlobals).id;
      const senderSignKey = await s.importSignPublicKey(nodeSignKey);
      const share = await s.unwrapChain(payload, {
        expected: { roomId: 9, epoch: 2, fromDevice: 1, toDevice: 2 },
        agreePrivateKey: id.agree.privateKey,
        agreeKey: id.agreeKey,
        senderSignKey,
      });
      const got = await s.decryptMessage(s.receiverChainFromShare(share), envelope, senderSignKey);
      let tampered = 'accepted';
      try {
        await s.decryptMessage(s.receiverChainFromShare(share), envelope.slice(0, -2) + (envelope.endsWith('AA') ? 'AQ' : 'AA'), senderSignKey);
      } catch (e) {
        tampered = e instanceof s.SecretCryptoError ? e.code : String(e);
      }
      // The browser's own chain, handed to Node as raw share fields, and one message on it.
      const mine = s.createSenderChain({ roomId: 9, epoch: 2, deviceId: 2 });
      const reply = await s.encryptMessage(mine, id.sign.privateKey, s.utf8('브라우저의 답장'));
      const file = await s.encryptFile(s.utf8('file bytes'));
      return {
        text: s.fromUtf8(got.plaintext),
        tampered,
        replyEnvelope: reply.envelope,
        chainKey: s.toBase64url(mine.chainKey),
        fileBlob: s.toBase64url(file.blob),
        fileKey: file.key,
        identityPrivateExtractable: id.sign.privateKey.extractable || id.agree.privateKey.extractable,
      };
    },
    { payload: wrapped.payload, envelope: sent.envelope, nodeSignKey: node.signKey },
  );
  assert.equal(fromBrowser.text, '노드에서 보낸 비밀 메시지');
  assert.equal(fromBrowser.tampered, 'SIGNATURE_INVALID');
  assert.equal(fromBrowser.identityPrivateExtractable, false);

  const receiver = c.receiverChainFromShare({ roomId: 9, epoch: 2, deviceId: 2, chainKey: c.fromBase64url(fromBrowser.chainKey), index: 0 });
  const reply = await c.decryptMessage(receiver, fromBrowser.replyEnvelope, await c.importSignPublicKey(browserKeys.signKey));
  assert.equal(c.fromUtf8(reply.plaintext), '브라우저의 답장');
  assert.equal(c.fromUtf8(await c.decryptFile(c.fromBase64url(fromBrowser.fileBlob), fromBrowser.fileKey)), 'file bytes');

  const parties = [
    { userId: 5, devices: [{ agreeKey: node.agreeKey, signKey: node.signKey }] },
    { userId: 6, devices: [browserKeys] },
  ] as const;
  const inNode = await c.safetyNumber(parties[0], parties[1]);
  const inBrowser = await page.evaluate(async ([a, b]) => (globalThis as unknown as PageGlobals).secretCrypto.safetyNumber(b, a), parties);
  assert.deepEqual(inBrowser, inNode);
});
