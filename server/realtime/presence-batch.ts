// One flush of presence changes, told to each connection from where its `ready` left it.
//
// A connection's `ready` lists who was online at some presence version; every change after that
// version is still to be told, every change before it is already in the list. In a reconnect storm
// most connections opened in the middle of the batch (and the 2,000 "offline" of the drop itself
// came before any of them), so sending each only what followed its `ready` saves most of the
// batch. Frames are cut at slices of PRESENCE_SLICE changes, so a batch is serialized at most
// changes / PRESENCE_SLICE times however many connections it goes to; a slice may repeat a change a
// connection already had, which is harmless: each user is in a batch once, in their latest state.
// Each slice is kept in the id-set form of each protocol version that asked (protocol/id-set.ts).

import { encodeIdSet } from '../protocol/id-set.ts';

export interface PresenceChange {
  userId: number;
  online: boolean;
  /** The hub's presence version right after this change. */
  version: number;
}

/** Changes per slice: a frame starts at a multiple of this. */
export const PRESENCE_SLICE = 64;

export class PresenceBatch {
  /** Frames by protocol version, then by the slice they start at. */
  private readonly frames = new Map<number, Map<number, Buffer>>();

  /** `changes`: in version order. */
  constructor(private readonly changes: readonly PresenceChange[]) {}

  /** Changes every connection is told in full, whenever its `ready` was (another node's users came or went). */
  static toEveryone(online: readonly number[], offline: readonly number[]): PresenceBatch {
    const version = Number.POSITIVE_INFINITY;
    return new PresenceBatch([...online.map((userId) => ({ userId, online: true, version })), ...offline.map((userId) => ({ userId, online: false, version }))]);
  }

  get size(): number {
    return this.changes.length;
  }

  /**
   * The frame for a connection of protocol `protocolVersion` whose `ready` listed who was online at
   * version `since` (0: everything), or undefined if it has it all.
   */
  frameFor(since: number, protocolVersion: number): Buffer | undefined {
    const changes = this.changes;
    let lo = 0;
    let hi = changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (changes[mid]!.version > since) hi = mid;
      else lo = mid + 1;
    }
    if (lo === changes.length) return undefined;
    const start = lo - (lo % PRESENCE_SLICE);
    let frames = this.frames.get(protocolVersion);
    if (!frames) this.frames.set(protocolVersion, (frames = new Map()));
    let frame = frames.get(start);
    if (!frame) {
      const online: number[] = [];
      const offline: number[] = [];
      for (let i = start; i < changes.length; i++) (changes[i]!.online ? online : offline).push(changes[i]!.userId);
      frame = Buffer.from(JSON.stringify({ type: 'presence', online: encodeIdSet(online, protocolVersion), offline: encodeIdSet(offline, protocolVersion) }));
      frames.set(start, frame);
    }
    return frame;
  }
}
