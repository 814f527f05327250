import type { Db } from './database.ts';
import type { Message, Pin, Room, RoomKind, RoomMember } from '../../protocol/models.ts';
import type { RoomRefusal, RoomsStore } from '../stores.ts';
import { SqliteMentions } from './mentions.ts';
import { RoomChanges } from './room-changes.ts';
import { systemLines } from './system-lines.ts';

/** What the rooms store reads of messages: a room's last message and its pinned one. */
export interface MessageLookup {
  atSeq(roomId: number, seq: number): Message | undefined;
  byId(id: number): Message | undefined;
}

interface RoomRow {
  id: number;
  kind: RoomKind;
  name: string;
  last_seq: number;
  created_at: number;
  rev: number;
  owner_id: number | null;
  pinned_message_id: number | null;
  pinned_by: number | null;
  pinned_at: number | null;
  secret: number;
  key_epoch: number;
}

/** The DM's unique key: '<low>:<high>', and 's:<low>:<high>' for the pair's secret room. */
export function dmKey(a: number, b: number, secret = false): string {
  const pair = a < b ? `${a}:${b}` : `${b}:${a}`;
  return secret ? `s:${pair}` : pair;
}

export class SqliteRooms implements RoomsStore {
  /** roomId → member ids. Every send and read checks membership; this keeps that off the disk. */
  private readonly memberCache = new Map<number, readonly number[]>();
  private readonly roomStmt;
  private readonly byDmKey;
  private readonly insertRoom;
  private readonly insertMember;
  private readonly membersStmt;
  private readonly memberIdsStmt;
  private readonly roomsOfUser;
  private readonly revsOfUser;
  private readonly mentionRows: SqliteMentions;
  private readonly openDmTx: (a: number, b: number, now: number, secret: boolean) => { id: number; created: boolean };
  private readonly createGroupTx: (creator: number, name: string, memberIds: readonly number[], now: number, secret: boolean) => number;
  private readonly changes: RoomChanges;
  private readonly keyStateStmt;
  private readonly bumpEpochs;

  constructor(
    db: Db,
    private readonly lookup: MessageLookup,
  ) {
    const lines = systemLines(db, (id) => this.lookup.byId(id));
    this.mentionRows = new SqliteMentions(db);
    this.roomStmt = db.prepare<[number], RoomRow>(
      'SELECT id, kind, name, last_seq, created_at, rev, owner_id, pinned_message_id, pinned_by, pinned_at, secret, key_epoch FROM rooms WHERE id = ?',
    );
    this.keyStateStmt = db.prepare<[number], { secret: number; key_epoch: number }>('SELECT secret, key_epoch FROM rooms WHERE id = ?');
    this.bumpEpochs = db.prepare<[number], { id: number }>(
      `UPDATE rooms SET key_epoch = key_epoch + 1, rev = rev + 1, meta_rev = rev + 1
        WHERE secret = 1 AND id IN (SELECT room_id FROM room_members WHERE user_id = ?) RETURNING id`,
    );
    this.byDmKey = db.prepare<[string], { id: number }>('SELECT id FROM rooms WHERE dm_key = ?');
    this.insertRoom = db.prepare(
      'INSERT INTO rooms (kind, name, dm_key, created_by, owner_id, created_at, secret) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertMember = db.prepare(
      `INSERT OR IGNORE INTO room_members (room_id, user_id, last_read_seq, joined_at)
       VALUES (@roomId, @userId, (SELECT last_seq FROM rooms WHERE id = @roomId), @now)`,
    );
    this.membersStmt = db.prepare<[number], { user_id: number; last_read_seq: number }>(
      'SELECT user_id, last_read_seq FROM room_members WHERE room_id = ? ORDER BY joined_at, user_id',
    );
    this.memberIdsStmt = db.prepare<[number], { user_id: number }>('SELECT user_id FROM room_members WHERE room_id = ?');
    this.roomsOfUser = db.prepare<[number], { room_id: number }>('SELECT room_id FROM room_members WHERE user_id = ?');
    this.revsOfUser = db.prepare<[number], { id: number; rev: number }>(
      'SELECT r.id, r.rev FROM room_members rm JOIN rooms r ON r.id = rm.room_id WHERE rm.user_id = ?',
    );

    this.openDmTx = db.transaction((a: number, b: number, now: number, secret: boolean) => {
      const key = dmKey(a, b, secret);
      const existing = this.byDmKey.get(key);
      if (existing) return { id: existing.id, created: false };
      const id = Number(this.insertRoom.run('dm', '', key, a, null, now, secret ? 1 : 0).lastInsertRowid);
      for (const userId of new Set([a, b])) this.insertMember.run({ roomId: id, userId, now });
      this.memberCache.delete(id);
      return { id, created: true };
    });
    this.createGroupTx = db.transaction((creator: number, name: string, memberIds: readonly number[], now: number, secret: boolean) => {
      const id = Number(this.insertRoom.run('group', name, null, creator, creator, now, secret ? 1 : 0).lastInsertRowid);
      // The creator first (the line moves its cursor), then the line, then the others after it.
      this.insertMember.run({ roomId: id, userId: creator, now });
      lines.write(id, { event: 'created', actorId: creator, userIds: [], name }, now);
      for (const userId of new Set(memberIds)) this.insertMember.run({ roomId: id, userId, now });
      this.memberCache.delete(id);
      return id;
    });
    this.changes = new RoomChanges(
      db,
      (roomId, userId, now) => this.insertMember.run({ roomId, userId, now }),
      (id) => this.lookup.byId(id),
      (roomId) => this.memberCache.delete(roomId),
    );
  }

  async openDm(a: number, b: number, now = Date.now(), secret = false): Promise<{ id: number; created: boolean }> {
    return this.openDmTx(a, b, now, secret);
  }

  async createGroup(creator: number, name: string, memberIds: readonly number[], now = Date.now(), secret = false): Promise<number> {
    return this.createGroupTx(creator, name, memberIds, now, secret);
  }

  async addMembers(roomId: number, actorId: number, userIds: readonly number[], now = Date.now()): Promise<Message | RoomRefusal> {
    return this.changes.addMembers(roomId, actorId, userIds, now);
  }

  async leave(roomId: number, userId: number, now = Date.now()): Promise<Message | RoomRefusal> {
    return this.changes.leave(roomId, userId, now);
  }

  async rename(roomId: number, actorId: number, name: string, now = Date.now()): Promise<Message | RoomRefusal> {
    return this.changes.rename(roomId, actorId, name, now);
  }

  async removeMember(roomId: number, actorId: number, userId: number, actorIsAdmin: boolean, now = Date.now()): Promise<Message | RoomRefusal> {
    return this.changes.removeMember(roomId, actorId, userId, actorIsAdmin, now);
  }

  async setPin(roomId: number, actorId: number, messageId: number | null, now = Date.now()): Promise<{ rev: number; pin: Pin | null } | RoomRefusal> {
    return this.changes.setPin(roomId, actorId, messageId, now);
  }

  async keyState(roomId: number): Promise<{ secret: boolean; keyEpoch: number } | undefined> {
    const row = this.keyStateStmt.get(roomId);
    return row && { secret: row.secret === 1, keyEpoch: row.key_epoch };
  }

  async bumpKeyEpochs(userId: number): Promise<number[]> {
    return this.bumpEpochsNow(userId);
  }

  /** Synchronous, for the devices store to call inside its own transaction. */
  bumpEpochsNow(userId: number): number[] {
    return this.bumpEpochs.all(userId).map((r) => r.id).sort((a, b) => a - b);
  }

  async exists(roomId: number): Promise<boolean> {
    return this.roomStmt.get(roomId) !== undefined;
  }

  async memberIds(roomId: number): Promise<readonly number[]> {
    return this.cachedMemberIds(roomId);
  }

  private cachedMemberIds(roomId: number): readonly number[] {
    let ids = this.memberCache.get(roomId);
    if (!ids) {
      ids = this.memberIdsStmt.all(roomId).map((r) => r.user_id);
      // Only real rooms are cached: asking about an id before it exists must not pin an empty list
      // on the room created under that id later, nor let probes grow the cache.
      if (ids.length > 0) this.memberCache.set(roomId, ids);
    }
    return ids;
  }

  /** A room was deleted (storage/sqlite/room-admin.ts): its members are no longer cached. */
  forget(roomId: number): void {
    this.memberCache.delete(roomId);
  }

  async isMember(roomId: number, userId: number): Promise<boolean> {
    return this.cachedMemberIds(roomId).includes(userId);
  }

  async view(roomId: number, viewerId: number): Promise<Room | undefined> {
    return this.viewNow(roomId, viewerId);
  }

  private viewNow(roomId: number, viewerId: number): Room | undefined {
    const row = this.roomStmt.get(roomId);
    if (!row) return undefined;
    const members: RoomMember[] = this.membersStmt
      .all(roomId)
      .map((m) => ({ userId: m.user_id, lastReadSeq: m.last_read_seq }));
    const mine = members.find((m) => m.userId === viewerId);
    const last = row.last_seq > 0 ? this.lookup.atSeq(roomId, row.last_seq) : undefined;
    const pinnedMessage = row.pinned_message_id !== null ? this.lookup.byId(row.pinned_message_id) : undefined;
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      members,
      lastSeq: row.last_seq,
      lastMessage: last ?? null,
      unread: mine ? Math.max(0, row.last_seq - mine.lastReadSeq) : 0,
      mentions: mine ? this.mentionRows.unreadFor(viewerId, roomId, mine.lastReadSeq) : 0,
      createdAt: row.created_at,
      rev: row.rev,
      ownerId: row.owner_id,
      // A deleted message is no notice, whether or not its deletion cleared the pin.
      pinned: pinnedMessage && !pinnedMessage.deleted ? { message: pinnedMessage, pinnedBy: row.pinned_by ?? 0, pinnedAt: row.pinned_at ?? 0 } : null,
      secret: row.secret === 1,
      keyEpoch: row.key_epoch,
    };
  }

  async revsOf(userId: number): Promise<ReadonlyMap<number, number>> {
    return new Map(this.revsOfUser.all(userId).map((r) => [r.id, r.rev]));
  }

  async listFor(userId: number): Promise<Room[]> {
    const rooms = this.roomsOfUser
      .all(userId)
      .map((r) => this.viewNow(r.room_id, userId))
      .filter((r): r is Room => r !== undefined);
    return rooms.sort((a, b) => (b.lastMessage?.createdAt ?? b.createdAt) - (a.lastMessage?.createdAt ?? a.createdAt));
  }
}
