import type { ServerFrame } from '../protocol/frames.ts';

/** The room and rev a room-change frame carries (docs/protocol.md, the change feed), if it is one. */
export function roomRevOf(frame: ServerFrame): { roomId: number; rev: number } | undefined {
  switch (frame.type) {
    case 'message':
    case 'edited':
      return { roomId: frame.message.roomId, rev: frame.message.rev };
    case 'deleted':
    case 'reacted':
    case 'read':
    case 'pinned':
      return { roomId: frame.roomId, rev: frame.rev };
    case 'room':
      return { roomId: frame.room.id, rev: frame.room.rev };
    default:
      return undefined;
  }
}

/** Revs seen above `upTo` (all revs up to it were seen), per room. */
interface RoomState {
  upTo: number;
  above: Set<number>;
}

/**
 * The revs of each room this node has delivered, to see a hole: a change whose frame never came
 * (a lost bus message, a node that crashed between its commit and its publish). Each operation in
 * a room takes exactly one rev and sends at least one frame with it, so a rev missing for longer
 * than the grace period is a frame this node's sockets missed.
 */
export class RevTracker {
  private readonly rooms = new Map<number, RoomState>();

  /** A frame with this rev was delivered. True when it leaves a hole below it. */
  saw(roomId: number, rev: number): boolean {
    const state = this.rooms.get(roomId);
    if (!state) {
      // Nothing known before it: the sockets of this node got the room's state when they connected.
      this.rooms.set(roomId, { upTo: rev, above: new Set() });
      return false;
    }
    if (rev <= state.upTo) return false;
    if (rev === state.upTo + 1) {
      state.upTo = rev;
      while (state.above.delete(state.upTo + 1)) state.upTo++;
      return false;
    }
    state.above.add(rev);
    return true;
  }

  /** Where the room's revs are known contiguous, if anything is known of it. */
  knownUpTo(roomId: number): number | undefined {
    return this.rooms.get(roomId)?.upTo;
  }

  hasHole(roomId: number): boolean {
    return (this.rooms.get(roomId)?.above.size ?? 0) > 0;
  }

  /** A room this node has not heard of starts at `rev` (read from the database). */
  baseline(roomId: number, rev: number): void {
    if (!this.rooms.has(roomId)) this.rooms.set(roomId, { upTo: rev, above: new Set() });
  }

  /** The room was read from the database at `rev`: everything up to it is delivered. */
  repaired(roomId: number, rev: number): void {
    const state = this.rooms.get(roomId);
    if (!state) return this.rooms.set(roomId, { upTo: rev, above: new Set() }) as unknown as void;
    if (rev > state.upTo) state.upTo = rev;
    for (const r of state.above) if (r <= state.upTo) state.above.delete(r);
    while (state.above.delete(state.upTo + 1)) state.upTo++;
  }

  forget(roomId: number): void {
    this.rooms.delete(roomId);
  }
}
