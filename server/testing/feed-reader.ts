import path from 'node:path';
import Database from 'better-sqlite3';
import type { RunningServer } from '../index.ts';

// The change-feed tests' look into the server's database: what changed after a rev, in the order
// the feed must deliver it, and a room's rev, read from a second connection (never written).

export class FeedReader {
  private readonly db: Database.Database;

  constructor(server: RunningServer) {
    this.db = new Database(path.join(server.services.config.dataDir, 'sotong.db'), { readonly: true });
    this.db.pragma('busy_timeout = 5000');
  }

  close(): void {
    this.db.close();
  }

  /** Message ids of the room whose last change came after `rev`. */
  changedAfter(roomId: number, rev: number): number[] {
    return (this.db.prepare('SELECT id FROM messages WHERE room_id = ? AND rev > ? ORDER BY rev, id').all(roomId, rev) as Array<{ id: number }>).map((r) => r.id);
  }

  roomRev(roomId: number): number {
    return (this.db.prepare('SELECT rev FROM rooms WHERE id = ?').get(roomId) as { rev: number }).rev;
  }
}
