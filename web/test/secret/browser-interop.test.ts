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

  // The keystore path: the identity (CryptoKey objects, by structured clone) and a receiver chain
  // (plain bytes) go into IndexedDB, the page reloads, and what comes back still works.
  const second = await c.encryptMessage(nodeChain, node.sign.privateKey, c.utf8('after the reload'));
  await page.evaluate(
    async ({ payload, nodeSignKey }) => {
      const g = globalThis as unknown as PageGlobals;
      const s = g.secretCrypto;
      const share = await s.unwrapChain(payload, {
        expected: { roomId: 9, epoch: 2, fromDevice: 1, toDevice: 2 },
        agreePrivateKey: g.id.agree.privateKey,
        agreeKey: g.id.agreeKey,
        senderSignKey: await s.importSignPublicKey(nodeSignKey),
      });
      // No named helpers in the page functions: tsx's keepNames would wrap them in __name(), which the page lacks.
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('secret-test', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('keys');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction('keys', 'readwrite');
      tx.objectStore('keys').put(g.id, 'identity');
      tx.objectStore('keys').put(s.receiverChainFromShare(share), 'chain');
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = reject;
      });
    },
    { payload: wrapped.payload, nodeSignKey: node.signKey },
  );
  await page.reload();
  const afterReload = await page.evaluate(
    async ({ envelopes, nodeSignKey }) => {
      const s = (globalThis as unknown as PageGlobals).secretCrypto;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('secret-test', 1);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const [idValue, chainValue] = await Promise.all(
        ['identity', 'chain'].map(
          (key) =>
            new Promise<unknown>((resolve, reject) => {
              const req = db.transaction('keys').objectStore('keys').get(key);
              req.onsuccess = () => resolve(req.result);
              req.onerror = () => reject(req.error);
            }),
        ),
      );
      const id = idValue as PageGlobals['id'];
      let chain = chainValue as Parameters<Crypto['decryptMessage']>[0];
      const senderSignKey = await s.importSignPublicKey(nodeSignKey);
      const texts: string[] = [];
      for (const envelope of envelopes) {
        const got = await s.decryptMessage(chain, envelope, senderSignKey);
        chain = got.state;
        texts.push(s.fromUtf8(got.plaintext));
      }
      const signed = await s.encryptMessage(s.createSenderChain({ roomId: 9, epoch: 2, deviceId: 2 }), id.sign.privateKey, s.utf8('x'));
      return { texts, isKey: id.sign.privateKey instanceof CryptoKey, extractable: id.sign.privateKey.extractable, signed: signed.envelope.length > 0 };
    },
    { envelopes: [sent.envelope, second.envelope], nodeSignKey: node.signKey },
  );
  assert.deepEqual(afterReload, { texts: ['노드에서 보낸 비밀 메시지', 'after the reload'], isKey: true, extractable: false, signed: true });
});
