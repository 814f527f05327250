import type { Message } from '../../../../server/protocol/index.ts';
import { quoteOf } from '../../../../server/protocol/excerpt.ts';
import { t } from '../../lib/i18n.ts';
import { tm } from '../../lib/i18n-messages.ts';
import { cancelEdit, cancelReply } from '../../state/message-changes.ts';
import { useStore } from '../../state/store.ts';
import { CloseIcon, EditIcon, ReplyIcon } from '../common/icons.tsx';
import { quoteText } from './quote-text.ts';

/** Above the text field: "replying to <name>: …" or "editing message", each with a cancel ×. */
export function ComposerBanner({ roomId, editing, replying }: { roomId: number; editing: Message | null; replying: Message | null }) {
  const users = useStore((s) => s.users);
  if (!editing && !replying) return null;
  const name = replying ? (users[replying.senderId]?.name ?? t.unknownUser) : '';
  return (
    <div class={editing ? 'composer-banner editing' : 'composer-banner'} data-testid={editing ? 'edit-banner' : 'reply-banner'}>
      <span class="composer-banner-icon">{editing ? <EditIcon size={18} /> : <ReplyIcon size={18} />}</span>
      <div class="composer-banner-text">
        <strong>{editing ? tm.editing : tm.replyingTo(name)}</strong>
        <span>{editing ? tm.editHint : quoteText(quoteOf(replying!))}</span>
      </div>
      <button
        type="button"
        class="icon-btn small"
        onClick={() => (editing ? cancelEdit() : cancelReply(roomId))}
        aria-label={editing ? tm.cancelEdit : tm.cancelReply}
        title={editing ? tm.cancelEdit : tm.cancelReply}
        data-testid="banner-cancel"
      >
        <CloseIcon size={16} />
      </button>
    </div>
  );
}
