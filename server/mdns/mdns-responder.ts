import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import makeMdns from 'multicast-dns';
import type { Logger } from 'pino';
import { mdnsInterfaces, onLink, type MdnsInterface } from './lan-interfaces.ts';
import { goodbye, ownRecords, replyTo, type MdnsIdentity } from './mdns-records.ts';

export interface MdnsOptions {
  /** The single label: `sotong` answers for `sotong.local`. */
  name: string;
  port: number;
  /** The address the server listens on; loopback means nobody else can reach it, so no answers. */
  host: string;
  /** Read at every answer: HTTPS can be switched while running. */
  scheme: () => 'http' | 'https';
  logger: Logger;
  /** Default: the PC's interfaces now (tests pass their own). */
  interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>;
}

export interface MdnsResponder {
  hostname: string;
  /** The interfaces answering, by name (empty when bound to loopback or no LAN is up). */
  interfaces: string[];
  stop(): Promise<void>;
}

export const mdnsHostname = (name: string): string => `${name}.local`;

/**
 * Answers `<name>.local` (A/AAAA) and advertises the web service (PTR/SRV/TXT) on each LAN
 * interface: one multicast socket per interface, each answering only queries from its own link
 * with that link's addresses, so a PC on two networks never hands out an address the asker cannot
 * reach. Announces itself on start and says goodbye on stop.
 */
export async function startMdnsResponder(options: MdnsOptions): Promise<MdnsResponder> {
  const hostname = mdnsHostname(options.name);
  const links = mdnsInterfaces(options.interfaces ?? networkInterfaces(), options.host);
  const identity = (link: MdnsInterface): MdnsIdentity => ({
    hostname,
    instance: `Sotong (${options.name})`,
    port: options.port,
    scheme: options.scheme(),
    addresses: link.addresses,
  });
  const sockets = await Promise.all(links.map((link) => openLink(link, identity, options.logger)));
  options.logger.info({ hostname, interfaces: links.map((l) => l.name) }, links.length ? 'mDNS name answered' : 'mDNS: no LAN interface to answer on');
  return {
    hostname,
    interfaces: links.map((l) => l.name),
    async stop() {
      await Promise.all(sockets.map((s) => s.stop()));
    },
  };
}

async function openLink(link: MdnsInterface, identity: (link: MdnsInterface) => MdnsIdentity, logger: Logger) {
  // Bound to the wildcard (a socket bound to a unicast address hears no multicast); joined and
  // sending on this interface only.
  const mdns = makeMdns({ interface: link.ipv4, bind: '0.0.0.0', reuseAddr: true, loopback: true });
  mdns.on('warning', (err: Error) => logger.debug({ err, interface: link.name }, 'mDNS warning'));
  mdns.on('error', (err: Error) => logger.warn({ err, interface: link.name }, 'mDNS socket failed'));
  mdns.on('query', (query, rinfo) => {
    if (!onLink(link, rinfo.address)) return;
    const reply = replyTo(query.questions, identity(link));
    if (reply) mdns.respond(reply);
  });
  // A taken port or a vanished interface is logged (above) and leaves the others answering.
  await new Promise<void>((resolve) => {
    mdns.once('ready', () => resolve());
    mdns.once('error', () => resolve());
  });
  mdns.respond({ answers: ownRecords(identity(link)) });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        mdns.respond({ answers: goodbye(identity(link)) }, () => mdns.destroy(() => resolve()));
      }),
  };
}
