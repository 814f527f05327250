import { t } from '../../lib/i18n.ts';
import { setView } from '../../state/nav.ts';
import { logout } from '../../state/session.ts';
import { pendingResetCount } from '../../state/admin-resets.ts';
import { useStore, type View } from '../../state/store.ts';
import { Logo } from '../auth/AuthLayout.tsx';
import { UserAvatar } from '../common/Avatar.tsx';
import { ChatIcon, GearIcon, LogoutIcon, PeopleIcon, SearchIcon, ShieldIcon } from '../common/icons.tsx';
import { ts } from '../../lib/i18n-search.ts';
import { openSearch } from '../../state/search.ts';

function Badge({ n }: { n: number }) {
  if (n <= 0) return null;
  return <span class="badge rail-badge">{n > 99 ? '99+' : n}</span>;
}

export function Rail({ totalUnread }: { totalUnread: number }) {
  const view = useStore((s) => s.view);
  const me = useStore((s) => s.me);
  const pending = useStore((s) => s.pendingSignups.length + pendingResetCount(s.resetRequests));
  if (!me) return null;

  const tab = (v: View, label: string, icon: preact.JSX.Element, badge: number) => (
    <button
      type="button"
      class={view === v ? 'rail-tab active' : 'rail-tab'}
      // The search tab searches all rooms; the chat header's button searches one.
      onClick={() => (v === 'search' ? openSearch(null) : setView(v))}
      aria-current={view === v ? 'page' : undefined}
      title={label}
      data-testid={`tab-${v}`}
    >
      {icon}
      <span class="rail-label">{label}</span>
      <Badge n={badge} />
    </button>
  );

  return (
    <nav class="rail" aria-label={t.appName}>
      <div class="rail-logo">
        <Logo size={36} />
      </div>
      {tab('chats', t.chats, <ChatIcon />, totalUnread)}
      {tab('people', t.people, <PeopleIcon />, 0)}
      {tab('search', ts.search, <SearchIcon />, 0)}
      {me.role === 'admin' && tab('admin', t.admin, <ShieldIcon />, pending)}
      <div class="rail-spacer" />
      {tab('settings', t.settings, <GearIcon />, 0)}
      <button
        type="button"
        class={view === 'profile' ? 'rail-tab rail-me active' : 'rail-tab rail-me'}
        onClick={() => setView('profile')}
        aria-current={view === 'profile' ? 'page' : undefined}
        title={`${me.name} · ${t.profile}`}
        data-testid="me"
      >
        <UserAvatar user={me} size="sm" />
        <span class="rail-label">{t.profile}</span>
      </button>
      <button type="button" class="rail-tab" onClick={() => void logout()} title={t.logout} data-testid="logout">
        <LogoutIcon />
        <span class="rail-label">{t.logout}</span>
      </button>
    </nav>
  );
}
