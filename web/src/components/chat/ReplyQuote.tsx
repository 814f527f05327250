import type { ReplyQuote as Quote } from '../../../../server/protocol/index.ts';
import { t } from '../../lib/i18n.ts';
import { tm } from '../../lib/i18n-messages.ts';
import { jumpToMessage } from '../../state/jump.ts';
import { showToast } from '../../state/toast.ts';
import { useStore } from '../../state/store.ts';
import { quoteText } from './quote-text.ts';

/** The quote at the top of a reply: who, and one line of what they said; a click shows the original. */
export function ReplyQuote({ quote, roomId }: { quote: Quote; roomId: number }) {
  const sender = useStore((s) => s.users[quote.senderId]);
  return (
    <button
      type="button"
      class={quote.deleted ? 'quote gone' : 'quote'}
      onClick={(e) => {
        e.stopPropagation();
        jumpToMessage(roomId, quote.seq).then(
          (found) => found || showToast(tm.originalGone, 'error'),
          (err: unknown) => showToast((err as Error).message, 'error'),
        );
      }}
      title={tm.jumpToOriginal}
      data-testid="reply-quote"
      data-seq={quote.seq}
    >
      <span class="quote-name">{sender?.name ?? t.unknownUser}</span>
      <span class="quote-text">{quoteText(quote)}</span>
    </button>
  );
}
