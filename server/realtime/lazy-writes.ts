import type { Connection } from './connection.ts';

/** The longest a frame sent lazily (a read receipt) waits for a write to ride on. */
export const LAZY_FRAME_MS = 20;

/**
 * Connections holding frames nobody waits on (Connection.defer): each goes out with the next frame
 * its connection is sent, or when the timer writes them, LAZY_FRAME_MS after the first at most.
 */
export class LazyWrites {
  private readonly waiting = new Set<Connection>();
  private timer: NodeJS.Timeout | undefined;

  /** `frame` (a whole WebSocket frame) kept for `conn`; false if the connection is gone. */
  defer(conn: Connection, frame: Buffer): boolean {
    if (!conn.defer(frame)) return false;
    this.waiting.add(conn);
    this.timer ??= setTimeout(() => this.writeAll(), LAZY_FRAME_MS);
    return true;
  }

  /** Writes everything kept (a connection that already wrote its frames has none left). */
  writeAll(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const conn of this.waiting) conn.release();
    this.waiting.clear();
  }
}
