import type { KeyEnvelope } from '../../protocol/models.ts';
import type { KeyEnvelopesStore, KeyRefusal, NewKeyEnvelope } from '../stores.ts';
import { num, pgText, type Transactor } from './sql.ts';

// Sender keys wrapped for one device each, on PostgreSQL. A post is checked and stored in one
// transaction that holds the room's row (FOR SHARE): a key-epoch change or a member change on any
// node (they lock the row FOR UPDATE) waits for it or goes first, never halfway.

interface EnvelopeRow {
  id: string;
  room_id: string;
  epoch: string;
  from_device: string;
  from_user: string;
  to_device: string;
  payload: string;
  created_at: string;
}

const COLUMNS = 'id, room_id, epoch, from_device, from_user, to_device, payload, created_at';

const toEnvelope = (row: EnvelopeRow): KeyEnvelope => ({
  id: num(row.id),
  roomId: num(row.room_id),
  epoch: num(row.epoch),
  fromDevice: num(row.from_device),
  fromUser: num(row.from_user),
  toDevice: num(row.to_device),
  payload: row.payload,
  createdAt: num(row.created_at),
});

export class PgKeyEnvelopes implements KeyEnvelopesStore {
  constructor(private readonly db: Transactor) {}

  post(roomId: number, fromUser: number, fromDevice: number, epoch: number, keys: readonly NewKeyEnvelope[], now = Date.now()): Promise<KeyEnvelope[] | KeyRefusal> {
    return this.db.tx(async (c): Promise<KeyEnvelope[] | KeyRefusal> => {
      const state = await c.one<{ secret: boolean; key_epoch: string }>('SELECT secret, key_epoch FROM rooms WHERE id = $1 FOR SHARE', [roomId]);
      if (!state || !(await c.one('SELECT 1 FROM room_members WHERE room_id = $1 AND user_id = $2', [roomId, fromUser]))) return 'not-a-member';
      if (!state.secret) return 'not-secret';
      const owner = await c.one<{ user_id: string }>('SELECT user_id FROM devices WHERE id = $1 FOR SHARE', [fromDevice]);
      if (!owner || num(owner.user_id) !== fromUser) return 'not-yours';
      if (epoch !== num(state.key_epoch)) return 'stale';
      const wanted = [...new Set(keys.map((k) => k.toDevice))];
      // Every recipient is a device of someone in the room now (held until the envelopes are in).
      const found = await c.rows<{ id: string }>(
        `SELECT d.id FROM devices d JOIN room_members rm ON rm.user_id = d.user_id AND rm.room_id = $1
          WHERE d.id = ANY($2::bigint[]) FOR SHARE OF d`,
        [roomId, wanted],
      );
      if (found.length !== wanted.length) return 'bad-recipient';
      if (keys.length === 0) return [];
      const rows = await c.rows<EnvelopeRow>(
        `INSERT INTO key_envelopes (room_id, epoch, from_device, from_user, to_device, payload, created_at)
         SELECT $1, $2, $3, $4, k.to_device, k.payload, $5
           FROM unnest($6::bigint[], $7::text[]) WITH ORDINALITY AS k(to_device, payload, o)
          ORDER BY k.o
         RETURNING ${COLUMNS}`,
        [roomId, epoch, fromDevice, fromUser, now, keys.map((k) => k.toDevice), keys.map((k) => pgText(k.payload))],
      );
      return rows.map(toEnvelope).sort((a, b) => a.id - b.id);
    });
  }

  async inbox(roomId: number, toDevice: number, after: number, limit: number): Promise<{ keys: KeyEnvelope[]; hasMore: boolean }> {
    const rows = await this.db.rows<EnvelopeRow>(
      `SELECT ${COLUMNS} FROM key_envelopes WHERE to_device = $1 AND room_id = $2 AND id > $3 ORDER BY id LIMIT $4`,
      [toDevice, roomId, after, limit + 1],
    );
    return { keys: rows.slice(0, limit).map(toEnvelope), hasMore: rows.length > limit };
  }
}
