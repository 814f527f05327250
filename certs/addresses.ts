import { isIP } from 'node:net';
import { hostname as osHostname, networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { domainToASCII } from 'node:url';

/**
 * Addresses other machines on the LAN can reach this PC at. Loopback is left out (the server
 * certificate always carries it anyway), and so are link-local addresses: 169.254.x.x only
 * exists while DHCP is broken, and fe80:: needs a zone id that browsers do not accept in a URL.
 */
export function lanAddresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  const found: string[] = [];
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.internal) continue;
      const ip = canonicalIp(info.address);
      if (ip === null || isLinkLocal(ip) || ip === '0.0.0.0' || ip === '::') continue;
      if (!found.includes(ip)) found.push(ip);
    }
  }
  // IPv4 first: it is what people type and what the tray copies.
  return [...found.filter((ip) => isIP(ip) === 4), ...found.filter((ip) => isIP(ip) === 6)];
}

function isLinkLocal(ip: string): boolean {
  return ip.startsWith('169.254.') || /^fe[89ab][0-9a-f]:/.test(ip);
}

/** The PC's own names: as Windows reports it, its mDNS (.local) form, and localhost. */
export function defaultHostnames(host: string = osHostname()): string[] {
  const name = canonicalHostname(host);
  if (name === null) return ['localhost'];
  const short = name.endsWith('.local') ? name.slice(0, -'.local'.length) : name;
  return [...new Set([short, `${short}.local`, 'localhost'])];
}

/**
 * Lower-case ASCII (punycode for a Korean PC name), as a DNS name in a certificate must be;
 * null when it cannot be one.
 */
export function canonicalHostname(name: string): string | null {
  const trimmed = name.trim().replace(/\.$/, '');
  if (trimmed === '' || isIP(trimmed) !== 0) return null;
  const ascii = domainToASCII(trimmed).toLowerCase();
  return ascii === '' ? null : ascii;
}

/** One spelling per address ("::ffff:0:1" and "::FFFF:0:0001" compare equal); null if not an IP. */
export function canonicalIp(address: string): string | null {
  const bare = address.replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return new URL(`http://${bare}/`).hostname;
  if (family === 6) return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  return null;
}
