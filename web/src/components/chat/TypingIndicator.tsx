import { t } from '../../lib/i18n.ts';
import { useStore } from '../../state/store.ts';

export function TypingIndicator({ roomId }: { roomId: number }) {
  const typing = useStore((s) => s.typing[roomId]);
  const users = useStore((s) => s.users);
  const ids = typing ? Object.keys(typing).map(Number) : [];
  const text =
    ids.length === 0
      ? ''
      : ids.length === 1
        ? t.typing1(users[ids[0]!]?.name ?? t.unknownUser)
        : t.typingMany(ids.length);
  return (
    <div class="typing" aria-live="polite" data-testid={ids.length ? 'typing' : undefined}>
      {ids.length > 0 && (
        <>
          <span class="typing-dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {text}
        </>
      )}
    </div>
  );
}
