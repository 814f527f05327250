import { useEffect, useRef } from 'preact/hooks';
import { tc } from '../../lib/i18n-composer.ts';
import { UserAvatar } from '../common/Avatar.tsx';
import type { MentionOption } from './useMentionPicker.ts';

interface Props {
  id: string;
  options: readonly MentionOption[];
  active: number;
  onPick: (option: MentionOption) => void;
  onHover: (index: number) => void;
}

export const mentionOptionId = (listId: string, i: number) => `${listId}-${i}`;

/**
 * The members an `@…` may mean, above the composer. The text field keeps the focus (the list is
 * its aria-activedescendant); a click or tap picks without taking the focus away.
 */
export function MentionList({ id, options, active, onPick, onHover }: Props) {
  const box = useRef<HTMLUListElement>(null);
  useEffect(() => {
    box.current?.querySelector(`#${CSS.escape(mentionOptionId(id, active))}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);
  return (
    <ul class="mention-list" id={id} ref={box} role="listbox" aria-label={tc.mentionList} data-testid="mention-list">
      {options.map((o, i) => (
        <li
          key={o.key}
          id={mentionOptionId(id, i)}
          role="option"
          aria-selected={i === active}
          class={i === active ? 'mention-option active' : 'mention-option'}
          onMouseDown={(e) => e.preventDefault()}
          onMouseMove={() => i !== active && onHover(i)}
          onClick={() => onPick(o)}
          data-testid="mention-option"
          data-user-id={o.userId ?? 'all'}
        >
          {o.user ? <UserAvatar user={o.user} size="sm" /> : <span class="avatar avatar-sm mention-all-icon">@</span>}
          <span class="mention-option-name">{o.userId === null ? `@${o.name}` : o.name}</span>
          <span class="mention-option-dept">{o.department}</span>
        </li>
      ))}
    </ul>
  );
}
