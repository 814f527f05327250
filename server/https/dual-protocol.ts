import http from 'node:http';
import type { Socket } from 'node:net';
import tls from 'node:tls';

// HTTP and HTTPS on one port, switchable while running. Every connection's first byte says which it
// is: a TLS ClientHello starts with 0x16 (handshake record). TLS connections are decrypted here and
// then handed to the same HTTP machinery, as https.Server does internally, so Fastify, its hooks and
// the WebSocket upgrade all see one server. (The idea of the httpolyglot package.)

const TLS_HANDSHAKE = 0x16;
const HANDSHAKE_TIMEOUT_MS = 10_000;
const FIRST_BYTE_TIMEOUT_MS = 30_000;

type ConnectionListener = (this: http.Server, socket: Socket) => void;

export interface DualProtocolServer {
  server: http.Server;
  /** Starts accepting TLS with this certificate (or switches to a new one). */
  setTls(options: tls.SecureContextOptions): void;
  readonly tlsEnabled: boolean;
}

export function createDualProtocolServer(handler: http.RequestListener): DualProtocolServer {
  const server = http.createServer(handler);
  // Take over http.Server's own connection listener so every socket passes the sniffer first.
  const httpListeners = server.listeners('connection') as ConnectionListener[];
  server.removeAllListeners('connection');
  const serveHttp = (socket: Socket) => {
    for (const listener of httpListeners) listener.call(server, socket);
  };

  let context: tls.SecureContext | undefined;

  // The TLS socket is built here rather than by a tls.Server so that both sockets are in hand: the
  // TCP socket was accepted (and is counted) by our http.Server, and must die with its TLS socket
  // or server.close() would wait for it forever.
  const serveTls = (raw: Socket, secureContext: tls.SecureContext) => {
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext, ALPNProtocols: ['http/1.1'] });
    // A client asking to renegotiate (TLS 1.2) makes us redo a handshake's costly half on demand, as
    // often as it likes: refused, which ends the connection ('error', then destroyed below).
    secure.disableRenegotiation();
    const timer = setTimeout(() => secure.destroy(), HANDSHAKE_TIMEOUT_MS);
    let established = false;
    secure.once('secure', () => {
      established = true;
      clearTimeout(timer);
      // What tls.Server does for each of its sockets once secure: from now on TLS errors (a refused
      // renegotiation among them) are 'error' events. Until then Node only emits its internal
      // '_tlsError', so without this they would pass unnoticed and the renegotiation go ahead.
      (secure as unknown as { _releaseControl(): void })._releaseControl();
      serveHttp(secure as unknown as Socket);
    });
    secure.on('error', () => secure.destroy());
    // Our http.Server accepts half-open sockets (HTTP handles that itself), and the TLS socket inherits
    // it; a peer that hangs up during the handshake must still be let go.
    secure.once('end', () => {
      if (!established) secure.destroy();
    });
    secure.once('close', () => {
      clearTimeout(timer);
      raw.destroy();
    });
  };

  server.on('connection', (socket: Socket) => {
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    // Browsers open speculative connections and close them unused. Our http.Server allows half-open
    // sockets, so such a socket would linger (counted, but keeping nothing alive) and make
    // server.close() wait for it forever.
    const hungUpEarly = () => socket.destroy();
    socket.once('end', hungUpEarly);
    socket.once('data', (chunk: Buffer) => {
      socket.removeListener('end', hungUpEarly);
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE) {
        // TLSSocket takes over the TCP handle and replays the buffered ClientHello itself; resuming
        // the raw socket too would make two readers of one handle.
        if (context) serveTls(socket, context);
        else socket.destroy();
      } else {
        serveHttp(socket);
        process.nextTick(() => socket.resume());
      }
    });
  });

  return {
    server,
    setTls(options) {
      context = tls.createSecureContext(options);
    },
    get tlsEnabled() {
      return context !== undefined;
    },
  };
}
