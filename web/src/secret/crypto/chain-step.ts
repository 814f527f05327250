// One step of a sending chain: from chain key i, HKDF-SHA-256 gives message key i and chain key i+1
// under distinct labels. Going forward is cheap, going back is infeasible: whoever holds chain key i
// cannot read messages before i (forward secrecy inside a chain, once old keys are deleted).

import { type Bytes, concatBytes } from './encoding.ts';
import { AES_KEY_BYTES } from './aes-gcm.ts';
import { LABELS, hkdfSha256 } from './hkdf.ts';
import { SecretCryptoError } from './errors.ts';

export const CHAIN_KEY_BYTES = 32;
/** Indices are u32 on the wire; a chain that reaches the end must be replaced. */
export const CHAIN_INDEX_MAX = 0xffffffff;

const ZERO_SALT = new Uint8Array(32);

export interface ChainStep {
  messageKey: Bytes;
  nextChainKey: Bytes;
}

export async function chainStep(chainKey: Bytes): Promise<ChainStep> {
  if (!(chainKey instanceof Uint8Array) || chainKey.length !== CHAIN_KEY_BYTES) {
    throw new SecretCryptoError('BAD_INPUT', 'chain key must be 32 bytes');
  }
  const [messageKey, nextChainKey] = await Promise.all([
    hkdfSha256(chainKey, ZERO_SALT, LABELS.messageKey, AES_KEY_BYTES),
    hkdfSha256(chainKey, ZERO_SALT, LABELS.chainNext, CHAIN_KEY_BYTES),
  ]);
  return { messageKey, nextChainKey };
}

/** What a signature over an envelope covers: a label that says what it is, then the bytes. */
export function signedPayload(label: Bytes, bytes: Bytes): Bytes {
  return concatBytes(label, bytes);
}
