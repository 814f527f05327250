import { useEffect, useState } from 'preact/hooks';
import type { PublicUser, Room } from '../../../../server/protocol/index.ts';
import { api } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { tr } from '../../lib/i18n-rooms.ts';
import { useStore } from '../../state/store.ts';
import { GroupAvatar, UserAvatar } from '../common/Avatar.tsx';
import { DrawerHead } from '../common/DrawerHead.tsx';
import { SecretRoomInfo } from '../secret/SecretRoomInfo.tsx';
import { GroupAddIcon } from '../common/icons.tsx';
import { LeaveIcon, PencilIcon, UserMinusIcon } from '../common/room-icons.tsx';
import { memberFaces, roomFace } from '../common/roomInfo.ts';
import { subtitle } from '../main/people.ts';
import { LeaveDialog, RemoveDialog, RenameDialog } from './RoomInfoDialogs.tsx';

type Open = { kind: 'rename' } | { kind: 'leave' } | { kind: 'remove'; userId: number; name: string } | null;

/**
 * Colleagues who are members but not in the directory (a disabled account, say) come from the
 * room's member list; everyone else is already known.
 */
function useMemberUsers(room: Room): Readonly<Record<number, PublicUser>> {
  const users = useStore((s) => s.users);
  const [extra, setExtra] = useState<Record<number, PublicUser>>({});
  const missing = room.members.some((m) => !users[m.userId] && !extra[m.userId]);
  useEffect(() => {
    if (!missing) return;
    let live = true;
    api
      .roomMembers(room.id)
      .then(({ members }) => live && setExtra((x) => ({ ...x, ...Object.fromEntries(members.map((m) => [m.user.id, m.user])) })))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [room.id, missing]);
  return missing || Object.keys(extra).length ? { ...extra, ...users } : users;
}

/** The room's info panel: its name, its members (presence, owner, admins), and what one can do. */
export function RoomInfoDrawer({ room, onClose, onAddMembers }: { room: Room; onClose: () => void; onAddMembers: () => void }) {
  const users = useMemberUsers(room);
  const online = useStore((s) => s.online);
  const me = useStore((s) => s.me);
  const meId = me?.id ?? 0;
  const [open, setOpen] = useState<Open>(null);
  const group = room.kind === 'group';
  const face = roomFace(room, meId, users);
  const canRemove = group && (room.ownerId === meId || me?.role === 'admin');
  // Me first, then everyone in the order they joined.
  const members = [...room.members].sort((a, b) => (a.userId === meId ? -1 : b.userId === meId ? 1 : 0));

  return (
    <aside class="drawer room-info" aria-label={tr.roomInfo} data-testid="room-info">
      <DrawerHead title={tr.roomInfo} onClose={onClose} closeTestid="room-info-close" />
      <div class="drawer-body">
        <div class="info-card">
          {group ? <GroupAvatar names={memberFaces(room, meId, users)} /> : <UserAvatar user={face.peer} size="lg" />}
          <div class="info-title">
            <span class="info-name" data-testid="room-info-name">
              {face.title}
            </span>
            {group && (
              <button type="button" class="icon-btn small" onClick={() => setOpen({ kind: 'rename' })} title={tr.rename} aria-label={tr.rename} data-testid="rename-room">
                <PencilIcon size={17} />
              </button>
            )}
          </div>
        </div>
        {room.secret && <SecretRoomInfo room={room} />}
        <div class="info-section-head">
          <span>{tr.membersTitle(room.members.length)}</span>
        </div>
        <ul class="member-list" data-testid="member-list">
          {group && (
            <li>
              <button type="button" class="row member-add" onClick={onAddMembers} data-testid="info-add-members">
                <span class="member-add-icon">
                  <GroupAddIcon size={20} />
                </span>
                <span class="row-title">{t.addMembers}</span>
              </button>
            </li>
          )}
          {members.map((m) => {
            const u = users[m.userId];
            const name = u?.name ?? t.unknownUser;
            const isOnline = online.has(m.userId);
            return (
              <li key={m.userId} class="row member-row" data-testid="member-row" data-user-id={m.userId} data-online={isOnline}>
                <UserAvatar user={u} online={isOnline} />
                <span class="row-main">
                  <span class="row-top">
                    <span class="row-title">{name}</span>
                    {m.userId === meId && <span class="chip subtle">{tr.you}</span>}
                    {group && room.ownerId === m.userId && (
                      <span class="chip owner" data-testid="owner-badge">
                        {tr.owner}
                      </span>
                    )}
                    {u?.role === 'admin' && (
                      <span class="chip" data-testid="admin-badge">
                        {tr.adminRole}
                      </span>
                    )}
                  </span>
                  <span class="row-bottom">
                    <span class="row-preview">{u ? subtitle(u) : ''}</span>
                  </span>
                </span>
                {canRemove && m.userId !== meId && (
                  <button
                    type="button"
                    class="icon-btn member-remove"
                    onClick={() => setOpen({ kind: 'remove', userId: m.userId, name })}
                    title={tr.remove}
                    aria-label={`${tr.remove}: ${name}`}
                    data-testid="remove-member"
                  >
                    <UserMinusIcon size={19} />
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      {group && (
        <footer class="drawer-foot">
          <button type="button" class="btn block leave-btn" onClick={() => setOpen({ kind: 'leave' })} data-testid="leave-room">
            <LeaveIcon size={18} /> {tr.leave}
          </button>
        </footer>
      )}
      {open?.kind === 'rename' && <RenameDialog room={room} onClose={() => setOpen(null)} />}
      {open?.kind === 'leave' && <LeaveDialog room={room} isOwner={room.ownerId === meId} onClose={() => setOpen(null)} />}
      {open?.kind === 'remove' && <RemoveDialog room={room} userId={open.userId} name={open.name} onClose={() => setOpen(null)} />}
    </aside>
  );
}
