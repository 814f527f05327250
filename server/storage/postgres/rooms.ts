import type { Message, Pin, Room } from '../../protocol/models.ts';
import type { RoomRefusal, RoomsStore } from '../stores.ts';
import { PgRoomChanges, insertMembers } from './room-changes.ts';
import { roomViews } from './room-views.ts';
import { writeSystemLine } from './system-lines.ts';
import { num, pgText, type Transactor } from './sql.ts';
import { bumpKeyEpochs } from './key-epochs.ts';

// Rooms on PostgreSQL. Nothing is cached: several nodes change members, so every membership check
// asks the database (one indexed lookup), and a room removed or left on another node is gone here
// at once.

/** "<smaller user id>:<larger user id>", and "s:<smaller>:<larger>" for the pair's secret room: the keys SQLite uses. */
const dmKey = (a: number, b: number, secret: boolean) => {
  const pair = a < b ? `${a}:${b}` : `${b}:${a}`;
  return secret ? `s:${pair}` : pair;
};

export class PgRooms implements RoomsStore {
  private readonly changes: PgRoomChanges;

  constructor(private readonly db: Transactor) {
    this.changes = new PgRoomChanges(db);
  }

  async exists(roomId: number): Promise<boolean> {
    return (await this.db.one('SELECT 1 FROM rooms WHERE id = $1', [roomId])) !== undefined;
  }

  async memberIds(roomId: number): Promise<readonly number[]> {
    return (await this.db.rows<{ user_id: string }>('SELECT user_id FROM room_members WHERE room_id = $1 ORDER BY user_id', [roomId])).map((r) => num(r.user_id));
  }

  async isMember(roomId: number, userId: number): Promise<boolean> {
    return (await this.db.one('SELECT 1 FROM room_members WHERE room_id = $1 AND user_id = $2', [roomId, userId])) !== undefined;
  }

  async keyState(roomId: number): Promise<{ secret: boolean; keyEpoch: number } | undefined> {
    const row = await this.db.one<{ secret: boolean; key_epoch: string }>('SELECT secret, key_epoch FROM rooms WHERE id = $1', [roomId]);
    return row && { secret: row.secret, keyEpoch: num(row.key_epoch) };
  }

  bumpKeyEpochs(userId: number): Promise<number[]> {
    return this.db.tx((c) => bumpKeyEpochs(c, userId));
  }

  async view(roomId: number, viewerId: number): Promise<Room | undefined> {
    return (await roomViews(this.db, 'r.id = $1', [roomId, viewerId]))[0];
  }

  async listFor(userId: number): Promise<Room[]> {
    const list = await roomViews(this.db, 'r.id IN (SELECT room_id FROM room_members WHERE user_id = $1)', [userId, userId]);
    return list.sort((a, b) => (b.lastMessage?.createdAt ?? b.createdAt) - (a.lastMessage?.createdAt ?? a.createdAt));
  }

  async revsOf(userId: number): Promise<ReadonlyMap<number, number>> {
    const found = await this.db.rows<{ id: string; rev: string }>('SELECT r.id, r.rev FROM room_members rm JOIN rooms r ON r.id = rm.room_id WHERE rm.user_id = $1',
      [userId],
    );
    return new Map(found.map((r) => [num(r.id), num(r.rev)]));
  }

  /** The unique DM key decides a race between two nodes opening the same DM: one creates it, the other finds it. */
  async openDm(a: number, b: number, now = Date.now(), secret = false): Promise<{ id: number; created: boolean }> {
    const key = dmKey(a, b, secret);
    const made = await this.db.one<{ id: string }>(
      `WITH made AS (
         INSERT INTO rooms (kind, name, dm_key, created_by, created_at, secret) VALUES ('dm', '', $1, $2, $3, $5)
         ON CONFLICT (dm_key) DO NOTHING RETURNING id),
            members AS (
         INSERT INTO room_members (room_id, user_id, last_read_seq, joined_at)
         SELECT made.id, u.id, 0, $3 FROM made, unnest($4::bigint[]) AS u(id))
       SELECT id FROM made`,
      [key, a, now, [...new Set([a, b])], secret],
    );
    if (made) return { id: num(made.id), created: true };
    // A new statement, so a DM another node committed a moment ago is seen.
    const existing = await this.db.one<{ id: string }>('SELECT id FROM rooms WHERE dm_key = $1', [key]);
    return { id: num(existing!.id), created: false };
  }

  /** A group with its creator as owner; its first message is the `created` line. */
  createGroup(creator: number, given: string, memberIds: readonly number[], now = Date.now(), secret = false): Promise<number> {
    const name = pgText(given);
    return this.db.tx(async (c) => {
      const room = (await c.one<{ id: string }>(`INSERT INTO rooms (kind, name, created_by, owner_id, created_at, secret) VALUES ('group', $1, $2, $2, $3, $4) RETURNING id`,
        [name, creator, now, secret],
      ))!;
      const id = num(room.id);
      // The creator first (the line moves its cursor), then the line, then the others after it.
      await insertMembers(c, id, [creator], now);
      await writeSystemLine(c, id, { event: 'created', actorId: creator, userIds: [], name }, now);
      await insertMembers(c, id, [...new Set(memberIds)], now);
      return id;
    });
  }

  addMembers(roomId: number, actorId: number, userIds: readonly number[], now = Date.now()): Promise<Message | RoomRefusal> {
    return this.changes.addMembers(roomId, actorId, userIds, now);
  }

  leave(roomId: number, userId: number, now = Date.now()): Promise<Message | RoomRefusal> {
    return this.changes.leave(roomId, userId, now);
  }

  rename(roomId: number, actorId: number, name: string, now = Date.now()): Promise<Message | RoomRefusal> {
    return this.changes.rename(roomId, actorId, pgText(name), now);
  }

  removeMember(roomId: number, actorId: number, userId: number, actorIsAdmin: boolean, now = Date.now()): Promise<Message | RoomRefusal> {
    return this.changes.removeMember(roomId, actorId, userId, actorIsAdmin, now);
  }

  setPin(roomId: number, actorId: number, messageId: number | null, now = Date.now()): Promise<{ rev: number; pin: Pin | null } | RoomRefusal> {
    return this.changes.setPin(roomId, actorId, messageId, now);
  }
}
