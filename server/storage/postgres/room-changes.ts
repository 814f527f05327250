import type { Message, Pin, RoomKind, SystemEvent } from '../../protocol/models.ts';
import type { RoomRefusal } from '../stores.ts';
import { messageById } from './message-rows.ts';
import { writeSystemLine } from './system-lines.ts';
import { num, numOrNull, type Sql, type Transactor } from './sql.ts';
import { SECRET_ROOM_MEMBERS_MAX } from '../../protocol/limits.ts';

// The changes to a room's members, name and pin, each one transaction and one rev. Each begins by
// locking the room's row, so requests that race — on one node or two (two members leaving at
// once, a removal while the owner leaves) — are decided one after the other, against the rows as
// they are then.

interface RoomState {
  kind: RoomKind;
  secret: boolean;
  name: string;
  owner_id: string | null;
  pinned_message_id: string | null;
}

export type PinChange = { rev: number; pin: Pin | null } | RoomRefusal;

type LineEvent = Omit<SystemEvent, 'userIds' | 'name'> & Partial<SystemEvent>;

const line = (c: Sql, roomId: number, { event, actorId, userIds = [], name = '' }: LineEvent, now: number) =>
  writeSystemLine(c, roomId, { event, actorId, userIds, name }, now);

const lockRoom = (c: Sql, roomId: number) =>
  c.one<RoomState>('SELECT kind, secret, name, owner_id, pinned_message_id FROM rooms WHERE id = $1 FOR UPDATE', [roomId]);

async function isMember(c: Sql, roomId: number, userId: number): Promise<boolean> {
  return (await c.one('SELECT 1 FROM room_members WHERE room_id = $1 AND user_id = $2', [roomId, userId])) !== undefined;
}

/** Adds members whose read cursors start at the room's last seq (nothing unread on arrival). */
export async function insertMembers(c: Sql, roomId: number, userIds: readonly number[], now: number): Promise<void> {
  await c.run(
    `INSERT INTO room_members (room_id, user_id, last_read_seq, joined_at)
     SELECT r.id, u.id, r.last_seq, $3 FROM rooms r, unnest($2::bigint[]) AS u(id) WHERE r.id = $1
     ON CONFLICT DO NOTHING`,
    [roomId, [...userIds], now],
  );
}

/** The room (locked), if `actorId` is in it and it is a group; else why not. */
async function groupOf(c: Sql, roomId: number, actorId: number): Promise<RoomState | RoomRefusal> {
  const room = await lockRoom(c, roomId);
  if (!room || !(await isMember(c, roomId, actorId))) return 'not-a-member';
  return room.kind === 'group' ? room : 'dm';
}

/** A secret room's member devices changed: the keys sent before no longer reach exactly them. */
async function nextEpoch(c: Sql, roomId: number, room: RoomState): Promise<void> {
  if (room.secret) await c.run('UPDATE rooms SET key_epoch = key_epoch + 1 WHERE id = $1', [roomId]);
}

/** Takes `userId` out; a group whose owner goes passes to the earliest-joined member left. */
async function takeOut(c: Sql, roomId: number, room: RoomState, userId: number): Promise<void> {
  await c.run('DELETE FROM room_members WHERE room_id = $1 AND user_id = $2', [roomId, userId]);
  if (room.owner_id !== null && num(room.owner_id) === userId) {
    await c.run(
      'UPDATE rooms SET owner_id = (SELECT user_id FROM room_members WHERE room_id = $1 ORDER BY joined_at, user_id LIMIT 1) WHERE id = $1',
      [roomId],
    );
  }
  await nextEpoch(c, roomId, room);
}

export class PgRoomChanges {
  constructor(private readonly db: Transactor) {}

  addMembers(roomId: number, actorId: number, userIds: readonly number[], now: number): Promise<Message | RoomRefusal> {
    return this.db.tx(async (c) => {
      const room = await groupOf(c, roomId, actorId);
      if (typeof room === 'string') return room;
      const wanted = [...new Set(userIds)];
      const already = new Set(
        (await c.rows<{ user_id: string }>('SELECT user_id FROM room_members WHERE room_id = $1 AND user_id = ANY($2::bigint[])', [roomId, wanted])).map((r) => num(r.user_id)),
      );
      const fresh = wanted.filter((id) => !already.has(id));
      if (fresh.length === 0) return 'unchanged';
      if (room.secret) {
        const { n } = (await c.one<{ n: number }>('SELECT count(*)::int AS n FROM room_members WHERE room_id = $1', [roomId]))!;
        if (n + fresh.length > SECRET_ROOM_MEMBERS_MAX) return 'full';
      }
      // The line first, so the newcomers' cursors start after it.
      const message = await line(c, roomId, { event: 'joined', actorId, userIds: fresh }, now);
      await insertMembers(c, roomId, fresh, now);
      await nextEpoch(c, roomId, room);
      return message;
    });
  }

  leave(roomId: number, userId: number, now: number): Promise<Message | RoomRefusal> {
    return this.db.tx(async (c) => {
      const room = await groupOf(c, roomId, userId);
      if (typeof room === 'string') return room;
      const message = await line(c, roomId, { event: 'left', actorId: userId }, now);
      await takeOut(c, roomId, room, userId);
      return message;
    });
  }

  removeMember(roomId: number, actorId: number, userId: number, actorIsAdmin: boolean, now: number): Promise<Message | RoomRefusal> {
    return this.db.tx(async (c) => {
      const room = await groupOf(c, roomId, actorId);
      if (typeof room === 'string') return room;
      const owner = numOrNull(room.owner_id);
      if (userId === actorId || !(actorIsAdmin || owner === actorId)) return 'not-allowed';
      if (!(await isMember(c, roomId, userId))) return 'no-such-member';
      const message = await line(c, roomId, { event: 'removed', actorId, userIds: [userId] }, now);
      await takeOut(c, roomId, room, userId);
      return message;
    });
  }

  rename(roomId: number, actorId: number, name: string, now: number): Promise<Message | RoomRefusal> {
    return this.db.tx(async (c) => {
      const room = await groupOf(c, roomId, actorId);
      if (typeof room === 'string') return room;
      if (room.name === name) return 'unchanged';
      await c.run('UPDATE rooms SET name = $1 WHERE id = $2', [name, roomId]);
      return line(c, roomId, { event: 'renamed', actorId, name }, now);
    });
  }

  setPin(roomId: number, actorId: number, messageId: number | null, now: number): Promise<PinChange> {
    return this.db.tx(async (c): Promise<PinChange> => {
      const room = await lockRoom(c, roomId);
      if (!room || !(await isMember(c, roomId, actorId))) return 'not-a-member';
      if (messageId !== null) {
        const target = await c.one<{ room_id: string; deleted: boolean; system: boolean }>('SELECT room_id, deleted_at IS NOT NULL AS deleted, system IS NOT NULL AS system FROM messages WHERE id = $1',
          [messageId],
        );
        if (!target || num(target.room_id) !== roomId || target.deleted) return 'no-such-message';
        if (target.system) return 'not-pinnable';
      }
      if ((await livePin(c, room)) === messageId) return 'unchanged';
      const taken = (await c.one<{ rev: string }>(
        `UPDATE rooms SET pinned_message_id = $1, pinned_by = $2, pinned_at = $3, rev = rev + 1, meta_rev = rev + 1
          WHERE id = $4 RETURNING rev`,
        [messageId, messageId === null ? null : actorId, messageId === null ? null : now, roomId],
      ))!;
      const pinned = messageId === null ? undefined : await messageById(c, messageId);
      return { rev: num(taken.rev), pin: pinned ? { message: pinned, pinnedBy: actorId, pinnedAt: now } : null };
    });
  }
}

/** The pinned message if it is still there to show (a deleted one is no pin). */
async function livePin(c: Sql, room: RoomState): Promise<number | null> {
  if (room.pinned_message_id === null) return null;
  const m = await c.one('SELECT 1 FROM messages WHERE id = $1 AND deleted_at IS NULL', [room.pinned_message_id]);
  return m ? num(room.pinned_message_id) : null;
}
