import { BlockList, isIP } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { canonicalIp } from '../../certs/addresses.ts';

/** One LAN interface the responder listens on, and the addresses it gives out there. */
export interface MdnsInterface {
  name: string;
  /** The interface's IPv4 address: the multicast socket joins the group and sends through it. */
  ipv4: string;
  /** `ipv4/prefix`: who asks from inside it is on this link. */
  cidr: string;
  /** What `<name>.local` resolves to on this link: IPv4 first, then IPv6 (no link-local ones). */
  addresses: string[];
}

/**
 * Which interfaces answer for the name, and with which addresses. Loopback and link-local
 * addresses are never given out (169.254.x.x exists only while DHCP is broken, and fe80:: needs
 * a zone id); an interface without a usable IPv4 address is skipped (the multicast socket is
 * IPv4). A server bound to loopback answers nowhere; one bound to a single address answers only
 * on the interface holding it, and only with that address.
 */
export function mdnsInterfaces(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, boundHost: string): MdnsInterface[] {
  const bound = boundHost === 'localhost' ? '127.0.0.1' : canonicalIp(boundHost);
  if (bound === null || isLoopback(bound)) return [];
  const wildcard = bound === '0.0.0.0' || bound === '::';
  const found: MdnsInterface[] = [];
  for (const [name, infos = []] of Object.entries(interfaces)) {
    const usable = infos.filter((info) => !info.internal && usableAddress(info.address));
    const v4 = usable.find((info) => info.family === 'IPv4');
    if (!v4) continue;
    const ips = usable.map((info) => canonicalIp(info.address)!);
    // 0.0.0.0 accepts IPv4 only; :: accepts both.
    const addresses = wildcard
      ? [...new Set([...ips.filter((ip) => isIP(ip) === 4), ...(bound === '::' ? ips.filter((ip) => isIP(ip) === 6) : [])])]
      : ips.filter((ip) => ip === bound);
    if (addresses.length === 0) continue;
    found.push({ name, ipv4: canonicalIp(v4.address)!, cidr: v4.cidr ?? `${v4.address}/32`, addresses });
  }
  return found;
}

/** Whether a query from `source` came from this interface's link (and so gets its addresses). */
export function onLink(iface: Pick<MdnsInterface, 'cidr'>, source: string): boolean {
  // A dual-stack socket reports an IPv4 sender as ::ffff:a.b.c.d.
  const ip = canonicalIp(source.replace(/^::ffff:(?=\d+\.)/i, ''));
  if (ip === null || isIP(ip) !== 4) return false;
  const [network, prefix] = iface.cidr.split('/');
  const list = new BlockList();
  list.addSubnet(network!, Number(prefix), 'ipv4');
  return list.check(ip, 'ipv4');
}

function usableAddress(address: string): boolean {
  const ip = canonicalIp(address);
  return ip !== null && !isLoopback(ip) && !ip.startsWith('169.254.') && !/^fe[89ab][0-9a-f]:/.test(ip) && ip !== '0.0.0.0' && ip !== '::';
}

function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1';
}
