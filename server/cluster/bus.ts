/**
 * How this node hears about changes made on the others (docs/architecture.md, "Clustering").
 * The local bus is a single node: nothing to hear, nothing attached to the hub. The Redis bus
 * carries frames and "room R changed up to rev V" between nodes; the database stays the truth.
 */
export interface Bus {
  readonly kind: 'local' | 'redis';
  /** Whether frames from other nodes reach this one right now (always true for the local bus). */
  readonly connected: boolean;
  stop(): Promise<void>;
}

export class LocalBus implements Bus {
  readonly kind = 'local';
  readonly connected = true;
  async stop(): Promise<void> {}
}
