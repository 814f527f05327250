import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { errorBody } from '../protocol/errors.ts';

// ws refuses a malformed upgrade (an Upgrade header that is not "websocket", a missing or invalid
// Sec-WebSocket-Key, a Sec-WebSocket-Protocol or -Extensions header it cannot parse) with its own
// plain-text 400. Every other refusal of ours is the catalogue's JSON body, so this one is too.

/** Answers each handshake ws refuses with `400 BAD_REQUEST` in the catalogue's shape, then closes. */
export function refuseHandshakesWithCatalogueBody(wss: WebSocketServer): void {
  wss.on('wsClientError', (_err: Error, socket: Duplex) => {
    const body = JSON.stringify(errorBody('BAD_REQUEST'));
    socket.once('finish', () => socket.destroy());
    socket.end(
      'HTTP/1.1 400 Bad Request\r\n' +
        'Connection: close\r\n' +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        '\r\n' +
        body,
    );
  });
}
