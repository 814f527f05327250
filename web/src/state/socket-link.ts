import type { ClientFrame } from '../../../server/protocol/index.ts';
import { ReconnectingSocket, type SocketEvents } from '../lib/socket.ts';

// The one socket to the server, and the only way state modules send on it. It knows nothing of
// what frames mean: whoever starts the link says where frames and state changes go.

const idle: SocketEvents = { onFrame() {}, onOpen() {}, onState() {}, onLoggedOut() {} };
let events: SocketEvents = idle;

/** Exported for tests, which replace its `send` with a recorder. */
export const socket = new ReconnectingSocket({
  onFrame: (frame) => events.onFrame(frame),
  onOpen: (reconnected) => events.onOpen(reconnected),
  onState: (state) => events.onState(state),
  onLoggedOut: () => events.onLoggedOut(),
});

export function startLink(to: SocketEvents): void {
  events = to;
  socket.start();
}

/** Closes the socket; the handlers still hear it close, as they do any drop. */
export function stopLink(): void {
  socket.stop();
}

/** Sends a frame if the link is up; false means it was not sent (the caller queues or drops it). */
export function send(frame: ClientFrame): boolean {
  return socket.send(frame);
}

export function linkOpen(): boolean {
  return socket.state === 'open';
}
