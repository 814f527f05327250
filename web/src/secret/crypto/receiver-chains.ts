// Reading other devices' chains. One ReceiverChainState per (room, epoch, sender device), plain data
// for IndexedDB. Every check that can fail runs before the state moves: a forged, tampered or
// replayed envelope leaves the state as it was (the caller simply keeps the old one).
//
// Run decryptions of one chain one after another and store each returned state before the next:
// two decryptions from the same state would each return a state, and keeping the wrong one could
// bring a used key back (a local replay) or lose a skipped one.
//
// Because used message keys are deleted (forward secrecy), an envelope decrypts once per device:
// keep the plaintext (e.g. in IndexedDB by message id) to show it again.

import { aesGcmDecrypt } from './aes-gcm.ts';
import { CHAIN_KEY_BYTES, chainStep, signedPayload } from './chain-step.ts';
import { type Bytes, copyBytes, isSafeId, isU32 } from './encoding.ts';
import { type MessageHeader, parseMessageEnvelope } from './envelope.ts';
import { SecretCryptoError } from './errors.ts';
import { LABELS } from './hkdf.ts';
import { verifyBytes } from './identity.ts';
import { unpad } from './padding.ts';
import type { ChainShare } from './sender-chain.ts';

/** How far ahead of the next expected index one envelope may jump (each skipped index costs work). */
export const MAX_SKIP_AHEAD = 1000;
/** Keys of skipped (not yet arrived) messages kept per chain; the oldest are dropped beyond this. */
export const MAX_SKIPPED_KEYS = 1000;

export interface SkippedKey {
  index: number;
  messageKey: Bytes;
}

export interface ReceiverChainState {
  version: 1;
  roomId: number;
  epoch: number;
  /** The sending device's id. */
  deviceId: number;
  /** The key for message `nextIndex`. */
  chainKey: Bytes;
  nextIndex: number;
  /** The first index this device was given: anything before was sent before it had the key. */
  startIndex: number;
  /** Keys of messages skipped over (arrived out of order or not yet), oldest first. */
  skipped: SkippedKey[];
}

export interface DecryptedMessage {
  plaintext: Bytes;
  header: MessageHeader;
  /** Replace the stored state with this one. */
  state: ReceiverChainState;
}

/** A stable key for maps of receiver chains. */
export function receiverChainId(at: { roomId: number; epoch: number; deviceId: number }): string {
  return `${at.roomId}:${at.epoch}:${at.deviceId}`;
}

export function receiverChainFromShare(share: ChainShare): ReceiverChainState {
  if (!isSafeId(share.roomId) || !isU32(share.epoch) || !isSafeId(share.deviceId) || !isU32(share.index)) {
    throw new SecretCryptoError('BAD_INPUT', 'chain share ids');
  }
  if (!(share.chainKey instanceof Uint8Array) || share.chainKey.length !== CHAIN_KEY_BYTES) {
    throw new SecretCryptoError('BAD_INPUT', 'chain key must be 32 bytes');
  }
  return {
    version: 1,
    roomId: share.roomId,
    epoch: share.epoch,
    deviceId: share.deviceId,
    chainKey: copyBytes(share.chainKey),
    nextIndex: share.index,
    startIndex: share.index,
    skipped: [],
  };
}

/**
 * What to store when a chain share arrives: the existing state if this device already has one for that
 * (room, epoch, sender device), else a new one. Starting over from a share again would bring back keys
 * already used — a server replaying an old wrapped chain could then replay old messages — so a chain
 * is taken once. (A sender never makes a second chain within one epoch; a device that lost its state
 * is a new device, which starts a new epoch.)
 */
export function acceptChainShare(existing: ReceiverChainState | undefined, share: ChainShare): ReceiverChainState {
  const fresh = receiverChainFromShare(share);
  if (existing === undefined) return fresh;
  if (receiverChainId(existing) !== receiverChainId(fresh)) throw new SecretCryptoError('BAD_INPUT', 'another chain');
  return existing;
}

export async function decryptMessage(
  state: ReceiverChainState,
  envelope: string,
  senderSignKey: CryptoKey,
): Promise<DecryptedMessage> {
  const parsed = parseMessageEnvelope(envelope);
  const { header } = parsed;
  if (header.roomId !== state.roomId) throw new SecretCryptoError('WRONG_ROOM');
  if (header.epoch !== state.epoch) throw new SecretCryptoError('WRONG_EPOCH');
  if (header.deviceId !== state.deviceId) throw new SecretCryptoError('WRONG_DEVICE');
  // Signature first: only the sender device can make an envelope that moves this chain.
  const ok = await verifyBytes(senderSignKey, parsed.signature, signedPayload(LABELS.messageSignature, parsed.signed));
  if (!ok) throw new SecretCryptoError('SIGNATURE_INVALID');

  const i = header.index;
  if (i < state.startIndex) throw new SecretCryptoError('MESSAGE_BEFORE_KEY');

  if (i < state.nextIndex) {
    const at = state.skipped.findIndex((s) => s.index === i);
    const found = state.skipped[at];
    if (found === undefined) throw new SecretCryptoError('MESSAGE_REPLAYED');
    const plaintext = unpad(await aesGcmDecrypt(found.messageKey, parsed.iv, parsed.sealed, parsed.aad));
    return { plaintext, header, state: { ...state, skipped: state.skipped.filter((_, k) => k !== at) } };
  }

  if (i - state.nextIndex > MAX_SKIP_AHEAD) throw new SecretCryptoError('INDEX_TOO_FAR');
  const newlySkipped: SkippedKey[] = [];
  let chainKey = state.chainKey;
  for (let n = state.nextIndex; n < i; n++) {
    const step = await chainStep(chainKey);
    newlySkipped.push({ index: n, messageKey: step.messageKey });
    chainKey = step.nextChainKey;
  }
  const step = await chainStep(chainKey);
  const plaintext = unpad(await aesGcmDecrypt(step.messageKey, parsed.iv, parsed.sealed, parsed.aad));
  step.messageKey.fill(0);
  const skipped = [...state.skipped, ...newlySkipped];
  return {
    plaintext,
    header,
    state: {
      ...state,
      chainKey: step.nextChainKey,
      nextIndex: i + 1,
      skipped: skipped.length > MAX_SKIPPED_KEYS ? skipped.slice(skipped.length - MAX_SKIPPED_KEYS) : skipped,
    },
  };
}
