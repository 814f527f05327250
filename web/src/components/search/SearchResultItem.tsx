import { memo } from 'preact/compat';
import type { Room, SearchResult } from '../../../../server/protocol/index.ts';
import { excerpt } from '../../lib/excerpt.ts';
import { formatListTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { useStore } from '../../state/store.ts';
import { UserAvatar } from '../common/Avatar.tsx';
import { roomFace } from '../common/roomInfo.ts';

interface Props {
  result: SearchResult;
  room: Room | undefined;
  /** Name the room (searching all rooms). */
  showRoom: boolean;
  active: boolean;
  onOpen: () => void;
}

/** One result: who, where, when, and the matching part of the text with the matches marked. */
export const SearchResultItem = memo(function SearchResultItem({ result, room, showRoom, active, onOpen }: Props) {
  const users = useStore((s) => s.users);
  const meId = useStore((s) => s.me?.id ?? 0);
  const { message, highlights } = result;
  const sender = users[message.senderId];
  const roomTitle = room ? roomFace(room, meId, users).title : '';
  const senderName = sender?.name ?? t.unknownUser;
  return (
    <li>
      <button
        type="button"
        class={active ? 'row search-hit active' : 'row search-hit'}
        onClick={onOpen}
        data-testid="search-result"
        data-room-id={message.roomId}
        data-seq={message.seq}
      >
        <UserAvatar user={sender} size="sm" />
        <span class="row-main">
          <span class="row-top">
            <span class="row-title search-sender">{senderName}</span>
            {/* A DM is named after the other person: no need to say it twice. */}
            {showRoom && roomTitle && roomTitle !== senderName && <span class="search-room">{roomTitle}</span>}
            <span class="row-time">{formatListTime(message.createdAt)}</span>
          </span>
          <span class="search-excerpt" data-testid="search-excerpt">
            {excerpt(message.body, highlights).map((piece, i) => (piece.mark ? <mark key={i}>{piece.text}</mark> : piece.text))}
          </span>
        </span>
      </button>
    </li>
  );
});
