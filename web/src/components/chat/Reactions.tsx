import { useEffect, useRef, useState } from 'preact/hooks';
import type { Message, Reaction } from '../../../../server/protocol/index.ts';
import { t } from '../../lib/i18n.ts';
import { tm } from '../../lib/i18n-messages.ts';
import { toggleReaction } from '../../state/message-changes.ts';
import { useStore } from '../../state/store.ts';
import { useLongPress } from './useLongPress.ts';

/** How long the "who reacted" bubble stays after a long press on a phone (no hover to end it). */
const WHO_ON_TOUCH_MS = 2500;

function Chip({ message, reaction, meId }: { message: Message; reaction: Reaction; meId: number }) {
  const users = useStore((s) => s.users);
  const myName = useStore((s) => s.me?.name);
  const [who, setWho] = useState(false);
  const pressed = useRef(false);
  const hide = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (hide.current && clearTimeout(hide.current)), []);
  // A long press shows who; the click that follows the finger's release must not toggle.
  const press = useLongPress(() => {
    pressed.current = true;
    setWho(true);
    if (hide.current) clearTimeout(hide.current);
    hide.current = setTimeout(() => setWho(false), WHO_ON_TOUCH_MS);
  });
  const mine = reaction.userIds.includes(meId);
  const names = reaction.userIds.map((id) => (id === meId ? (myName ?? t.unknownUser) : (users[id]?.name ?? t.unknownUser))).join(', ');
  return (
    <span class="reaction-wrap">
      <button
        type="button"
        class={mine ? 'reaction mine' : 'reaction'}
        aria-pressed={mine}
        aria-label={`${tm.reactWith(reaction.emoji)} ${reaction.userIds.length} — ${tm.reactedBy(names)}`}
        onClick={() => {
          if (pressed.current) pressed.current = false;
          else toggleReaction(message, reaction.emoji);
        }}
        onMouseEnter={() => setWho(true)}
        onMouseLeave={() => setWho(false)}
        onContextMenu={(e) => e.preventDefault()}
        {...press}
        data-testid="reaction"
        data-emoji={reaction.emoji}
        data-mine={mine}
      >
        <span class="reaction-emoji">{reaction.emoji}</span>
        <span class="reaction-count">{reaction.userIds.length}</span>
      </button>
      {who && (
        <span class="reaction-who" role="tooltip" data-testid="reaction-who">
          <span class="reaction-who-emoji">{reaction.emoji}</span>
          {names}
        </span>
      )}
    </span>
  );
}

/** The reactions under a bubble: emoji and count, mine highlighted; a click toggles mine. */
export function Reactions({ message }: { message: Message }) {
  const meId = useStore((s) => s.me?.id ?? 0);
  if (message.deleted || message.reactions.length === 0) return null;
  return (
    <div class="reactions" data-testid="reactions">
      {message.reactions.map((r) => (
        <Chip key={r.emoji} message={message} reaction={r} meId={meId} />
      ))}
    </div>
  );
}
