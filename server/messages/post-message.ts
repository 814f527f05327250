import type { Logger } from 'pino';
import type { FileInfo, Message } from '../protocol/models.ts';
import type { MessagesStore, NewText, RoomsStore } from '../storage/stores.ts';
import type { Hub } from '../realtime/hub.ts';
import type { Connection } from '../realtime/connection.ts';
import { sendError } from '../realtime/send-error.ts';
import { failureCode } from '../util/failure-code.ts';
import { wellFormed } from '../util/well-formed.ts';
import type { Stats } from '../stats/stats.ts';
import { ackFrame, messageFrame, type MessageEvents } from './message-events.ts';
import { canReplyTo } from './reply-target.ts';
import { mentionProblem, type MentionRequest } from './mentions.ts';
import { asksSealed, sealedContent, type ContentRequest } from '../secret/sealed-content.ts';
import type { Sealed } from '../storage/stores.ts';

// Posting a message, in one place: validate → store → acknowledge → fan out → count.
//
// Text sent over the WebSocket is group-committed: sends that arrive within one turn of the event
// loop are stored in one transaction; only then is each acknowledged and fanned out, in arrival
// order, with every recipient's socket corked for the burst. Under load that is one database write
// and one socket write per recipient per burst instead of per message; when idle a burst is a single
// message and the only cost is waiting for the current turn to end.

export interface PostMessageDeps {
  messages: MessagesStore;
  rooms: RoomsStore;
  hub: Hub;
  stats: Stats;
  logger: Logger;
  events: MessageEvents;
}

export interface TextToPost extends MentionRequest, ContentRequest {
  tempId: string;
  roomId: number;
  /** The message this one answers (same room, not deleted). */
  replyTo?: number;
}

interface Pending {
  conn: Connection;
  tempId: string;
  item: NewText;
}

export class MessagePoster {
  private pending: Pending[] = [];
  private scheduled = false;
  /**
   * The burst being stored and fanned out. The next waits for it: on a store that answers
   * asynchronously (PostgreSQL), two bursts in flight could commit, be acknowledged and fan out in
   * either order, and a room's messages would reach its members out of seq order.
   */
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PostMessageDeps) {}

  /** A text from a connection: refused with an error frame, or acknowledged after it is stored. */
  async postText(conn: Connection, text: TextToPost): Promise<void> {
    const body = text.body ?? '';
    const member = await this.deps.rooms.isMember(text.roomId, conn.userId);
    if (!asksSealed(text) && body.trim().length === 0) {
      const secret = member && (await this.deps.rooms.keyState(text.roomId))?.secret === true;
      return sendError(conn, secret ? 'SECRET_CIPHER_MISSING' : 'MESSAGE_EMPTY', text.tempId);
    }
    // Membership is checked at send time, on every frame: the client's idea of its rooms is never trusted.
    if (!member) return sendError(conn, 'NOT_A_MEMBER', text.tempId);
    // A secret room takes an envelope for its key epoch now, never text; a plain room no envelope.
    const content = await sealedContent(this.deps.rooms, text.roomId, text);
    if (typeof content === 'string') return sendError(conn, content, text.tempId);
    const replyTo = text.replyTo ?? null;
    if (replyTo !== null && !(await canReplyTo(this.deps.messages, text.roomId, replyTo))) return sendError(conn, 'REPLY_NOT_FOUND', text.tempId);
    const mentionRefused = await mentionProblem(this.deps.rooms, text.roomId, conn.userId, text);
    if (mentionRefused) return sendError(conn, mentionRefused, text.tempId);
    const { mentions = [], mentionAll = false } = text;
    // A send retried after a lost ack is acknowledged again, not stored twice.
    this.pending.push({ conn, tempId: text.tempId, item: { roomId: text.roomId, senderId: conn.userId, body: wellFormed(body), ...(content.sealed ?? {}), clientId: text.tempId, replyTo, mentions, mentionAll } });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.flushing = this.flushing.then(() => this.flush()).catch((err: unknown) => this.deps.logger.error({ err }, 'fanning out messages failed'));
      });
    }
  }

  /** A file (with its caption, perhaps answering `replyTo`) from an upload: stored on its own and fanned out to every member. */
  async postFile(roomId: number, senderId: number, caption: string, file: FileInfo, replyTo: number | null = null, sealed: Sealed | null = null): Promise<Message> {
    const message = await this.deps.messages.append(roomId, senderId, wellFormed(caption), file, Date.now(), replyTo, sealed);
    this.deps.stats.countMessage();
    await this.deps.events.posted(message);
    return message;
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    const { messages, rooms, hub, stats, logger } = this.deps;
    let stored;
    try {
      stored = await messages.appendTexts(batch.map((p) => p.item));
    } catch (err) {
      // Nothing of the batch was committed (one transaction), so nothing is acknowledged. A full
      // disk is the admin's to fix, not a bug: said plainly to the senders, logged without a stack.
      const code = failureCode(err);
      const why = { code: (err as { code?: string }).code, size: batch.length };
      if (code === 'DISK_FULL') logger.warn(why, 'storing messages failed: the disk is full');
      else if (code === 'DATABASE_UNAVAILABLE') logger.warn({ ...why, message: (err as Error).message }, 'storing messages failed: the database is unavailable');
      else logger.error({ err, size: batch.length }, 'storing messages failed');
      for (const p of batch) sendError(p.conn, code, p.tempId);
      return;
    }
    // Every room's members before the burst starts, so the corked section is synchronous.
    const members = new Map<number, readonly number[]>();
    for (const { message } of stored) {
      if (!members.has(message.roomId)) members.set(message.roomId, await rooms.memberIds(message.roomId));
    }
    hub.corked(() => {
      stored.forEach(({ message, duplicate }, i) => {
        const { conn, tempId } = batch[i]!;
        hub.sendFrameTo(conn, ackFrame(tempId, message));
        if (duplicate) return;
        stats.countMessage();
        hub.sendToUsers(members.get(message.roomId)!, messageFrame(message), conn);
      });
    });
  }
}
