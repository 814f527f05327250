import { canonicalIp } from '../../certs/addresses.ts';

/**
 * The addresses worth giving people, from the PC's LAN addresses and the one the server listens
 * on: none when it listens on loopback (no other PC can reach it), only that one when it listens
 * on a single address, all of them when it listens on every address.
 */
export function shareableAddresses(boundHost: string, lan: readonly string[]): string[] {
  if (isLoopbackOnly(boundHost)) return [];
  const bound = canonicalIp(boundHost);
  if (bound === '0.0.0.0') return lan.filter((ip) => !ip.includes(':'));
  if (bound === '::' || bound === null) return [...lan];
  return lan.filter((ip) => ip === bound);
}

export function isLoopbackOnly(boundHost: string): boolean {
  const ip = boundHost === 'localhost' ? '127.0.0.1' : canonicalIp(boundHost);
  return ip !== null && (ip.startsWith('127.') || ip === '::1');
}
