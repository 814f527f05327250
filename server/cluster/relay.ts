import type { ServerFrame } from '../protocol/frames.ts';

/** Closing connections on every node: a user's (all, or all but one session's), or one session's. */
export type CloseOrder =
  | { userId: number; keepSession?: string; code: number; reason: string }
  | { session: string; code: number; reason: string };

/**
 * What the hub hands to the other nodes (realtime/hub.ts). Only a cluster bus implements it; a
 * single node attaches none, so the hub's hot path skips it with one property check.
 */
export interface Relay {
  /** A frame this node sent to `userIds` (every connected user if null), already serialized as `data`. */
  frame(userIds: readonly number[] | null, frame: ServerFrame, data: string): void;
  close(order: CloseOrder): void;
  /** This node's presence changes: users who came (with their connection count here) and who left. */
  presence(online: ReadonlyArray<readonly [userId: number, connections: number]>, offline: readonly number[]): void;
  /** The user's first connection to this node opened (before its client reads its rooms). */
  arrived(userId: number): void;
  /** Users connected to another live node. */
  remoteOnline(): Iterable<number>;
  isOnlineElsewhere(userId: number): boolean;
}
