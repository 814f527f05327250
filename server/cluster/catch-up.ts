import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { MessagesStore, RoomsStore } from '../storage/stores.ts';
import type { Hub } from '../realtime/hub.ts';
import { answerRoom } from '../realtime/sync.ts';
import type { RevTracker } from './room-revs.ts';

export interface CatchUpDeps {
  hub: Hub;
  rooms: RoomsStore;
  messages: MessagesStore;
  logger: Logger;
  tracker: RevTracker;
  /** How long a hole may stay open before the room is read from the database (frames cross nodes out of order). */
  holeGraceMs: number;
}

/**
 * Filling what the bus did not bring from the database, the truth: a room with a hole in its revs,
 * or every room of this node's users after Redis came back or a node died. Each connected member
 * gets the room's changes after the last rev this node delivered as `synced` frames, the same frames
 * that answer a client's own `sync` (realtime/sync.ts), which clients apply idempotently.
 */
export class CatchUp {
  private readonly holes = new Map<number, NodeJS.Timeout>();
  private readonly running = new Set<number>();
  private readonly again = new Set<number>();
  /** The rooms each user connected here was in when last read (connect, sweep): to see a lost `removed`. */
  private readonly roomsOf = new Map<number, Set<number>>();
  private stopped = false;
  /** Rooms read from the database so far (for tests and the statistics). */
  repairs = 0;

  constructor(private readonly deps: CatchUpDeps) {}

  /** A rev of the room is missing: read it from the database unless its frame turns up within the grace period. */
  hole(roomId: number): void {
    if (this.holes.has(roomId) || this.stopped) return;
    const from = this.deps.tracker.knownUpTo(roomId);
    const timer = setTimeout(() => {
      this.holes.delete(roomId);
      if (!this.deps.tracker.hasHole(roomId)) return;
      void this.repair(roomId, this.deps.tracker.knownUpTo(roomId) ?? from);
    }, this.deps.holeGraceMs);
    timer.unref();
    this.holes.set(roomId, timer);
  }

  /** Users who just connected here: the rooms this node knew nothing of start at their current rev. */
  async baseline(userIds: readonly number[]): Promise<void> {
    for (const userId of userIds) {
      const revs = await this.deps.rooms.revsOf(userId);
      for (const [roomId, rev] of revs) this.deps.tracker.baseline(roomId, rev);
      this.roomsOf.set(userId, new Set(revs.keys()));
    }
  }

  /**
   * Every room of this node's connected users whose rev in the database is past what was delivered
   * here; and `removed` again to a user here no longer in a room they were in at the last read (a
   * `removed` frame has no rev: a lost one leaves no hole, and the room no longer lists them).
   */
  async sweep(reason: string): Promise<number> {
    const { hub, rooms, tracker, logger } = this.deps;
    const latest = new Map<number, number>();
    const local = new Set(hub.localUserIds());
    for (const userId of this.roomsOf.keys()) if (!local.has(userId)) this.roomsOf.delete(userId);
    let removals = 0;
    for (const userId of local) {
      if (this.stopped) return 0;
      const revs = await rooms.revsOf(userId);
      for (const [roomId, rev] of revs) latest.set(roomId, rev);
      for (const roomId of this.roomsOf.get(userId) ?? []) {
        if (revs.has(roomId)) continue;
        removals++;
        for (const conn of hub.connectionsOf(userId)) if (!conn.closed) conn.sendFrame({ type: 'removed', roomId });
      }
      this.roomsOf.set(userId, new Set(revs.keys()));
      await nextTurn();
    }
    if (removals > 0) logger.info({ reason, removals }, 'cluster: told users here of rooms they left meanwhile');
    let behind = 0;
    for (const [roomId, rev] of latest) {
      const known = tracker.knownUpTo(roomId);
      if (known === undefined) tracker.baseline(roomId, rev);
      else if (rev > known) {
        behind++;
        await this.repair(roomId, known);
      }
    }
    if (behind > 0) logger.info({ reason, rooms: behind }, 'cluster: caught up from the database');
    return behind;
  }

  /** The room's changes after `from`, from the database, to every member connected here. */
  private async repair(roomId: number, from: number | undefined): Promise<void> {
    if (this.stopped) return;
    if (this.running.has(roomId)) {
      this.again.add(roomId);
      return;
    }
    this.running.add(roomId);
    const { hub, rooms, tracker, logger } = this.deps;
    try {
      const here = (await rooms.memberIds(roomId)).filter((id) => hub.isOnlineHere(id));
      if (here.length === 0 || from === undefined) {
        tracker.forget(roomId);
        return;
      }
      // The rev first: every change up to it is in what answerRoom reads after.
      const view = await rooms.view(roomId, here[0]!);
      if (!view) return tracker.forget(roomId);
      this.repairs++;
      for (const userId of here) {
        for (const conn of hub.connectionsOf(userId)) {
          if (!conn.closed) await answerRoom(this.deps, conn, roomId, from);
        }
      }
      tracker.repaired(roomId, view.rev);
    } catch (err) {
      logger.warn({ err, roomId }, 'cluster: reading a room to catch up failed; the next sweep tries again');
    } finally {
      this.running.delete(roomId);
      if (this.again.delete(roomId) && tracker.hasHole(roomId)) void this.repair(roomId, tracker.knownUpTo(roomId));
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.holes.values()) clearTimeout(timer);
    this.holes.clear();
  }
}
