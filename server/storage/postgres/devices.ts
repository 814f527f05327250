import type { Device } from '../../protocol/models.ts';
import type { DeviceChange, DevicesStore, NewDevice } from '../stores.ts';
import { bumpKeyEpochs } from './key-epochs.ts';
import { num, pgText, type Transactor } from './sql.ts';

// Each person's devices (one per browser) with their public keys, on PostgreSQL. A device added or
// removed raises the keyEpoch of its owner's secret rooms in the same transaction (key-epochs.ts).

interface DeviceRow {
  id: string;
  user_id: string;
  agree_key: string;
  sign_key: string;
  label: string;
  created_at: string;
}

const COLUMNS = 'id, user_id, agree_key, sign_key, label, created_at';

const toDevice = (row: DeviceRow): Device => ({
  id: num(row.id),
  userId: num(row.user_id),
  agreeKey: row.agree_key,
  signKey: row.sign_key,
  label: row.label,
  createdAt: num(row.created_at),
});

export class PgDevices implements DevicesStore {
  constructor(private readonly db: Transactor) {}

  /** The user's row is locked first, so two registrations racing on two nodes cannot both pass the limit. */
  add(userId: number, device: NewDevice, max: number, now = Date.now()): Promise<DeviceChange | 'limit'> {
    return this.db.tx(async (c): Promise<DeviceChange | 'limit'> => {
      await c.run('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
      const { n } = (await c.one<{ n: number }>('SELECT count(*)::int AS n FROM devices WHERE user_id = $1', [userId]))!;
      if (n >= max) return 'limit';
      const row = (await c.one<DeviceRow>(
        `INSERT INTO devices (user_id, agree_key, sign_key, label, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [userId, pgText(device.agreeKey), pgText(device.signKey), pgText(device.label), now],
      ))!;
      return { device: toDevice(row), rooms: await bumpKeyEpochs(c, userId) };
    });
  }

  remove(id: number, userId: number): Promise<DeviceChange | 'not-found' | 'not-yours'> {
    return this.db.tx(async (c): Promise<DeviceChange | 'not-found' | 'not-yours'> => {
      const row = await c.one<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) return 'not-found';
      if (num(row.user_id) !== userId) return 'not-yours';
      await c.run('DELETE FROM devices WHERE id = $1', [id]);
      return { device: toDevice(row), rooms: await bumpKeyEpochs(c, userId) };
    });
  }

  async get(id: number): Promise<Device | undefined> {
    const row = await this.db.one<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE id = $1`, [id]);
    return row && toDevice(row);
  }

  async listFor(userId: number): Promise<Device[]> {
    return (await this.db.rows<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE user_id = $1 ORDER BY id`, [userId])).map(toDevice);
  }

  async ofRoom(roomId: number): Promise<Device[]> {
    const rows = await this.db.rows<DeviceRow>(
      `SELECT ${COLUMNS} FROM devices WHERE user_id IN (SELECT user_id FROM room_members WHERE room_id = $1) ORDER BY user_id, id`,
      [roomId],
    );
    return rows.map(toDevice);
  }
}
