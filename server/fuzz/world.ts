import { rmSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { startServer, type BuildOptions, type RunningServer } from '../index.ts';
import { tempDataDir } from '../testing/harness.ts';
import { HttpClient, approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { multipartUpload } from '../testing/multipart.ts';
import { closeRawConnections } from '../testing/raw-http.ts';
import { SESSION_COOKIE } from '../accounts/session-tokens.ts';
import type { AccountUser } from '../protocol/models.ts';
import type { KnownMessage } from './change-frames.ts';

// The world a fuzz run attacks: an admin, a member who attacks (Mallory), a victim with a private
// room shared only with a bystander, a group and a DM shared with the attacker, messages, files, a
// profile photo, read cursors. Everything is made through the real API.

export interface Person {
  user: AccountUser;
  client: HttpClient;
  cookie: string;
}

export interface World {
  server: RunningServer;
  url: string;
  dataDir: string;
  admin: Person;
  victim: Person;
  attacker: Person;
  bystander: Person;
  /** Victim + bystander only: neither the attacker nor the admin is in it. */
  privateRoom: number;
  privateDm: number;
  /** Victim + attacker (+ bystander). */
  sharedGroup: number;
  sharedDm: number;
  /** The attacker's DM with themselves. */
  attackerSelf: number;
  /** Every id that exists: users, rooms, messages, files. */
  ids: number[];
  victimMessageIds: number[];
  attackerMessageIds: number[];
  /** The same messages with their rooms, as the attacker stands to them (for edit, react, replyTo). */
  messages: KnownMessage[];
  victimFileId: number;
  attackerFileId: number;
  /** Bytes of the attacker's file. */
  attackerFileSize: number;
  /** A fresh session for `who` without a password round (after the fuzz logged it out). */
  renewSession(who: Person): Promise<void>;
  close(): Promise<void>;
}

export async function smallPng(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: '#c92a2a' } }).png().toBuffer();
}

function person(user: AccountUser, client: HttpClient): Person {
  return { user, client, cookie: client.cookie };
}

async function post(ws: WsClient, roomId: number, body: string, tag: string): Promise<number> {
  ws.send({ type: 'send', tempId: tag, roomId, body });
  return (await ws.next('ack', (f) => f.tempId === tag)).message.id;
}

/** `t` is a test (or anything with `after`, such as node:test's module-level hooks) that outlives the world. */
export async function createWorld(t: Pick<TestContext, 'after'>, options: BuildOptions = {}): Promise<World> {
  const dataDir = tempDataDir();
  const server = await startServer({ port: 0, host: '127.0.0.1', logToStdout: false, logLevel: 'silent', env: {}, ...options, dataDir });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    closeRawConnections();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  t.after(close);
  const url = server.url;
  const a = await setupAdmin(url);
  const admin = person(a.user, a.client);
  const v = await approvedUser(url, a.client, '피해자 Victim');
  const m = await approvedUser(url, a.client, 'Mallory');
  const b = await approvedUser(url, a.client, '방관자 Bystander');
  const victim = person(v.user, v.client);
  const attacker = person(m.user, m.client);
  const bystander = person(b.user, b.client);

  const room = async (who: Person, route: string, body: unknown) => {
    const res = await who.client.post(route, body);
    if (res.status !== 200) throw new Error(`${route}: ${res.status} ${res.text}`);
    return res.json.room.id as number;
  };
  const privateRoom = await room(victim, '/api/rooms', { name: '비밀 방', memberIds: [bystander.user.id] });
  const privateDm = await room(victim, '/api/rooms/dm', { userId: bystander.user.id });
  const sharedGroup = await room(victim, '/api/rooms', { name: '같이 쓰는 방', memberIds: [attacker.user.id, bystander.user.id] });
  const sharedDm = await room(victim, '/api/rooms/dm', { userId: attacker.user.id });
  const attackerSelf = await room(attacker, '/api/rooms/dm', { userId: attacker.user.id });

  const vws = await WsClient.connect(url, victim.cookie);
  const mws = await WsClient.connect(url, attacker.cookie);
  const victimMessageIds: number[] = [];
  const attackerMessageIds: number[] = [];
  const messages: KnownMessage[] = [];
  let n = 0;
  for (const r of [privateRoom, privateDm, sharedGroup, sharedDm]) {
    const kind = r === privateRoom || r === privateDm ? 'foreign' : 'shared';
    for (let i = 0; i < 3; i++) {
      const id = await post(vws, r, `victim says ${i} in ${r} 🙂`, `v${n++}`);
      victimMessageIds.push(id);
      messages.push({ id, roomId: r, kind });
    }
  }
  for (const r of [sharedGroup, sharedDm, attackerSelf]) {
    const id = await post(mws, r, `mallory ${r}`, `m${n++}`);
    attackerMessageIds.push(id);
    messages.push({ id, roomId: r, kind: 'own' });
  }
  vws.send({ type: 'read', roomId: sharedGroup, seq: 2 });

  const upload = async (who: Person, roomId: number, name: string) => {
    const res = await multipartUpload(`${url}/api/rooms/${roomId}/files`, who.cookie, [{ name: 'file', filename: name, data: `contents of ${name}\n` }]);
    if (res.status !== 200) throw new Error(`upload: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json.message.file.id as number;
  };
  const victimFileId = await upload(victim, privateRoom, 'victim-secret.txt');
  const attackerFileId = await upload(attacker, sharedGroup, 'mallory.txt');
  const avatar = await multipartUpload(`${url}/api/me/avatar`, victim.cookie, [{ name: 'file', filename: 'me.png', data: await smallPng() }]);
  if (avatar.status !== 200) throw new Error(`avatar: ${avatar.status}`);
  const profile = await victim.client.request('PUT', '/api/me/profile', { statusMessage: '회의 중 — in a meeting' });
  if (profile.status !== 200) throw new Error(`profile: ${profile.status}`);
  vws.close();
  mws.close();

  const ids = [
    ...[admin, victim, attacker, bystander].map((p) => p.user.id),
    privateRoom, privateDm, sharedGroup, sharedDm, attackerSelf,
    ...victimMessageIds, ...attackerMessageIds, victimFileId, attackerFileId,
    avatar.json.user.avatarFileId as number,
  ];
  const world: World = {
    server, url, dataDir: server.services.config.dataDir, admin, victim, attacker, bystander,
    privateRoom, privateDm, sharedGroup, sharedDm, attackerSelf,
    ids: [...new Set(ids)].sort((x, y) => x - y),
    victimMessageIds, attackerMessageIds, messages, victimFileId, attackerFileId, attackerFileSize: Buffer.byteLength('contents of mallory.txt\n'),
    async renewSession(who) {
      const token = await server.services.sessions.create(who.user.id);
      who.cookie = `${SESSION_COOKIE}=${token}`;
      who.client.cookie = who.cookie;
    },
    close,
  };
  return world;
}

/** Loose readings of an id (what a lax parser might make of it). */
export function looseIds(value: string): number[] {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // keep it
  }
  return [value, decoded].flatMap((s) => [Number(s), Number(s.trim()), parseInt(s, 10), parseInt(s), parseFloat(s)]);
}

/** Admin routes that can lock an account out, demote it or end its sessions. */
const ACCOUNT_ENDING_ROUTES = new Set(['rejectUser', 'disableUser', 'deleteUser', 'setUserRole', 'forceLogout']);

/** True when rejecting (disabling, deleting…) the user behind `idParam` might hit one of the people a run depends on. */
export function mightRejectSomeoneNeeded(world: World, routeName: string, idParam: string | undefined): boolean {
  if (!ACCOUNT_ENDING_ROUTES.has(routeName)) return false;
  const needed = new Set([world.admin, world.victim, world.attacker, world.bystander].map((p) => p.user.id));
  return looseIds(idParam ?? '').some((n) => needed.has(n));
}

/** Messages whose sender is not a member of their room: must always be none. */
export function messagesOutsideMembership(world: World): Array<{ id: number; roomId: number; senderId: number }> {
  const db = new Database(path.join(world.dataDir, 'sotong.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT m.id AS id, m.room_id AS roomId, m.sender_id AS senderId FROM messages m
         WHERE NOT EXISTS (SELECT 1 FROM room_members rm WHERE rm.room_id = m.room_id AND rm.user_id = m.sender_id)`,
      )
      .all() as Array<{ id: number; roomId: number; senderId: number }>;
  } finally {
    db.close();
  }
}
