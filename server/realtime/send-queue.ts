import type { Services } from '../services.ts';
import type { NewText } from '../messages/messages-repo.ts';
import type { Connection } from './connection.ts';
import { sendError } from './send-error.ts';

interface Pending {
  conn: Connection;
  tempId: string;
  item: NewText;
}

/**
 * Group commit for text messages. Sends that arrive within one turn of the event loop are stored in
 * one transaction; only then is each acknowledged and fanned out, in arrival order. Under load that
 * is one WAL write and one socket write per recipient per burst instead of per message; when idle a
 * burst is a single message and the only cost is waiting for the current turn to end.
 */
export class SendQueue {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly services: Services) {}

  enqueue(conn: Connection, tempId: string, item: NewText): void {
    this.pending.push({ conn, tempId, item });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    const { messages, rooms, hub, stats, logger } = this.services;
    let stored;
    try {
      stored = messages.appendTexts(batch.map((p) => p.item));
    } catch (err) {
      // Nothing of the batch was committed (one transaction), so nothing is acknowledged.
      logger.error({ err, size: batch.length }, 'storing messages failed');
      for (const p of batch) sendError(p.conn, 'INTERNAL', p.tempId);
      return;
    }
    hub.corked(() => {
      stored.forEach(({ message, duplicate }, i) => {
        const { conn, tempId } = batch[i]!;
        hub.sendTo(conn, JSON.stringify({ type: 'ack', tempId, message }));
        if (duplicate) return;
        stats.countMessage();
        hub.sendToUsers(rooms.memberIds(message.roomId), { type: 'message', message }, conn);
      });
    });
  }
}
