import type { ComponentChildren } from 'preact';
import type { Room } from '../../../../server/protocol/index.ts';
import { t } from '../../lib/i18n.ts';
import { tr } from '../../lib/i18n-rooms.ts';
import { closeRoom } from '../../state/nav.ts';
import { useStore } from '../../state/store.ts';
import { GroupAvatar, UserAvatar } from '../common/Avatar.tsx';
import { BackIcon, GalleryIcon, GroupAddIcon, SearchIcon } from '../common/icons.tsx';
import { InfoIcon } from '../common/room-icons.tsx';
import { ts } from '../../lib/i18n-search.ts';
import { searchThisRoom } from '../../state/search.ts';
import { memberFaces, roomFace } from '../common/roomInfo.ts';
import { subtitle } from '../main/people.ts';
import { MuteMenu } from '../notify/MuteMenu.tsx';

/** The panel beside the messages: the room's photos and files, or its info (members…). */
export type Drawer = 'files' | 'info' | null;

interface Props {
  room: Room;
  onAddMembers: () => void;
  drawer: Drawer;
  onToggleDrawer: (which: 'files' | 'info') => void;
}

function DrawerToggle({ on, onClick, label, testid, children }: { on: boolean; onClick: () => void; label: string; testid: string; children: ComponentChildren }) {
  return (
    <button type="button" class={on ? 'icon-btn on' : 'icon-btn'} onClick={onClick} title={label} aria-label={label} aria-pressed={on} data-testid={testid}>
      {children}
    </button>
  );
}

export function ChatHeader({ room, onAddMembers, drawer, onToggleDrawer }: Props) {
  const users = useStore((s) => s.users);
  const online = useStore((s) => s.online);
  const meId = useStore((s) => s.me?.id ?? 0);
  const face = roomFace(room, meId, users);
  const peerOnline = face.peerId !== null ? online.has(face.peerId) : false;
  const onlineInGroup = room.members.filter((m) => m.userId !== meId && online.has(m.userId)).length;
  const isSelf = face.peerId === meId;

  return (
    <header class="chat-head">
      <button type="button" class="icon-btn back-btn" onClick={closeRoom} aria-label={t.back} data-testid="back">
        <BackIcon />
      </button>
      {room.kind === 'group' ? (
        <GroupAvatar names={memberFaces(room, meId, users)} />
      ) : (
        <UserAvatar user={face.peer} />
      )}
      <div class="chat-head-text">
        <div class="chat-title" data-testid="chat-title">
          {room.secret && <span title={t.secretRoom} aria-label={t.secretRoom} data-testid="chat-lock">🔒 </span>}
          {face.title}
        </div>
        <div class="chat-sub">
          {room.kind === 'dm' && !isSelf && (
            <span class={peerOnline ? 'presence on' : 'presence'} data-testid="chat-presence" data-online={peerOnline}>
              <span class="dot-inline" />
              {peerOnline ? t.online : t.offline}
            </span>
          )}
          {room.kind === 'dm' && face.peer && subtitle(face.peer) && (
            <span class="muted">{subtitle(face.peer)}</span>
          )}
          {room.kind === 'group' && (
            <span class="muted">
              {t.membersCount(face.memberCount)} · {t.online} {onlineInGroup}
            </span>
          )}
        </div>
      </div>
      <button
        type="button"
        class="icon-btn"
        onClick={() => searchThisRoom(room.id)}
        title={ts.searchThisRoom}
        aria-label={ts.searchThisRoom}
        data-testid="search-room"
      >
        <SearchIcon />
      </button>
      <MuteMenu roomId={room.id} />
      <DrawerToggle on={drawer === 'files'} onClick={() => onToggleDrawer('files')} label={t.filesDrawer} testid="files-drawer-button">
        <GalleryIcon />
      </DrawerToggle>
      <DrawerToggle on={drawer === 'info'} onClick={() => onToggleDrawer('info')} label={tr.roomInfo} testid="room-info-button">
        <InfoIcon />
      </DrawerToggle>
      {room.kind === 'group' && (
        <button
          type="button"
          class="icon-btn"
          onClick={onAddMembers}
          title={t.addMembers}
          aria-label={t.addMembers}
          data-testid="add-members"
        >
          <GroupAddIcon />
        </button>
      )}
    </header>
  );
}
