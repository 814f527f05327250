// Shared set-up for the secret-crypto tests: real identities, real chains, no mocks.

import {
  createSenderChain,
  type DeviceIdentity,
  generateDeviceIdentity,
  importSignPublicKey,
  receiverChainFromShare,
  type ReceiverChainState,
  type SenderChainState,
  shareSenderChain,
} from '../../src/secret/crypto/index.ts';
import { fromBase64url, toBase64url } from '../../src/secret/crypto/encoding.ts';
import { isSecretCryptoError, type SecretCryptoErrorCode } from '../../src/secret/crypto/errors.ts';

export const ROOM = 41;
export const EPOCH = 5;
export const SENDER_DEVICE = 1001;
export const RECEIVER_DEVICE = 2002;

export interface Pair {
  sender: DeviceIdentity;
  senderVerifyKey: CryptoKey;
  chain: SenderChainState;
  receiver: ReceiverChainState;
}

export async function pair(at: { roomId?: number; epoch?: number; deviceId?: number } = {}): Promise<Pair> {
  const sender = await generateDeviceIdentity();
  const chain = createSenderChain({ roomId: at.roomId ?? ROOM, epoch: at.epoch ?? EPOCH, deviceId: at.deviceId ?? SENDER_DEVICE });
  return {
    sender,
    senderVerifyKey: await importSignPublicKey(sender.signKey),
    chain,
    receiver: receiverChainFromShare(shareSenderChain(chain)),
  };
}

/** Flips one bit of the decoded envelope at `at` (negative counts from the end). */
export function flipByte(envelope: string, at: number): string {
  const bytes = fromBase64url(envelope);
  const i = at < 0 ? bytes.length + at : at;
  bytes[i]! ^= 0x01;
  return toBase64url(bytes);
}

export function rejectsWith(code: SecretCryptoErrorCode): (e: unknown) => boolean {
  return (e) => {
    if (isSecretCryptoError(e, code)) return true;
    throw new Error(`expected ${code}, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  };
}
