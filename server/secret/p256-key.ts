// A device's public key as the protocol carries it: base64url of a raw uncompressed P-256 point
// (0x04 ‖ x ‖ y, 65 bytes). The schema checks the alphabet and length; this checks that the point
// is one WebCrypto accepts, i.e. on the curve (a client that imports a bad key would throw later,
// in every other member's browser).

export async function isP256Point(key: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{87}$/.test(key)) return false;
  const raw = Buffer.from(key, 'base64url');
  if (raw.length !== 65 || raw[0] !== 0x04) return false;
  try {
    await globalThis.crypto.subtle.importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}
