import type { PgDb } from './database.ts';
import type { SettingsStore } from '../stores.ts';

export class PgSettings implements SettingsStore {
  constructor(private readonly db: PgDb) {}

  async get(userId: number): Promise<string | undefined> {
    return (await this.db.one<{ body: string }>('SELECT body FROM user_settings WHERE user_id = $1', [userId]))?.body;
  }

  async put(userId: number, json: string, now = Date.now()): Promise<void> {
    await this.db.run(
      `INSERT INTO user_settings (user_id, body, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      [userId, json, now],
    );
  }
}
