import { isIP } from 'node:net';

// Behind nginx every request arrives from nginx's address. The addresses listed in
// `trustedProxies` are believed when they say, in X-Forwarded-For and X-Forwarded-Proto, who the
// client is and whether it spoke HTTPS to them; anybody else's forwarded headers are ignored, so a
// client cannot pick the address its rate limits and audit lines are counted under.

/** One address (`10.0.0.5`, `::1`) or a network (`10.0.0.0/24`, `fd00::/8`). */
export function isProxyAddress(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || address === undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^[0-9]{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Fastify's `trustProxy` option for the configured list: none trusted when the list is empty. */
export function trustProxyOption(list: readonly string[]): false | string[] {
  const bad = list.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined) throw new Error(`trustedProxies: "${bad}" is not an IP address or network (e.g. 127.0.0.1 or 10.0.0.0/24).`);
  return list.length === 0 ? false : [...list];
}
