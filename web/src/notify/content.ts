import type { Message } from '../../../server/protocol/index.ts';
import { excerptOf } from '../../../server/protocol/excerpt.ts';

// What a desktop notification says. One per room (the tag), so a burst replaces the previous one
// with a count instead of stacking up.

export interface NotificationContent {
  title: string;
  body: string;
  /** The room: the browser replaces a shown notification with the same tag. */
  tag: string;
}

export interface ContentWords {
  /** The title: who wrote it, and where (a DM's room is the sender, so only the name). */
  title: (sender: string, room: string | null) => string;
  /** The line above the excerpt when several arrived. */
  more: (count: number) => string;
  /** The excerpt of a message that is only a file. */
  file: (name: string) => string;
  photo: string;
}

/** `count` is how many have arrived in this room since it was last seen, this one included. */
export function contentOf(message: Message, sender: string, room: string | null, count: number, words: ContentWords): NotificationContent {
  const text = excerptOf(message.body);
  const what = message.file ? (message.file.kind === 'image' ? words.photo : words.file(message.file.name)) : '';
  const line = text && what ? `${what} · ${text}` : text || what;
  return {
    title: words.title(sender, room),
    body: count > 1 ? `${words.more(count)}\n${line}` : line,
    tag: `room-${message.roomId}`,
  };
}

/** Unseen arrivals per room, counted until the room is opened (then forgotten). */
export class BurstCounter {
  private readonly counts = new Map<number, number>();

  add(roomId: number): number {
    const n = (this.counts.get(roomId) ?? 0) + 1;
    this.counts.set(roomId, n);
    return n;
  }

  clear(roomId: number): void {
    this.counts.delete(roomId);
  }
}
