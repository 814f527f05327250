import { useMemo } from 'preact/hooks';
import type { Message } from '../../../../server/protocol/index.ts';
import type { MentionNames } from '../../lib/linkify.ts';
import { useStore } from '../../state/store.ts';
import { messageText } from './message-text.ts';

type Props = Pick<Message, 'body' | 'senderId'> & Partial<Pick<Message, 'mentions' | 'mentionAll'>>;

/** A message's text with its links and mentions (see lib/linkify.ts); the rest is plain text. */
export function MessageBodyText({ body, senderId, mentions = [], mentionAll = false }: Props) {
  const meId = useStore((s) => s.me?.id ?? 0);
  const users = useStore((s) => s.users);
  // A mention is highlighted by the person's name as it is now (a renamed person's old @name stays text).
  const names = useMemo<MentionNames>(
    () => ({ users: mentions.flatMap((userId) => (users[userId] ? [{ userId, name: users[userId].name }] : [])), all: mentionAll }),
    [mentions, mentionAll, users],
  );
  return <>{messageText(body, names, { meId, senderId })}</>;
}
