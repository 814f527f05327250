import assert from 'node:assert/strict';
import { pbkdf2Sync } from 'node:crypto';
import { test } from 'node:test';
import {
  compareSafetyQr,
  type DevicePublicKeys,
  generateDeviceIdentity,
  safetyNumber,
  toBase64url,
} from '../../src/secret/crypto/index.ts';
import { fromBase64url } from '../../src/secret/crypto/encoding.ts';
import { userFingerprint } from '../../src/secret/crypto/safety-number.ts';
import { rejectsWith } from './fixtures.ts';

async function devices(n: number): Promise<DevicePublicKeys[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const d = await generateDeviceIdentity();
      return { agreeKey: d.agreeKey, signKey: d.signKey };
    }),
  );
}

test('60 digits in 12 groups of 5, the same on both sides and whatever order the devices come in', async () => {
  const alice = { userId: 3, devices: await devices(2) };
  const bob = { userId: 9, devices: await devices(3) };
  const mine = await safetyNumber(alice, bob);
  assert.match(mine.digits, /^\d{60}$/);
  assert.equal(mine.groups.length, 12);
  assert.equal(mine.groups.join(''), mine.digits);
  const theirs = await safetyNumber({ ...bob, devices: [...bob.devices].reverse() }, alice);
  assert.deepEqual(theirs, mine);
  assert.equal(compareSafetyQr(theirs.qr, mine), true);
});

test('a replaced, added or removed device key changes the number and the QR no longer matches', async () => {
  const alice = { userId: 3, devices: await devices(1) };
  const bob = { userId: 9, devices: await devices(2) };
  const before = await safetyNumber(alice, bob);
  const [extra] = await devices(1);
  const variants = [
    { ...bob, devices: [bob.devices[0]!, extra!] }, // one replaced (e.g. by the server)
    { ...bob, devices: [...bob.devices, extra!] }, // one added
    { ...bob, devices: [bob.devices[0]!] }, // one removed
    { ...bob, devices: [{ ...bob.devices[0]!, agreeKey: extra!.agreeKey }, bob.devices[1]!] }, // only the agree key swapped
  ];
  for (const changed of variants) {
    const after = await safetyNumber(alice, changed);
    assert.notEqual(after.digits, before.digits);
    assert.equal(compareSafetyQr(after.qr, before), false);
  }
  // Bob's half changes, Alice's half (lower id, first 30 digits) does not.
  const after = await safetyNumber(alice, variants[0]!);
  assert.equal(after.digits.slice(0, 30), before.digits.slice(0, 30));
});

test("the same keys under another user's id give another number (ids are bound in)", async () => {
  const keys = await devices(1);
  const other = await devices(1);
  const a = await safetyNumber({ userId: 1, devices: keys }, { userId: 2, devices: other });
  const b = await safetyNumber({ userId: 1, devices: keys }, { userId: 3, devices: other });
  assert.notEqual(a.digits.slice(30), b.digits.slice(30));
});

test('bad parties and bad QR text are refused with the module error', async () => {
  const ok = { userId: 1, devices: await devices(1) };
  await assert.rejects(safetyNumber(ok, { userId: 1, devices: ok.devices }), rejectsWith('BAD_INPUT'));
  await assert.rejects(safetyNumber(ok, { userId: 2, devices: [] }), rejectsWith('BAD_INPUT'));
  await assert.rejects(safetyNumber(ok, { userId: 0, devices: ok.devices }), rejectsWith('BAD_INPUT'));
  await assert.rejects(
    safetyNumber(ok, { userId: 2, devices: [{ agreeKey: 'x', signKey: ok.devices[0]!.signKey }] }),
    rejectsWith('PUBLIC_KEY_INVALID'),
  );
  const mine = await safetyNumber(ok, { userId: 2, devices: await devices(1) });
  const fp = toBase64url(new Uint8Array(32));
  for (const qr of [
    '',
    'hello',
    mine.qr + '.extra',
    mine.qr.replace('sotong-safety-1', 'sotong-safety-2'),
    `sotong-safety-1.2.${fp}.1.${fp}`, // ids out of order
    `sotong-safety-1.01.${fp}.2.${fp}`, // non-canonical id
    `sotong-safety-1.1.${fp}A.2.${fp}`, // fingerprint of the wrong size
    `sotong-safety-1.1.${fp}.2.${'!'.repeat(43)}`,
    'x'.repeat(10_000),
  ]) {
    assert.throws(() => compareSafetyQr(qr, mine), rejectsWith('QR_MALFORMED'), qr.slice(0, 40));
  }
  assert.equal(compareSafetyQr(`sotong-safety-1.1.${fp}.2.${fp}`, mine), false);
});

test("a user's fingerprint equals Node's own PBKDF2-HMAC-SHA-512 over the documented inputs", async () => {
  const ds = await devices(2);
  const entries = ds
    .map((d) => Buffer.concat([fromBase64url(d.signKey), fromBase64url(d.agreeKey)]))
    .sort(Buffer.compare);
  const salt = Buffer.concat([Buffer.from('sotong/secret/v1/safety-number'), Buffer.from([0, 0, 0, 0, 0, 0, 0, 77, 0, 0, 0, 2])]);
  const expected = pbkdf2Sync(Buffer.concat(entries), salt, 5200, 32, 'sha512');
  assert.equal(Buffer.from(await userFingerprint({ userId: 77, devices: ds })).toString('hex'), expected.toString('hex'));
});
