import { memo } from 'preact/compat';
import { useState } from 'preact/hooks';
import type { Message } from '../../../../server/protocol/index.ts';
import { formatStamp, formatTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { tm } from '../../lib/i18n-messages.ts';
import { openFromTimeline } from '../../state/gallery.ts';
import { discard, retry } from '../../state/messages.ts';
import { useStore, type PendingMessage } from '../../state/store.ts';
import { Avatar } from '../common/Avatar.tsx';
import { FailActions } from '../common/FailActions.tsx';
import { BlockedIcon } from '../common/icons.tsx';
import { FileCard, ImageAttachment } from './Attachment.tsx';
import { MessageActions } from './MessageActions.tsx';
import { MessageBodyText } from './MessageBodyText.tsx';
import { Reactions } from './Reactions.tsx';
import { ReplyQuote } from './ReplyQuote.tsx';
import { useLongPress } from './useLongPress.ts';

interface Props {
  message: Message;
  mine: boolean;
  first: boolean;
  last: boolean;
  /** Members who have not read it yet. */
  unread: number;
  senderName: string;
  senderColor: number;
  senderPhoto: string | null;
  showName: boolean;
  /** Flashed after a jump to it (its quote was clicked). */
  highlighted?: boolean;
}

function Content({ message }: { message: Message }) {
  if (message.deleted) {
    return (
      <div class="bubble deleted" data-testid="message-deleted">
        <BlockedIcon size={15} />
        {t.messageDeleted}
      </div>
    );
  }
  const file = message.file;
  // A text reply carries its quote inside the bubble; a file reply above the file.
  const quote = message.replyTo && <ReplyQuote quote={message.replyTo} roomId={message.roomId} />;
  return (
    <>
      {file && quote && <div class="bubble quote-card">{quote}</div>}
      {file?.kind === 'image' && <ImageAttachment file={file} onOpen={() => openFromTimeline(message.roomId, message.id)} />}
      {file && file.kind !== 'image' && <FileCard file={file} />}
      {(message.body || !file) && (
        <div class={file ? 'bubble caption' : quote ? 'bubble has-quote' : 'bubble'}>
          {!file && quote}
          <div class="bubble-text" data-testid="message-body">
            <MessageBodyText body={message.body} senderId={message.senderId} mentions={message.mentions} mentionAll={message.mentionAll} />
          </div>
        </div>
      )}
    </>
  );
}

/** One confirmed message. User text is only ever rendered as a text node. */
export const MessageItem = memo(function MessageItem({
  message,
  mine,
  first,
  last,
  unread,
  senderName,
  senderColor,
  senderPhoto,
  showName,
  highlighted = false,
}: Props) {
  const [menu, setMenu] = useState(false);
  // Anyone's live message has a menu (react, reply, pin as notice); deleting is checked in MessageActions.
  const actionable = !message.deleted && !message.system;
  const press = useLongPress(() => actionable && setMenu(true));
  return (
    <div
      class={`msg ${mine ? 'mine' : 'theirs'}${first ? ' first' : ''}${highlighted ? ' highlighted' : ''}`}
      data-testid="message"
      data-seq={message.seq}
      data-id={message.id}
      data-mine={mine}
    >
      {!mine && (
        <div class="msg-avatar">{first && <Avatar name={senderName} color={senderColor} photo={senderPhoto} size="sm" />}</div>
      )}
      <div class="msg-col">
        {!mine && first && showName && <div class="msg-name">{senderName}</div>}
        <div class="msg-line">
          <div
            class="msg-content"
            {...(actionable ? press : {})}
            onContextMenu={
              actionable
                ? (e) => {
                    // Right-click (or a long press that the browser reports as one) opens our menu.
                    e.preventDefault();
                    setMenu(true);
                  }
                : undefined
            }
          >
            <Content message={message} />
          </div>
          <div class="msg-meta">
            {unread > 0 && (
              <span class="unread-count" data-testid="unread-count">
                {unread}
              </span>
            )}
            {message.editedAt !== null && !message.deleted && (
              <span class="edited-mark" title={tm.editedAt(formatStamp(message.editedAt))} data-testid="edited-mark">
                {tm.edited}
              </span>
            )}
            {last && <time dateTime={new Date(message.createdAt).toISOString()}>{formatTime(message.createdAt)}</time>}
          </div>
          {actionable && <MessageActions message={message} mine={mine} open={menu} setOpen={setMenu} />}
        </div>
        <Reactions message={message} />
      </div>
    </div>
  );
});

/** A message of ours that the server has not confirmed: sending, or failed with retry/discard. */
export function PendingItem({ p }: { p: PendingMessage }) {
  const failed = p.status === 'failed';
  const meId = useStore((s) => s.me?.id ?? 0);
  return (
    <div
      class={`msg mine pending${failed ? ' failed' : ''}`}
      data-testid={failed ? 'msg-failed' : 'msg-pending'}
      data-temp-id={p.tempId}
    >
      <div class="msg-col">
        <div class="msg-line">
          <div class={p.replyTo ? 'bubble has-quote' : 'bubble'}>
            {p.replyTo && <ReplyQuote quote={p.replyTo} roomId={p.roomId} />}
            <div class="bubble-text" data-testid="message-body">
              <MessageBodyText body={p.body} senderId={meId} mentions={p.mentions} mentionAll={p.mentionAll} />
            </div>
          </div>
          <div class="msg-meta">
            {failed ? (
              <FailActions onRetry={() => retry(p.tempId)} onDiscard={() => discard(p.tempId)} retryTestid="retry" discardTestid="discard" />
            ) : (
              <span class="sending" title={t.sending} aria-label={t.sending} />
            )}
          </div>
        </div>
        {failed && <div class="fail-text">{p.error ?? t.failed}</div>}
      </div>
    </div>
  );
}
