// The secret-chat crypto module's public face. Import from here, lazily (it is not for the first
// screen): `const c = await import('./secret/crypto/index.ts')`.

export { SecretCryptoError, isSecretCryptoError, SECRET_CRYPTO_ERRORS, type SecretCryptoErrorCode } from './errors.ts';
export { type Bytes, toBase64url, fromBase64url, utf8, fromUtf8 } from './encoding.ts';
export { isSecretCryptoAvailable } from './webcrypto.ts';
export {
  type DeviceIdentity,
  type DevicePublicKeys,
  generateDeviceIdentity,
  importAgreePublicKey,
  importSignPublicKey,
  publicKeyBytes,
  P256_PUBLIC_KEY_BYTES,
} from './identity.ts';
export {
  type MessageHeader,
  readMessageHeader,
  ENVELOPE_MAX_BYTES,
  ENVELOPE_MAX_CHARS,
  MESSAGE_PLAINTEXT_MAX_BYTES,
} from './envelope.ts';
export {
  type ChainShare,
  type EncryptedMessage,
  type SenderChainState,
  createSenderChain,
  encryptMessage,
  shareSenderChain,
} from './sender-chain.ts';
export {
  type DecryptedMessage,
  type ReceiverChainState,
  acceptChainShare,
  decryptMessage,
  receiverChainFromShare,
  receiverChainId,
  MAX_SKIP_AHEAD,
  MAX_SKIPPED_KEYS,
} from './receiver-chains.ts';
export {
  type UnwrapContext,
  type WrapAddress,
  type WrapRecipient,
  type WrappedChain,
  readWrapAddress,
  unwrapChain,
  wrapChain,
  wrapChainForDevices,
  WRAPPED_CHAIN_BYTES,
  WRAPPED_CHAIN_CHARS,
} from './wrap.ts';
export { type EncryptedFile, decryptFile, encryptFile, FILE_OVERHEAD_BYTES, SECRET_FILE_MAX_BYTES } from './file-crypto.ts';
export { type SafetyNumber, type SafetyParty, compareSafetyQr, safetyNumber, SAFETY_ITERATIONS } from './safety-number.ts';
