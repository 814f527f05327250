// What the harness and the load-generator processes (generator.ts) say to each other over IPC.
import type { SparseHist } from './hist.ts';

export type Target = 'sotong' | 'ws' | 'sio';

export interface ClientSpec {
  key: number;
  /** Sotong: the session cookie. */
  cookie?: string;
  /** Baselines: the one room this client is in, and a user id. */
  room?: number;
  user?: number;
  /** Source address (127.0.0.x) so 10k sockets do not exhaust one address's ephemeral ports. */
  localAddress?: string;
}

export interface SenderSpec {
  key: number;
  rooms: number[];
  /** Messages per second. */
  rate: number;
}

export interface LoadArgs {
  senders: SenderSpec[];
  /** Exponential gaps (Poisson arrivals) instead of evenly spaced sends. */
  poisson: boolean;
  maxInflight: number;
  pad: string;
  tickMs: number;
  /** Clients that send `read` for the newest message they got, at most every `everyMs` per room. */
  reads?: { everyMs: number; keys: number[] };
}

export interface WindowReport {
  label: string;
  ms: number;
  sends: number;
  acks: number;
  skipped: number;
  deliveries: number;
  readsSent: number;
  readEvents: number;
  otherFrames: number;
  errors: Record<string, number>;
  closes: Record<string, number>;
  latency: SparseHist;
  ackLatency: SparseHist;
  cpuMs: number;
  /** This generator's own event-loop delay in the window (ms): a stalled generator inflates latency. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}
