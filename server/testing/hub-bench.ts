import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { WebSocketServer, type ClientOptions, type WebSocket } from 'ws';
import { Hub } from '../realtime/hub.ts';
import { Connection, type ConnectionLimits } from '../realtime/connection.ts';
import type { ServerFrame } from '../protocol/frames.ts';
import { WsClient } from './ws-client.ts';

// The hub with real sockets: a bare ws server on loopback, real clients, and each server-side
// socket wrapped in a Connection and wired the way realtime/ws-route.ts wires it (close → remove,
// message → heard; pongs are counted by the Connection itself). No Fastify, no database.

const LIMITS: ConnectionLimits = { burst: 60, perSecond: 30, maxBufferedBytes: 4 * 1024 * 1024 };
/** Long enough that no presence frame turns up in a test that is not about presence. */
const NO_PRESENCE = 60_000;

export interface Peer {
  client: WsClient;
  conn: Connection;
  socket: WebSocket;
}

export interface PeerOptions {
  session?: string;
  limits?: Partial<ConnectionLimits>;
  secure?: boolean;
  client?: ClientOptions;
  /** Leave it to the test to call hub.add (default: added at once). */
  add?: boolean;
  /** The protocol the peer speaks (`/ws?v=2`); 1 by default. */
  protocolVersion?: number;
}

/** A hub, a bare ws server on loopback to connect peers to it, and everything closed when the test ends. */
export async function hubBench(t: TestContext, presenceFlushMs = NO_PRESENCE) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const url = `http://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const hub = new Hub(presenceFlushMs);
  const peers: Peer[] = [];
  t.after(async () => {
    hub.stop();
    for (const p of peers) p.client.socket.terminate();
    for (const s of wss.clients) s.terminate();
    await new Promise((resolve) => wss.close(resolve));
  });

  async function connect(userId: number, options: PeerOptions = {}): Promise<Peer> {
    const accepted = once(wss, 'connection') as Promise<[WebSocket]>;
    const client = await WsClient.connect(url, '', {}, options.client);
    const [socket] = await accepted;
    const conn = new Connection(socket, userId, Buffer.from(options.session ?? `session-${userId}`), { ...LIMITS, ...options.limits }, options.secure ?? false, options.protocolVersion);
    socket.on('error', () => conn.terminate());
    socket.on('close', () => hub.remove(conn));
    socket.on('message', () => conn.heard());
    if (options.add !== false) hub.add(conn);
    const peer = { client, conn, socket };
    peers.push(peer);
    return peer;
  }

  /**
   * Sends a marker frame to every connection and waits until each open peer has it: after that,
   * any frame the hub sent a peer before the marker has arrived (one socket keeps order).
   */
  let markers = 0;
  async function settle(): Promise<number> {
    const pending = ++markers + 1000;
    hub.sendToAll({ type: 'signup', pending });
    await Promise.all(peers.filter((p) => !p.conn.closed).map((p) => p.client.next('signup', (f) => f.pending === pending)));
    return pending;
  }

  return { hub, connect, settle, url };
}

/** The frames a peer got, markers left out. */
export const received = (peer: Peer): ServerFrame[] => peer.client.frames.filter((f) => f.type !== 'signup');

/** How many times the TCP socket under a peer's connection is corked now (Writable.writableCorked). */
export const corks = (peer: Peer): number => (peer.conn.transport as unknown as { writableCorked: number }).writableCorked;

/** Bytes written to the TCP socket under a peer's connection so far (buffered or sent). */
export const bytesWritten = (peer: Peer): number => (peer.conn.transport as unknown as { bytesWritten: number }).bytesWritten;
