import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import argon2 from 'argon2';
import { openDatabase, type Db } from '../../server/storage/sqlite/database.ts';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../server/accounts/session-tokens.ts';

// Seeding straight into SQLite, ON PURPOSE bypassing the HTTP path: creating 10,000 accounts through
// /api/auth/signup costs one argon2id hash each (19 MiB, t=2, two at a time), i.e. minutes of CPU
// that would measure the password hasher rather than the messenger. The rows are exactly what the
// server writes itself (schema from the server's own migrations; one real argon2id hash of the bench
// password shared by every seeded user, so a seeded user can really log in; session rows holding
// sha256(token) like server/accounts/sessions.ts). Every scenario still creates its first admin and
// a few users through the real HTTP path (setup, sign-up, approval, login).

export const BENCH_PASSWORD = 'bench-password-소통-2024';

let hashPromise: Promise<string> | undefined;

/** argon2id with the server's parameters (server/accounts/passwords.ts). */
export function benchPasswordHash(): Promise<string> {
  hashPromise ??= argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  return hashPromise;
}

export interface SeededUser {
  id: number;
  email: string;
  /** `sotong_session=…` for users given a session. */
  cookie?: string;
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}`;
}

export class Seeder {
  readonly db: Db;

  constructor(dataDir: string) {
    this.db = openDatabase(path.join(dataDir, 'sotong.db'));
  }

  /** Active members with the shared hash; with a session each when `sessions` is set. */
  users(count: number, prefix: string, passwordHash: string, sessions: boolean): SeededUser[] {
    const now = Date.now();
    const insertUser = this.db.prepare(
      `INSERT INTO users (email, employee_no, name, department, position, avatar_color, role, status, password_hash, created_at, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, 'member', 'active', ?, ?, ?)`,
    );
    const insertSession = this.db.prepare(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
    );
    const departments = ['개발팀', '영업팀', '총무팀', '디자인팀', '생산팀', '품질팀'];
    const out: SeededUser[] = [];
    this.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const email = `${prefix}${i}@bench.local`;
        const info = insertUser.run(email, `${prefix.toUpperCase()}-${i}`, `벤치 ${prefix}${i}`, departments[i % departments.length], '사원', i % 12, passwordHash, now, now);
        const id = Number(info.lastInsertRowid);
        const user: SeededUser = { id, email };
        if (sessions) {
          const token = randomBytes(32).toString('base64url');
          insertSession.run(createHash('sha256').update(token).digest(), id, now, now + SESSION_TTL_MS, now);
          user.cookie = sessionCookie(token);
        }
        out.push(user);
      }
    })();
    return out;
  }

  /** Group rooms with members; returns room ids. */
  rooms(memberLists: number[][], lastSeq = 0): number[] {
    const now = Date.now();
    const insertRoom = this.db.prepare("INSERT INTO rooms (kind, name, last_seq, created_by, created_at) VALUES ('group', ?, ?, ?, ?)");
    const insertMember = this.db.prepare('INSERT INTO room_members (room_id, user_id, last_read_seq, joined_at) VALUES (?, ?, ?, ?)');
    const ids: number[] = [];
    this.db.transaction(() => {
      memberLists.forEach((members, i) => {
        const id = Number(insertRoom.run(`벤치 방 ${i + 1}`, lastSeq, members[0] ?? null, now).lastInsertRowid);
        for (const userId of members) insertMember.run(id, userId, Math.floor(lastSeq * 0.9), now);
        ids.push(id);
      });
    })();
    return ids;
  }

  /**
   * `perRoom` messages in each room, interleaved across rooms in time order the way a real day
   * writes them (a room's rows are scattered through the table, not stored together), committed
   * in transactions of `batch` rows. `makeBody` writes each text (default: a few words from a short list).
   */
  messages(rooms: Array<{ id: number; senders: number[] }>, perRoom: number, batch: number, startAt: number, makeBody?: () => string): number {
    const insert = this.db.prepare('INSERT INTO messages (room_id, seq, sender_id, body, created_at) VALUES (?, ?, ?, ?, ?)');
    const words = ['안녕하세요', '회의', '자료', '확인', '부탁드립니다', '오늘', '내일', '점심', 'OK', '네', '감사합니다', '공유', '일정', '보고서', '검토', 'meeting', 'PR', '배포', '수정했습니다', '🙂'];
    let rnd = 12345;
    const next = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff);
    const body = makeBody ?? (() => {
      const n = 3 + (next() % 14);
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(words[next() % words.length]!);
      return parts.join(' ');
    });
    let rows = 0;
    let seq = 1;
    let r = 0;
    const total = rooms.length * perRoom;
    const chunk = this.db.transaction((count: number) => {
      for (let i = 0; i < count; i++) {
        const room = rooms[r]!;
        insert.run(room.id, seq, room.senders[(seq + r) % room.senders.length]!, body(), startAt + rows * 60);
        rows++;
        if (++r === rooms.length) {
          r = 0;
          seq++;
        }
      }
    });
    while (rows < total) chunk(Math.min(batch, total - rows));
    return rows;
  }

  close(): void {
    this.db.close();
  }
}
