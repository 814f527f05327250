import { useEffect, useState } from 'preact/hooks';
import type { PublicUser } from '../../../../server/protocol/index.ts';
import { t } from '../../lib/i18n.ts';
import { UserAvatar } from '../common/Avatar.tsx';
import { CheckIcon } from '../common/icons.tsx';
import { SearchBox } from '../common/SearchBox.tsx';
import { matchesPerson, sortPeople, subtitle } from './people.ts';
import { useStore } from '../../state/store.ts';
import { loadUsers } from '../../state/users.ts';

interface Props {
  candidates: PublicUser[];
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
}

export function MemberPicker({ candidates, selected, onToggle }: Props) {
  const online = useStore((s) => s.online);
  const [q, setQ] = useState('');
  useEffect(() => {
    loadUsers().catch(() => {});
  }, []);
  const list = sortPeople(
    candidates.filter((u) => matchesPerson(u, q)),
    0,
    online,
  );
  return (
    <div class="picker">
      <SearchBox placeholder={t.searchPeople} value={q} onInput={setQ} />
      <ul class="picker-list">
        {list.map((u) => {
          const on = selected.has(u.id);
          return (
            <li key={u.id}>
              <label class={on ? 'row pick-row on' : 'row pick-row'} data-testid="pick-member" data-user-id={u.id}>
                <input type="checkbox" checked={on} onChange={() => onToggle(u.id)} />
                <UserAvatar user={u} size="sm" />
                <span class="row-main">
                  <span class="row-title">{u.name}</span>
                  <span class="row-preview">{subtitle(u)}</span>
                </span>
                <span class="check" aria-hidden="true">
                  {on && <CheckIcon size={16} />}
                </span>
              </label>
            </li>
          );
        })}
        {list.length === 0 && <li class="list-empty">{candidates.length ? t.noPeople : t.noneToAdd}</li>}
      </ul>
    </div>
  );
}

/** Beside a member dialog's buttons. */
export function SelectedCount({ n }: { n: number }) {
  return <span class="muted small">{t.selected(n)}</span>;
}

export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setSelected((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return { selected, toggle };
}
