import type { Message } from '../../../../server/protocol/index.ts';
import { tm } from '../../lib/i18n-messages.ts';
import { hasReacted, toggleReaction } from '../../state/message-changes.ts';
import { useStore } from '../../state/store.ts';

/** The quick set, as KakaoTalk offers it: love, like, laugh, surprise, sad, thanks. */
export const QUICK_REACTIONS = ['❤️', '👍', '😂', '😮', '😢', '🙏'] as const;

/** The row of quick reactions at the top of the message menu; mine are marked. */
export function QuickReactions({ message, onDone }: { message: Message; onDone: () => void }) {
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
    </div>
  );
}
