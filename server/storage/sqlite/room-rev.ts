import type { Db } from './database.ts';

// The change feed's counter: every operation on a room (a message, an edit, a deletion, a reaction,
// a pin, a read, a membership change, a rename) takes the room's next rev inside its own transaction.
// Rows it changes are stamped with that rev, so `rev > cursor` is exactly what a client missed.

export interface RoomRev {
  /** The room's next rev (call inside the operation's transaction). */
  next(roomId: number): number;
  /** The next rev, also recorded as the last change to the room itself (name, members, pin, reads). */
  nextMeta(roomId: number): number;
}

export function roomRev(db: Db): RoomRev {
  const next = db.prepare<[number], { rev: number }>('UPDATE rooms SET rev = rev + 1 WHERE id = ? RETURNING rev');
  const nextMeta = db.prepare<[number], { rev: number }>('UPDATE rooms SET rev = rev + 1, meta_rev = rev + 1 WHERE id = ? RETURNING rev');
  return {
    next: (roomId) => next.get(roomId)!.rev,
    nextMeta: (roomId) => nextMeta.get(roomId)!.rev,
  };
}
