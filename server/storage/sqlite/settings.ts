import type { Db } from './database.ts';
import type { SettingsStore } from '../stores.ts';

export class SqliteSettings implements SettingsStore {
  private readonly select;
  private readonly upsert;

  constructor(db: Db) {
    this.select = db.prepare<[number], { body: string }>('SELECT body FROM user_settings WHERE user_id = ?');
    this.upsert = db.prepare<[number, string, number]>(
      `INSERT INTO user_settings (user_id, body, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    );
  }

  async get(userId: number): Promise<string | undefined> {
    return this.select.get(userId)?.body;
  }

  async put(userId: number, json: string, now = Date.now()): Promise<void> {
    this.upsert.run(userId, json, now);
  }
}
