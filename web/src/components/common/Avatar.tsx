import { avatarColor, initials } from '../../lib/format.ts';

interface Props {
  name: string;
  color: number;
  size?: 'sm' | 'md' | 'lg';
  /** Shows a presence dot when set. */
  online?: boolean | undefined;
}

export function Avatar({ name, color, size = 'md', online }: Props) {
  const letters = initials(name);
  return (
    <span class={`avatar avatar-${size}`} style={{ background: avatarColor(color) }} aria-hidden="true">
      <span class={letters.length > 1 ? 'avatar-text two' : 'avatar-text'}>{letters}</span>
      {online !== undefined && <span class={online ? 'dot online' : 'dot'} />}
    </span>
  );
}

/** A group room's avatar: up to four small member initials in a square. */
export function GroupAvatar({ names }: { names: { name: string; color: number }[] }) {
  const shown = names.slice(0, 4);
  return (
    <span class={`avatar avatar-md group-avatar n${shown.length}`} aria-hidden="true">
      {shown.map((n, i) => (
        <span key={i} class="mini" style={{ background: avatarColor(n.color) }}>
          {Array.from(initials(n.name))[0]}
        </span>
      ))}
    </span>
  );
}
