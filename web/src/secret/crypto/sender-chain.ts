// This device's sending chain for one (room, epoch). The state is plain data (Uint8Array + numbers)
// so it can be kept in IndexedDB; every call returns a new state and never changes the one passed in.
// Store the returned state before showing the message as sent, or an index could be used twice.

import { aesGcmEncrypt, GCM_IV_BYTES } from './aes-gcm.ts';
import { CHAIN_INDEX_MAX, CHAIN_KEY_BYTES, chainStep, signedPayload } from './chain-step.ts';
import { type Bytes, concatBytes, copyBytes, toBase64url } from './encoding.ts';
import { encodeMessageHeader, type MessageHeader, MESSAGE_PLAINTEXT_MAX_BYTES } from './envelope.ts';
import { SecretCryptoError } from './errors.ts';
import { LABELS } from './hkdf.ts';
import { pad } from './padding.ts';
import { signBytes } from './identity.ts';
import { randomBytes } from './webcrypto.ts';

export interface SenderChainState {
  version: 1;
  roomId: number;
  epoch: number;
  /** This device's id. */
  deviceId: number;
  /** The key for message `index`. */
  chainKey: Bytes;
  /** The next index to send. */
  index: number;
}

/** What a recipient device needs to read this chain from `index` on (wrap it with wrap.ts). */
export interface ChainShare {
  roomId: number;
  epoch: number;
  deviceId: number;
  chainKey: Bytes;
  index: number;
}

export interface EncryptedMessage {
  /** base64url envelope: Message.cipher. */
  envelope: string;
  header: MessageHeader;
  /** Replace the stored state with this one. */
  state: SenderChainState;
}

export function createSenderChain(at: { roomId: number; epoch: number; deviceId: number }): SenderChainState {
  const state: SenderChainState = {
    version: 1,
    roomId: at.roomId,
    epoch: at.epoch,
    deviceId: at.deviceId,
    chainKey: randomBytes(CHAIN_KEY_BYTES),
    index: 0,
  };
  encodeMessageHeader(state); // validates the ids up front
  return state;
}

/** The chain from its current index: a device given this cannot read anything sent before. */
export function shareSenderChain(state: SenderChainState): ChainShare {
  return {
    roomId: state.roomId,
    epoch: state.epoch,
    deviceId: state.deviceId,
    chainKey: copyBytes(state.chainKey),
    index: state.index,
  };
}

/** Encrypts and signs one message, then ratchets the chain forward. */
export async function encryptMessage(
  state: SenderChainState,
  signingKey: CryptoKey,
  plaintext: Bytes,
): Promise<EncryptedMessage> {
  if (!(plaintext instanceof Uint8Array)) throw new SecretCryptoError('BAD_INPUT', 'plaintext must be bytes');
  if (plaintext.length > MESSAGE_PLAINTEXT_MAX_BYTES) throw new SecretCryptoError('PLAINTEXT_TOO_LARGE');
  if (state.index > CHAIN_INDEX_MAX) throw new SecretCryptoError('CHAIN_EXHAUSTED');
  const header: MessageHeader = {
    roomId: state.roomId,
    epoch: state.epoch,
    deviceId: state.deviceId,
    index: state.index,
  };
  const aad = encodeMessageHeader(header);
  const { messageKey, nextChainKey } = await chainStep(state.chainKey);
  // A random IV (rather than one derived with the key) keeps GCM safe even if an old state were
  // restored and an index reused: same key, different IV.
  const iv = randomBytes(GCM_IV_BYTES);
  const sealed = await aesGcmEncrypt(messageKey, iv, pad(plaintext), aad);
  const signed = concatBytes(aad, iv, sealed);
  const signature = await signBytes(signingKey, signedPayload(LABELS.messageSignature, signed));
  messageKey.fill(0);
  return {
    envelope: toBase64url(concatBytes(signed, signature)),
    header,
    state: { ...state, chainKey: nextChainKey, index: state.index + 1 },
  };
}
