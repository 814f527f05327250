import WebSocket from 'ws';
import type { RunningServer } from '../index.ts';
import type { HttpClient } from './http-client.ts';

// Test support for the sync limits: rooms full of the largest messages, and a client that catches
// up on them the way the web client does, cheaply enough to run in the server's own process.

export const MESSAGES_PER_ROOM = 200;

/** 10,000 characters of Korean: 30 KB of UTF-8 per message, 6 MB for a room's 200. */
export const bigBody = (i: number) => `${i} `.padEnd(10_000, '가나다라마바사아자차카타파하');

/** `count` groups of `owner` (with `memberIds`), each holding 200 of the largest messages. */
export async function seedBigRooms(server: RunningServer, owner: { client: HttpClient; user: { id: number } }, memberIds: number[], count: number): Promise<number[]> {
  const rooms: number[] = [];
  for (let r = 0; r < count; r++) {
    const roomId = (await owner.client.post('/api/rooms', { name: `큰 방 ${r}`, memberIds })).json.room.id as number;
    rooms.push(roomId);
    const items = Array.from({ length: MESSAGES_PER_ROOM }, (_, i) => ({ roomId, senderId: owner.user.id, body: bigBody(i), clientId: `seed-${r}-${i}` }));
    await server.services.messages.appendTexts(items);
  }
  return rooms;
}

export interface SyncProgress {
  bytes: number;
  /** The largest frame received. */
  largest: number;
  answers: number;
  errors: string[];
  /** Per room, the highest seq received. */
  lastSeq: Map<number, number>;
  /** Per room, how many `synced` answers ended a round (`more: false`). */
  finished: Map<number, number>;
}

/**
 * A client that follows `more` like the web client (another `sync` from the last rev it got; not
 * with `follow: false`) but never parses the big frames: it runs in the server's process, so its
 * cost would be counted too.
 */
export async function catchUpClient(url: string, cookie: string, follow = true): Promise<{ socket: WebSocket; seen: SyncProgress }> {
  const socket = new WebSocket(url.replace(/^http/, 'ws') + '/ws', { headers: { cookie }, skipUTF8Validation: true });
  const seen: SyncProgress = { bytes: 0, largest: 0, answers: 0, errors: [], lastSeq: new Map(), finished: new Map() };
  socket.on('message', (data: Buffer) => {
    seen.bytes += data.length;
    seen.largest = Math.max(seen.largest, data.length);
    const head = /^\{"type":"([\w-]+)"(?:,"roomId":(\d+))?/.exec(data.subarray(0, 64).toString())!;
    if (head[1] === 'error') seen.errors.push(JSON.parse(data.toString()).code);
    if (head[1] !== 'synced') return;
    seen.answers++;
    const roomId = Number(head[2]);
    // Bodies are JSON strings, where a quote is escaped, and messages come after the room: the last
    // `"seq":` and `"rev":` are the last message's.
    const seq = lastNumber(data, '"seq":');
    const rev = lastNumber(data, '"rev":');
    if (seq !== undefined) seen.lastSeq.set(roomId, Math.max(seen.lastSeq.get(roomId) ?? 0, seq));
    const more = data.subarray(-12).toString().endsWith('"more":true}');
    if (more && rev !== undefined && follow) socket.send(JSON.stringify({ type: 'sync', cursors: { [roomId]: rev }, only: true }));
    else if (!more) seen.finished.set(roomId, (seen.finished.get(roomId) ?? 0) + 1);
  });
  socket.on('error', () => undefined);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return { socket, seen };
}

/** The number after the last `key` in a frame, without parsing it. */
function lastNumber(data: Buffer, key: string): number | undefined {
  const at = data.lastIndexOf(key);
  return at < 0 ? undefined : Number(/^\d+/.exec(data.subarray(at + key.length, at + key.length + 24).toString())![0]);
}

/** Whether every room got all its messages (after the group's `created` line), in `rounds` complete rounds. */
export function caughtUp(seen: SyncProgress, rooms: readonly number[], rounds = 1): boolean {
  return rooms.every((id) => seen.lastSeq.get(id) === MESSAGES_PER_ROOM + 1 && (seen.finished.get(id) ?? 0) >= rounds);
}
