import { useEffect, useState } from 'preact/hooks';
import type { PublicUser } from '../../../../server/protocol/index.ts';
import { avatarColor, initials } from '../../lib/format.ts';
import { avatarUrl } from '../../lib/files.ts';

interface Props {
  name: string;
  color: number;
  /** The profile photo's URL; the initials on their colour show until it loads, or if it cannot. */
  photo?: string | null | undefined;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  /** Shows a presence dot when set. */
  online?: boolean | undefined;
}

export function Avatar({ name, color, photo, size = 'md', online }: Props) {
  const letters = initials(name);
  const [broken, setBroken] = useState(false);
  useEffect(() => setBroken(false), [photo]);
  const showPhoto = !!photo && !broken;
  return (
    <span class={`avatar avatar-${size}${showPhoto ? ' has-photo' : ''}`} style={{ background: avatarColor(color) }} aria-hidden="true">
      {showPhoto ? (
        <img class="avatar-img" src={photo} alt="" draggable={false} decoding="async" onError={() => setBroken(true)} />
      ) : (
        <span class={letters.length > 1 ? 'avatar-text two' : 'avatar-text'}>{letters}</span>
      )}
      {online !== undefined && <span class={online ? 'dot online' : 'dot'} />}
    </span>
  );
}

/** A colleague's avatar: their photo if they have one, else their initials on their colour. */
export function UserAvatar({
  user,
  size,
  online,
}: {
  user: Pick<PublicUser, 'id' | 'name' | 'avatarColor' | 'avatarFileId'> | null | undefined;
  size?: Props['size'];
  online?: boolean | undefined;
}) {
  return <Avatar name={user?.name ?? '?'} color={user?.avatarColor ?? 11} photo={avatarUrl(user)} size={size} online={online} />;
}

export interface Face {
  name: string;
  color: number;
  photo: string | null;
}

/** A group room's avatar: up to four small member faces in a square. */
export function GroupAvatar({ names }: { names: Face[] }) {
  const shown = names.slice(0, 4);
  return (
    <span class={`avatar avatar-md group-avatar n${shown.length}`} aria-hidden="true">
      {shown.map((n, i) => (
        <span key={i} class="mini" style={{ background: avatarColor(n.color) }}>
          {n.photo ? <img class="avatar-img" src={n.photo} alt="" draggable={false} decoding="async" /> : Array.from(initials(n.name))[0]}
        </span>
      ))}
    </span>
  );
}
