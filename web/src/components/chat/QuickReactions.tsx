import type { Message } from '../../../../server/protocol/index.ts';
import { tm } from '../../lib/i18n-messages.ts';
import { hasReacted, toggleReaction } from '../../state/message-changes.ts';
import { useStore } from '../../state/store.ts';
import { AddReactionIcon } from '../common/icons.tsx';

/** The quick set, as KakaoTalk offers it: love, like, laugh, surprise, sad, thanks. */
export const QUICK_REACTIONS = ['❤️', '👍', '😂', '😮', '😢', '🙏'] as const;

/** The row of quick reactions at the top of the message menu (mine marked), and "more" for the picker. */
export function QuickReactions({ message, onDone, onMore }: { message: Message; onDone: () => void; onMore: () => void }) {
  const meId = useStore((s) => s.me?.id ?? 0);
  if (message.deleted || message.system) return null;
  return (
    <div class="quick-reactions" role="group" aria-label={tm.react}>
      {QUICK_REACTIONS.map((emoji) => (
        <button
          key={emoji}
          type="button"
          class={hasReacted(message, emoji, meId) ? 'quick-reaction mine' : 'quick-reaction'}
          onClick={() => {
            toggleReaction(message, emoji);
            onDone();
          }}
          aria-label={tm.reactWith(emoji)}
          title={tm.reactWith(emoji)}
          data-testid="quick-reaction"
          data-emoji={emoji}
        >
          {emoji}
        </button>
      ))}
      <button type="button" class="quick-reaction more" onClick={onMore} aria-label={tm.moreEmoji} title={tm.moreEmoji} data-testid="more-reactions">
        <AddReactionIcon size={21} />
      </button>
    </div>
  );
}
