import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** True when the address is this machine itself (the server PC), in any of its spellings. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

/** A Host header's shape: a name or IPv4 address, or a bracketed IPv6 address, and an optional port. */
const HOST_SHAPE = /^(?:[a-z0-9_.-]+|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/i;
/** `localhost` and its subdomains (RFC 6761: they all resolve to loopback), no empty labels. */
const LOCALHOST_NAME = /^(?:[a-z0-9_-]+\.)*localhost$/;

/**
 * True when a Host header names this machine: `localhost`, `*.localhost`, `127.x.x.x` or `[::1]`,
 * with any port. A browser sends the name in its address bar, so a page whose own name merely
 * resolves to 127.0.0.1 (DNS rebinding) shows up here under that name and is not local.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host || !HOST_SHAPE.test(host)) return false;
  let hostname: string;
  try {
    // The URL parser spells names and addresses the way browsers do (lower case, 127.1 → 127.0.0.1).
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  if (hostname.startsWith('[')) return hostname === '[::1]';
  if (isIP(hostname) === 4) return hostname.startsWith('127.');
  // One trailing dot is the same name, fully qualified; `localhost.` cannot be registered by anyone.
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  return LOCALHOST_NAME.test(name);
}

/**
 * Whether a request may have what only the server PC has (first-admin setup without the code, the
 * manager console): it arrives over loopback AND is addressed to a loopback name. Both, because a
 * web page elsewhere can reach loopback through the browser with a rebinding name of its own.
 */
export function isLocalRequest(request: Pick<FastifyRequest, 'headers' | 'socket'>): boolean {
  return isLoopback(request.socket.remoteAddress) && isLoopbackHost(request.headers.host) && !isRelayed(request);
}

/**
 * A request a proxy passed on (nginx on this very PC arrives over loopback with the client's Host):
 * it says so in a forwarded header, and it is never "this PC", whoever the proxy says sent it.
 */
export function isRelayed(request: Pick<FastifyRequest, 'headers'>): boolean {
  const h = request.headers;
  return h['x-forwarded-for'] !== undefined || h.forwarded !== undefined || h['x-real-ip'] !== undefined;
}

/**
 * The address a request came from, as the rate limits, the audit log and the security lines count
 * it: the socket's peer, or the client a trusted proxy names (Fastify's `ip` with `trustProxy`).
 */
export function addressOf(request: Pick<FastifyRequest, 'ip' | 'socket'>): string {
  return request.ip || request.socket.remoteAddress || 'unknown';
}
