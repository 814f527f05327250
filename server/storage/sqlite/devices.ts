import type { Db } from './database.ts';
import type { Device } from '../../protocol/models.ts';
import type { DeviceChange, DevicesStore, NewDevice } from '../stores.ts';

interface DeviceRow {
  id: number;
  user_id: number;
  agree_key: string;
  sign_key: string;
  label: string;
  created_at: number;
}

const COLUMNS = 'id, user_id, agree_key, sign_key, label, created_at';

export const toDevice = (row: DeviceRow): Device => ({
  id: row.id,
  userId: row.user_id,
  agreeKey: row.agree_key,
  signKey: row.sign_key,
  label: row.label,
  createdAt: row.created_at,
});

export class SqliteDevices implements DevicesStore {
  private readonly getStmt;
  private readonly ofUser;
  private readonly ofRoomStmt;
  private readonly addTx: (userId: number, device: NewDevice, max: number, now: number) => DeviceChange | 'limit';
  private readonly removeTx: (id: number, userId: number) => DeviceChange | 'not-found' | 'not-yours';

  /** `bumpEpochs` raises the keyEpoch of the user's secret rooms (rooms.ts), inside the same transaction. */
  constructor(db: Db, bumpEpochs: (userId: number) => number[]) {
    this.getStmt = db.prepare<[number], DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE id = ?`);
    this.ofUser = db.prepare<[number], DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE user_id = ? ORDER BY id`);
    this.ofRoomStmt = db.prepare<[number], DeviceRow>(
      `SELECT ${COLUMNS} FROM devices WHERE user_id IN (SELECT user_id FROM room_members WHERE room_id = ?) ORDER BY user_id, id`,
    );
    const count = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM devices WHERE user_id = ?');
    const insert = db.prepare<[number, string, string, string, number], DeviceRow>(
      `INSERT INTO devices (user_id, agree_key, sign_key, label, created_at) VALUES (?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
    );
    const del = db.prepare('DELETE FROM devices WHERE id = ?');
    this.addTx = db.transaction((userId: number, device: NewDevice, max: number, now: number) => {
      if (count.get(userId)!.n >= max) return 'limit';
      const row = insert.get(userId, device.agreeKey, device.signKey, device.label, now)!;
      return { device: toDevice(row), rooms: bumpEpochs(userId) };
    });
    this.removeTx = db.transaction((id: number, userId: number) => {
      const row = this.getStmt.get(id);
      if (!row) return 'not-found';
      if (row.user_id !== userId) return 'not-yours';
      del.run(id);
      return { device: toDevice(row), rooms: bumpEpochs(userId) };
    });
  }

  async add(userId: number, device: NewDevice, max: number, now = Date.now()): Promise<DeviceChange | 'limit'> {
    return this.addTx(userId, device, max, now);
  }

  async remove(id: number, userId: number): Promise<DeviceChange | 'not-found' | 'not-yours'> {
    return this.removeTx(id, userId);
  }

  async get(id: number): Promise<Device | undefined> {
    const row = this.getStmt.get(id);
    return row && toDevice(row);
  }

  async listFor(userId: number): Promise<Device[]> {
    return this.ofUser.all(userId).map(toDevice);
  }

  async ofRoom(roomId: number): Promise<Device[]> {
    return this.ofRoomStmt.all(roomId).map(toDevice);
  }
}
