import type { ClientFrame, ServerFrame } from '../../../server/protocol/index.ts';
// limits.ts holds plain constants only, so importing it keeps TypeBox out of the bundle.
import { CLOSE_CODES } from '../../../server/protocol/limits.ts';
import { urlOf } from './route-url.ts';
import { backoffDelay } from './backoff.ts';
import { idSetSize } from '../../../server/protocol/id-set.ts';

export type SocketState = 'connecting' | 'open' | 'closed';

export interface SocketEvents {
  onFrame(frame: ServerFrame): void;
  /** The socket is open (first time or after a reconnect); the app resynchronises here. */
  onOpen(reconnected: boolean): void;
  onState(state: SocketState): void;
  /** The server ended the session (close code 4001): go to the login screen, do not retry. */
  onLoggedOut(): void;
}

export { BACKOFF_MAX_MS, BACKOFF_MIN_MS, RECONNECT_MS_PER_CLIENT, backoffDelay } from './backoff.ts';

/**
 * One WebSocket to `/ws` that keeps itself connected. Authentication is the session cookie, so the
 * URL carries no token.
 */
export class ReconnectingSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private everOpened = false;
  /** Users online at the last `ready`: who may all be reconnecting when this socket drops. */
  private crowd = 0;
  state: SocketState = 'closed';

  constructor(private readonly events: SocketEvents) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.everOpened = false;
    this.connect();
    window.addEventListener('online', this.kick);
    document.addEventListener('visibilitychange', this.kick);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    window.removeEventListener('online', this.kick);
    document.removeEventListener('visibilitychange', this.kick);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onclose = ws.onmessage = ws.onerror = null;
      ws.close(1000);
    }
    this.setState('closed');
  }

  /** Sends a frame if the socket is open; returns false otherwise so callers can queue. */
  send(frame: ClientFrame): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** A laptop waking up or Wi-Fi coming back should not wait out a long backoff. */
  private kick = (): void => {
    if (this.stopped || this.state !== 'closed' || document.visibilityState === 'hidden') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.attempt = 0;
    this.connect();
  };

  private connect(): void {
    this.timer = null;
    // Protocol 2: sets of user ids may come as bitmaps (server/protocol/id-set.ts).
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${urlOf('socket')}?v=2`;
    this.setState('connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      this.schedule(false);
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.setState('open');
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.events.onOpen(reconnected);
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(ev.data) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'ready') this.crowd = idSetSize(frame.online);
      this.events.onFrame(frame);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.setState('closed');
      if (ev.code === CLOSE_CODES.LOGGED_OUT) {
        this.stop();
        this.events.onLoggedOut();
        return;
      }
      this.schedule(ev.code === CLOSE_CODES.TOO_MANY);
    };
  }

  private schedule(tooMany: boolean): void {
    if (this.stopped) return;
    // Too many connections: start further along the curve so we do not add to the crowd.
    if (tooMany) this.attempt = Math.max(this.attempt, 4);
    const delay = backoffDelay(this.attempt, Math.random, this.crowd);
    this.attempt += 1;
    this.timer = setTimeout(() => this.connect(), delay);
  }

  private setState(state: SocketState): void {
    if (this.state === state) return;
    this.state = state;
    this.events.onState(state);
  }
}
