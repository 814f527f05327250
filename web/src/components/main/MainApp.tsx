import { useEffect } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { useStore } from '../../state/store.ts';
import { ChatView } from '../chat/ChatView.tsx';
import { ConnectionBanner } from '../chat/ConnectionBanner.tsx';
import { HttpsHint } from './HttpsHint.tsx';
import { NotifyBanner } from '../notify/NotifyBanner.tsx';
import { ChatIcon, SearchIcon } from '../common/icons.tsx';
import { ts } from '../../lib/i18n-search.ts';
import { lazyPart } from '../common/lazy.tsx';
import { loadStylesheet } from '../../lib/stylesheet.ts';
import { Rail } from './Rail.tsx';
import { RoomList } from './RoomList.tsx';

// Rarer screens are files of their own, fetched when first opened.
// The admin area brings its own stylesheet (web/lazy-stylesheet.ts), applied before it shows.
declare const __ADMIN_CSS_URL__: string;
const AdminPanel = lazyPart(() => Promise.all([import('../admin/AdminPanel.tsx'), loadStylesheet(__ADMIN_CSS_URL__)]).then(([m]) => m.AdminPanel));
const SearchPanel = lazyPart(() => import('../search/SearchPanel.tsx').then((m) => m.SearchPanel));
const ProfileScreen = lazyPart(() => import('../profile/ProfileScreen.tsx').then((m) => m.ProfileScreen));
const SettingsScreen = lazyPart(() => import('../settings/SettingsScreen.tsx').then((m) => m.SettingsScreen));
const PeopleList = lazyPart(() => import('./PeopleList.tsx').then((m) => m.PeopleList));

export function MainApp() {
  const view = useStore((s) => s.view);
  const active = useStore((s) => s.activeRoomId);
  const rooms = useStore((s) => s.rooms);
  // Demoted while on the admin page (a `user` frame): the page goes, the rail's tab too.
  const isAdmin = useStore((s) => s.me?.role === 'admin');
  const totalUnread = Object.values(rooms).reduce((n, r) => n + r.unread, 0);

  useEffect(() => {
    document.title = totalUnread > 0 ? `(${totalUnread}) ${t.appName}` : t.appName;
  }, [totalUnread]);

  // A file dropped a little off the chat would make the browser open it in place of the app.
  // The chat handles its own drops; everywhere else a file drop does nothing.
  useEffect(() => {
    const guard = (e: DragEvent) => {
      if (e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  return (
    <div class={`main-app view-${view}${active ? ' room-open' : ''}`} data-testid="main-app">
      <Rail totalUnread={totalUnread} />
      <aside class="sidebar">{view === 'people' ? <PeopleList /> : view === 'search' ? <SearchPanel /> : <RoomList />}</aside>
      <main class="content">
        <ConnectionBanner />
        <HttpsHint />
        <NotifyBanner />
        {view === 'admin' && isAdmin ? (
          <AdminPanel />
        ) : view === 'profile' ? (
          <ProfileScreen />
        ) : view === 'settings' ? (
          <SettingsScreen />
        ) : active ? (
          <ChatView key={active} roomId={active} />
        ) : view === 'search' ? (
          <div class="empty-main">
            <SearchIcon size={56} />
            <h2>{ts.pickResult}</h2>
            <p>{ts.pickResultHint}</p>
          </div>
        ) : (
          <div class="empty-main">
            <ChatIcon size={56} />
            <h2>{t.pickRoom}</h2>
            <p>{t.pickRoomHint}</p>
          </div>
        )}
      </main>
    </div>
  );
}
