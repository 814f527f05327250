import type { ServerFrame } from '../protocol/frames.ts';
import type { Message, Room } from '../protocol/models.ts';
import type { HttpClient } from './http-client.ts';
import type { WsClient } from './ws-client.ts';

// A client's copy of its rooms, kept by the change-feed rules of docs/protocol.md §8 and nothing
// else: per room the highest rev applied; live frames applied as they come; after a reconnect one
// `sync` with every cursor, its answers applied by replacing rooms and upserting messages by id.
// The resync tests compare it with what the server says over HTTP.

type Synced = Extract<ServerFrame, { type: 'synced' }>;

export class FeedReplica {
  readonly rooms = new Map<number, Room>();
  /** The history held per room (by message id), for the rooms whose history was loaded. */
  readonly timelines = new Map<number, Map<number, Message>>();
  readonly cursors = new Map<number, number>();
  /** Every `synced` frame applied, in order. */
  readonly answers: Synced[] = [];
  /** Live frames whose rev skipped ahead of the room's cursor. */
  readonly gaps: Array<{ roomId: number; rev: number; cursor: number }> = [];

  /** The room list and every room's whole history over HTTP, as a client that starts fresh. */
  async load(client: HttpClient): Promise<void> {
    for (const room of (await client.get('/api/rooms')).json.rooms as Room[]) {
      this.rooms.set(room.id, room);
      this.cursors.set(room.id, room.rev);
      this.timelines.set(room.id, new Map((await history(client, room.id)).map((m) => [m.id, m])));
    }
  }

  /** The contiguity rule: true when `rev` was the next one (or old), false for a gap. */
  private note(roomId: number, rev: number): void {
    const cursor = this.cursors.get(roomId) ?? 0;
    if (rev === cursor + 1) this.cursors.set(roomId, rev);
    else if (rev > cursor + 1) this.gaps.push({ roomId, rev, cursor });
  }

  private upsert(message: Message): void {
    this.timelines.get(message.roomId)?.set(message.id, message);
  }

  /** A live frame, while connected. */
  applyLive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'message':
      case 'ack':
        this.upsert(frame.message);
        return this.note(frame.message.roomId, frame.message.rev);
      case 'deleted': {
        const held = this.timelines.get(frame.roomId)?.get(frame.messageId);
        if (held) this.upsert({ ...held, deleted: true, body: '', file: null, rev: frame.rev, reactions: [], mentions: [] });
        return this.note(frame.roomId, frame.rev);
      }
      case 'read': {
        const room = this.rooms.get(frame.roomId);
        if (room) this.rooms.set(room.id, { ...room, rev: Math.max(room.rev, frame.rev), members: room.members.map((m) => (m.userId === frame.userId ? { ...m, lastReadSeq: frame.seq } : m)) });
        return this.note(frame.roomId, frame.rev);
      }
      case 'room':
        this.rooms.set(frame.room.id, frame.room);
        if (!this.cursors.has(frame.room.id)) this.cursors.set(frame.room.id, frame.room.rev);
        return this.note(frame.room.id, frame.room.rev);
      case 'removed':
        return this.drop(frame.roomId);
      default:
    }
  }

  private drop(roomId: number): void {
    this.rooms.delete(roomId);
    this.timelines.delete(roomId);
    this.cursors.delete(roomId);
  }

  /**
   * Catches up over `ws` alone: one `sync` with every cursor, `more` followed (only that room),
   * until every request is answered by its `sync-done`. Returns what the sync started from.
   */
  async resync(ws: WsClient, timeoutMs = 20_000): Promise<Map<number, number>> {
    const from = new Map(this.cursors);
    let outstanding = 1;
    let seen = ws.frames.length;
    ws.send({ type: 'sync', cursors: Object.fromEntries(this.cursors) });
    const end = Date.now() + timeoutMs;
    while (outstanding > 0) {
      if (Date.now() > end) throw new Error(`resync: ${outstanding} sync frames unanswered`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (; seen < ws.frames.length; seen++) {
        const frame = ws.frames[seen]!;
        if (frame.type === 'sync-done') outstanding--;
        else if (frame.type === 'synced') {
          if (this.applySynced(frame)) {
            outstanding++;
            ws.send({ type: 'sync', cursors: { [frame.roomId]: frame.messages.at(-1)!.rev }, only: true });
          }
        } else this.applyLive(frame);
      }
    }
    return from;
  }

  /** Applies one `synced` frame; true when the room needs another `sync` (more). */
  private applySynced(frame: Synced): boolean {
    this.answers.push(frame);
    this.rooms.set(frame.roomId, frame.room);
    for (const m of frame.messages) this.upsert(m);
    if (frame.continues) return false;
    if (frame.more) {
      this.cursors.set(frame.roomId, frame.messages.at(-1)!.rev);
      return true;
    }
    this.cursors.set(frame.roomId, frame.room.rev);
    return false;
  }

  /** A held history, oldest first. */
  timeline(roomId: number): Message[] {
    return [...(this.timelines.get(roomId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }
}

/** A room's whole history over HTTP, oldest first. */
export async function history(client: HttpClient, roomId: number): Promise<Message[]> {
  const all: Message[] = [];
  for (let before: number | undefined; ; ) {
    const page = (await client.get(`/api/rooms/${roomId}/messages?limit=100${before ? `&before=${before}` : ''}`)).json as { messages: Message[]; hasMore: boolean };
    all.unshift(...page.messages);
    if (!page.hasMore || !page.messages.length) return all;
    before = page.messages[0]!.seq;
  }
}
