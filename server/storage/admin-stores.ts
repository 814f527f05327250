import type { AdminRoom, AuditEntry } from '../protocol/admin-http.ts';
import type { AuditAction, AuditTargetType } from '../protocol/audit-actions.ts';

// The admin area's stores: the audit log and every room (part of Stores in stores.ts, kept here so
// that file stays one screenful per concern).

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AuditFilter {
  actions?: readonly AuditAction[];
  actorId?: number;
  targetType?: AuditTargetType;
  targetId?: number;
  /** At or after (ms). */
  from?: number;
  /** Before (ms). */
  to?: number;
  /** Part of the actor's or target's name or of the address, case-insensitively. */
  q?: string;
  limit: number;
  offset: number;
}

export interface AuditStore {
  insert(entry: NewAuditEntry): Promise<number>;
  /** Matching entries, newest first, and how many match in all. */
  list(filter: AuditFilter): Promise<{ entries: AuditEntry[]; total: number }>;
  /** Removes the entries older than `before` (ms); returns how many. */
  purgeBefore(before: number): Promise<number>;
}

export interface RoomAdminStore {
  /** Every room, most recently active first; `q` matches the name or a member's name. */
  list(filter: { q?: string; limit: number; offset: number }): Promise<{ rooms: AdminRoom[]; total: number }>;
  /**
   * Deletes the room with its members, messages and file rows. Returns the storage names (originals
   * and thumbnails) of its files, for the caller to remove from disk; undefined if there is no room.
   */
  delete(roomId: number): Promise<{ storageNames: string[] } | undefined>;
}
