import type { Db } from './database.ts';
import type { Message, Pin, RoomKind, SystemEvent } from '../../protocol/models.ts';
import type { RoomRefusal } from '../stores.ts';
import { roomRev } from './room-rev.ts';
import { SECRET_ROOM_MEMBERS_MAX } from '../../protocol/limits.ts';
import { systemLines } from './system-lines.ts';

// The changes to a room's members, name and pin, each one transaction and one rev. Who may make a
// change is checked inside its transaction, against the rows as they are then: two requests that
// race (two members leaving at once, a removal while the owner leaves) are decided here, in order.

interface RoomState {
  kind: RoomKind;
  secret: number;
  name: string;
  owner_id: number | null;
  pinned_message_id: number | null;
}

export type PinChange = { rev: number; pin: Pin | null } | RoomRefusal;

export class RoomChanges {
  readonly addMembers: (roomId: number, actorId: number, userIds: readonly number[], now: number) => Message | RoomRefusal;
  readonly leave: (roomId: number, userId: number, now: number) => Message | RoomRefusal;
  readonly rename: (roomId: number, actorId: number, name: string, now: number) => Message | RoomRefusal;
  readonly removeMember: (roomId: number, actorId: number, userId: number, actorIsAdmin: boolean, now: number) => Message | RoomRefusal;
  readonly setPin: (roomId: number, actorId: number, messageId: number | null, now: number) => PinChange;

  /**
   * `insertMember` adds one member whose read cursor starts at the room's last seq; `changed` is
   * told of every room whose member list changed (the rooms store drops its cached list).
   */
  constructor(
    db: Db,
    insertMember: (roomId: number, userId: number, now: number) => void,
    messageById: (id: number) => Message | undefined,
    changed: (roomId: number) => void,
  ) {
    const lines = systemLines(db, messageById);
    const rev = roomRev(db);
    const stateStmt = db.prepare<[number], RoomState>('SELECT kind, secret, name, owner_id, pinned_message_id FROM rooms WHERE id = ?');
    const isMemberStmt = db.prepare<[number, number], { one: number }>('SELECT 1 AS one FROM room_members WHERE room_id = ? AND user_id = ?');
    const deleteMember = db.prepare('DELETE FROM room_members WHERE room_id = ? AND user_id = ?');
    const firstMember = db.prepare<[number], { user_id: number }>(
      'SELECT user_id FROM room_members WHERE room_id = ? ORDER BY joined_at, user_id LIMIT 1',
    );
    const setOwner = db.prepare('UPDATE rooms SET owner_id = ? WHERE id = ?');
    // A secret room's member devices changed: the keys sent before no longer reach exactly them.
    const nextEpoch = db.prepare('UPDATE rooms SET key_epoch = key_epoch + 1 WHERE id = ? AND secret = 1');
    const memberCount = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM room_members WHERE room_id = ?');
    const setName = db.prepare('UPDATE rooms SET name = ? WHERE id = ?');
    const setPinStmt = db.prepare('UPDATE rooms SET pinned_message_id = ?, pinned_by = ?, pinned_at = ? WHERE id = ?');
    const messageState = db.prepare<[number], { room_id: number; deleted: number; system: number }>(
      'SELECT room_id, deleted_at IS NOT NULL AS deleted, system IS NOT NULL AS system FROM messages WHERE id = ?',
    );

    const isMember = (roomId: number, userId: number) => isMemberStmt.get(roomId, userId) !== undefined;
    /** The room, if `actorId` is in it and it is a group; else why not. */
    const groupOf = (roomId: number, actorId: number): RoomState | RoomRefusal => {
      const room = stateStmt.get(roomId);
      if (!room || !isMember(roomId, actorId)) return 'not-a-member';
      return room.kind === 'group' ? room : 'dm';
    };
    const line = (roomId: number, { event, actorId, userIds = [], name = '' }: Omit<SystemEvent, 'userIds' | 'name'> & Partial<SystemEvent>, now: number) =>
      lines.write(roomId, { event, actorId, userIds, name }, now);
    /** Takes `userId` out; a group whose owner goes passes to the earliest-joined member left. */
    const takeOut = (roomId: number, room: RoomState, userId: number) => {
      deleteMember.run(roomId, userId);
      if (room.owner_id === userId) setOwner.run(firstMember.get(roomId)?.user_id ?? null, roomId);
      nextEpoch.run(roomId);
      changed(roomId);
    };
    /** The pinned message if it is still there to show (a deleted one is no pin). */
    const livePin = (room: RoomState) => {
      if (room.pinned_message_id === null) return null;
      const m = messageState.get(room.pinned_message_id);
      return m && !m.deleted ? room.pinned_message_id : null;
    };

    this.addMembers = db.transaction((roomId: number, actorId: number, userIds: readonly number[], now: number) => {
      const room = groupOf(roomId, actorId);
      if (typeof room === 'string') return room;
      const fresh = [...new Set(userIds)].filter((id) => !isMember(roomId, id));
      if (fresh.length === 0) return 'unchanged';
      if (room.secret === 1 && memberCount.get(roomId)!.n + fresh.length > SECRET_ROOM_MEMBERS_MAX) return 'full';
      // The line first, so the newcomers' cursors start after it: nothing unread on arrival.
      const message = line(roomId, { event: 'joined', actorId, userIds: fresh }, now);
      for (const userId of fresh) insertMember(roomId, userId, now);
      nextEpoch.run(roomId);
      changed(roomId);
      return message;
    });

    this.leave = db.transaction((roomId: number, userId: number, now: number) => {
      const room = groupOf(roomId, userId);
      if (typeof room === 'string') return room;
      const message = line(roomId, { event: 'left', actorId: userId }, now);
      takeOut(roomId, room, userId);
      return message;
    });

    this.removeMember = db.transaction((roomId: number, actorId: number, userId: number, actorIsAdmin: boolean, now: number) => {
      const room = groupOf(roomId, actorId);
      if (typeof room === 'string') return room;
      if (userId === actorId || !(actorIsAdmin || room.owner_id === actorId)) return 'not-allowed';
      if (!isMember(roomId, userId)) return 'no-such-member';
      const message = line(roomId, { event: 'removed', actorId, userIds: [userId] }, now);
      takeOut(roomId, room, userId);
      return message;
    });

    this.rename = db.transaction((roomId: number, actorId: number, name: string, now: number) => {
      const room = groupOf(roomId, actorId);
      if (typeof room === 'string') return room;
      if (room.name === name) return 'unchanged';
      setName.run(name, roomId);
      return line(roomId, { event: 'renamed', actorId, name }, now);
    });

    this.setPin = db.transaction((roomId: number, actorId: number, messageId: number | null, now: number): PinChange => {
      const room = stateStmt.get(roomId);
      if (!room || !isMember(roomId, actorId)) return 'not-a-member';
      if (messageId !== null) {
        const target = messageState.get(messageId);
        if (!target || target.room_id !== roomId || target.deleted) return 'no-such-message';
        if (target.system) return 'not-pinnable';
      }
      if (livePin(room) === messageId) return 'unchanged';
      setPinStmt.run(messageId, messageId === null ? null : actorId, messageId === null ? null : now, roomId);
      const pinned = messageId === null ? undefined : messageById(messageId);
      return { rev: rev.nextMeta(roomId), pin: pinned ? { message: pinned, pinnedBy: actorId, pinnedAt: now } : null };
    });
  }
}
