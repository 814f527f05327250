import { useEffect, useState } from 'preact/hooks';
import { secretText as ss } from '../../secret/i18n-secret.ts';
import { t } from '../../lib/i18n.ts';
import { openRoom, setView } from '../../state/nav.ts';
import { openDm } from '../../state/rooms.ts';
import { useStore } from '../../state/store.ts';
import { showToast } from '../../state/toast.ts';
import { loadUsers } from '../../state/users.ts';
import { UserAvatar } from '../common/Avatar.tsx';
import { SearchBox } from '../common/SearchBox.tsx';
import { listedPeople, matchesPerson, sortPeople, subtitle } from './people.ts';

export function PeopleList() {
  const users = useStore((s) => s.users);
  const online = useStore((s) => s.online);
  const meId = useStore((s) => s.me?.id ?? 0);
  const [q, setQ] = useState('');

  // Colleagues approved since the app loaded announce themselves nowhere else.
  useEffect(() => {
    loadUsers().catch(() => {});
  }, []);

  const list = sortPeople(
    listedPeople(users).filter((u) => matchesPerson(u, q)),
    meId,
    online,
  );
  const onlineCount = listedPeople(users).filter((u) => online.has(u.id)).length;

  const canSecret = window.isSecureContext && !!globalThis.crypto?.subtle;
  const start = async (userId: number, secret?: boolean) => {
    try {
      const room = await openDm(userId, secret);
      setView('chats');
      openRoom(room.id);
    } catch (e) {
      showToast((e as Error).message, 'error');
    }
  };

  return (
    <section class="panel" data-testid="people-list">
      <header class="panel-head">
        <h1>{t.people}</h1>
        <span class="muted small">
          {t.online} {onlineCount}
        </span>
      </header>
      <SearchBox placeholder={t.searchPeople} value={q} onInput={setQ} testid="people-search" />
      <ul class="list">
        {list.map((u) => (
          <li key={u.id} style={{ position: 'relative' }}>
            <button
              type="button"
              class="row person-row"
              onClick={() => void start(u.id)}
              data-testid="person-item"
              data-user-id={u.id}
            >
              <UserAvatar user={u} online={online.has(u.id)} />
              <span class="row-main">
                <span class="row-top">
                  <span class="row-title">{u.name}</span>
                  {u.id === meId && <span class="chip">{t.me}</span>}
                  {u.role === 'admin' && <span class="chip subtle">{t.adminBadge}</span>}
                </span>
                <span class="row-bottom">
                  <span class="row-preview">{u.statusMessage || subtitle(u)}</span>
                </span>
              </span>
            </button>
            {u.id !== meId && canSecret && (
              <button
                type="button"
                class="icon-btn"
                style={{ position: 'absolute', right: '12px', top: '50%', transform: 'translateY(-50%)' }}
                onClick={() => void start(u.id, true)}
                title={`${ss.newSecretDm}: ${u.name}`}
                aria-label={`${ss.newSecretDm}: ${u.name}`}
                data-testid="person-secret"
              >
                🔒
              </button>
            )}
          </li>
        ))}
      </ul>
      {list.length === 0 && <div class="list-empty">{t.noPeople}</div>}
    </section>
  );
}
