import { memo } from 'preact/compat';
import { useState } from 'preact/hooks';
import type { PublicUser, Room } from '../../../../server/protocol/index.ts';
import { formatListTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { tc } from '../../lib/i18n-composer.ts';
import { openRoom } from '../../state/nav.ts';
import { isQuiet } from '../../notify/decide.ts';
import { tn } from '../../lib/i18n-notify.ts';
import { sortedRooms } from '../../state/rooms.ts';
import { useStore } from '../../state/store.ts';
import { GroupAvatar, UserAvatar } from '../common/Avatar.tsx';
import { GroupAddIcon } from '../common/icons.tsx';
import { BellOffIcon } from '../notify/bell-icons.tsx';
import { memberFaces, previewOf, roomFace } from '../common/roomInfo.ts';
import { SearchBox } from '../common/SearchBox.tsx';
import { lazyPart } from '../common/lazy.tsx';

// Opened now and then: its own file, fetched when first shown.
const NewGroupDialog = lazyPart(() => import('./NewGroupDialog.tsx').then((m) => m.NewGroupDialog), 'none');

export function RoomList() {
  const rooms = useStore((s) => s.rooms);
  const loaded = useStore((s) => s.roomsLoaded);
  const users = useStore((s) => s.users);
  const online = useStore((s) => s.online);
  const active = useStore((s) => s.activeRoomId);
  const meId = useStore((s) => s.me?.id ?? 0);
  const settings = useStore((s) => s.settings);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);

  const list = sortedRooms(rooms);
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? list.filter((r) => roomFace(r, meId, users).title.toLowerCase().includes(needle))
    : list;

  return (
    <section class="panel" data-testid="room-list">
      <header class="panel-head">
        <h1>{t.chats}</h1>
        <button
          type="button"
          class="icon-btn"
          onClick={() => setCreating(true)}
          title={t.newGroup}
          aria-label={t.newGroup}
          data-testid="new-group"
        >
          <GroupAddIcon />
        </button>
      </header>
      <SearchBox placeholder={t.searchRooms} value={filter} onInput={setFilter} />
      <ul class="list">
        {shown.map((r) => (
          <RoomItem key={r.id} room={r} meId={meId} users={users} online={online} active={r.id === active} quiet={isQuiet(settings, r.id, Date.now())} />
        ))}
      </ul>
      {loaded && list.length === 0 && (
        <div class="list-empty">
          <p>{t.noRooms}</p>
          <p class="muted">{t.noRoomsHint}</p>
        </div>
      )}
      {creating && <NewGroupDialog onClose={() => setCreating(false)} />}
    </section>
  );
}

interface ItemProps {
  room: Room;
  meId: number;
  users: Readonly<Record<number, PublicUser>>;
  online: ReadonlySet<number>;
  active: boolean;
  /** Muted: the unread count in grey. */
  quiet: boolean;
}

const RoomItem = memo(function RoomItem({ room, meId, users, online, active, quiet }: ItemProps) {
  const face = roomFace(room, meId, users);
  const last = room.lastMessage;
  const sender = last && room.kind === 'group' && last.senderId !== meId && !last.system ? users[last.senderId]?.name : null;
  return (
    <li>
      <button
        type="button"
        class={active ? 'row room-row active' : 'row room-row'}
        onClick={() => openRoom(room.id)}
        data-testid="room-item"
        data-room-id={room.id}
      >
        {room.kind === 'group' ? (
          <GroupAvatar names={memberFaces(room, meId, users)} />
        ) : (
          <UserAvatar
            user={face.peer}
            online={face.peerId !== null && face.peerId !== meId ? online.has(face.peerId) : undefined}
          />
        )}
        <span class="row-main">
          <span class="row-top">
            <span class="row-title" data-testid="room-title">
              {room.secret && <span title={t.secretRoom} aria-label={t.secretRoom} data-testid="room-lock">🔒 </span>}
              {face.title}
            </span>
            {room.kind === 'group' && <span class="row-count">{face.memberCount}</span>}
            {quiet && (
              <span class="row-muted" title={tn.roomMuted} aria-label={tn.roomMuted} data-testid="room-muted">
                <BellOffIcon size={14} />
              </span>
            )}
            <span class="row-time">{last ? formatListTime(last.createdAt) : ''}</span>
          </span>
          <span class="row-bottom">
            <span class="row-preview" data-testid="room-preview">
              {last ? (sender ? `${sender}: ${previewOf(last, users)}` : previewOf(last, users)) : ''}
            </span>
            {room.mentions > 0 && (
              <span class="badge mention-badge" title={tc.mentionBadge(room.mentions)} aria-label={tc.mentionBadge(room.mentions)} data-testid="room-mention">
                @
              </span>
            )}
            {room.unread > 0 && (
              <span class={quiet ? 'badge quiet' : 'badge'} title={quiet ? tn.roomMuted : undefined} data-testid="room-unread" data-quiet={quiet ? 'true' : 'false'}>
                {room.unread > 999 ? '999+' : room.unread}
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
});
