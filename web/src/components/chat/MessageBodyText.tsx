import type { MentionNames } from '../../lib/linkify.ts';
import { useStore } from '../../state/store.ts';
import { messageText } from './message-text.ts';

const NO_MENTIONS: MentionNames = { users: [], all: false };

/** A message's text with its links and mentions (see lib/linkify.ts); the rest is plain text. */
export function MessageBodyText({ body, senderId }: { body: string; senderId: number }) {
  const meId = useStore((s) => s.me?.id ?? 0);
  return <>{messageText(body, NO_MENTIONS, { meId, senderId })}</>;
}

