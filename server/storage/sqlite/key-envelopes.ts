import type { Db } from './database.ts';
import type { KeyEnvelope } from '../../protocol/models.ts';
import type { KeyEnvelopesStore, KeyRefusal, NewKeyEnvelope } from '../stores.ts';

interface EnvelopeRow {
  id: number;
  room_id: number;
  epoch: number;
  from_device: number;
  from_user: number;
  to_device: number;
  payload: string;
  created_at: number;
}

const COLUMNS = 'id, room_id, epoch, from_device, from_user, to_device, payload, created_at';

const toEnvelope = (row: EnvelopeRow): KeyEnvelope => ({
  id: row.id,
  roomId: row.room_id,
  epoch: row.epoch,
  fromDevice: row.from_device,
  fromUser: row.from_user,
  toDevice: row.to_device,
  payload: row.payload,
  createdAt: row.created_at,
});

export class SqliteKeyEnvelopes implements KeyEnvelopesStore {
  private readonly inboxStmt;
  private readonly postTx: (roomId: number, fromUser: number, fromDevice: number, epoch: number, keys: readonly NewKeyEnvelope[], now: number) => KeyEnvelope[] | KeyRefusal;

  constructor(db: Db) {
    this.inboxStmt = db.prepare<[number, number, number, number], EnvelopeRow>(
      `SELECT ${COLUMNS} FROM key_envelopes WHERE to_device = ? AND room_id = ? AND id > ? ORDER BY id LIMIT ?`,
    );
    const room = db.prepare<[number], { secret: number; key_epoch: number }>('SELECT secret, key_epoch FROM rooms WHERE id = ?');
    const isMember = db.prepare<[number, number], { one: number }>('SELECT 1 AS one FROM room_members WHERE room_id = ? AND user_id = ?');
    const ownerOf = db.prepare<[number], { user_id: number }>('SELECT user_id FROM devices WHERE id = ?');
    // A recipient device belongs to someone who is a member of the room now.
    const memberDevice = db.prepare<[number, number], { one: number }>(
      'SELECT 1 AS one FROM devices d JOIN room_members rm ON rm.user_id = d.user_id AND rm.room_id = ? WHERE d.id = ?',
    );
    const insert = db.prepare<[number, number, number, number, number, string, number], EnvelopeRow>(
      `INSERT INTO key_envelopes (room_id, epoch, from_device, from_user, to_device, payload, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
    );
    this.postTx = db.transaction((roomId: number, fromUser: number, fromDevice: number, epoch: number, keys: readonly NewKeyEnvelope[], now: number) => {
      const state = room.get(roomId);
      if (!state || !isMember.get(roomId, fromUser)) return 'not-a-member';
      if (state.secret !== 1) return 'not-secret';
      if (ownerOf.get(fromDevice)?.user_id !== fromUser) return 'not-yours';
      if (epoch !== state.key_epoch) return 'stale';
      if (keys.some((k) => !memberDevice.get(roomId, k.toDevice))) return 'bad-recipient';
      return keys.map((k) => toEnvelope(insert.get(roomId, epoch, fromDevice, fromUser, k.toDevice, k.payload, now)!));
    });
  }

  async post(roomId: number, fromUser: number, fromDevice: number, epoch: number, keys: readonly NewKeyEnvelope[], now = Date.now()): Promise<KeyEnvelope[] | KeyRefusal> {
    return this.postTx(roomId, fromUser, fromDevice, epoch, keys, now);
  }

  async inbox(roomId: number, toDevice: number, after: number, limit: number): Promise<{ keys: KeyEnvelope[]; hasMore: boolean }> {
    const rows = this.inboxStmt.all(toDevice, roomId, after, limit + 1);
    return { keys: rows.slice(0, limit).map(toEnvelope), hasMore: rows.length > limit };
  }
}
