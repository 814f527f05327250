import { useEffect, useState } from 'preact/hooks';
import type { Message, Room } from '../../../../server/protocol/index.ts';
import { excerptOf } from '../../../../server/protocol/excerpt.ts';
import { tr } from '../../lib/i18n-rooms.ts';
import { pinMessage } from '../../state/room-members.ts';
import { useStore } from '../../state/store.ts';
import { CloseIcon } from '../common/icons.tsx';
import { ChevronDownIcon, ChevronUpIcon, MegaphoneIcon } from '../common/room-icons.tsx';
import { jumpToMessage } from '../../state/jump.ts';
import { showToast } from '../../state/toast.ts';

/** One line of the pinned message: its text, else what it carries. */
function noticeLine(m: Message): string {
  const text = excerptOf(m.body);
  if (text) return text;
  if (m.file) return m.file.kind === 'image' ? tr.photoNotice : tr.fileNotice(m.file.name);
  return '';
}

/** The room's notice (공지) above the messages: click to go to it; fold it away, or take it down. */
/** The notice's message, in its place in the room (state/jump.ts). */
function openNotice(roomId: number, seq: number): void {
  jumpToMessage(roomId, seq).then(
    (found) => found || showToast(tr.noticeGone),
    (err: unknown) => showToast((err as Error).message, 'error'),
  );
}

export function PinnedNotice({ room }: { room: Room }) {
  const users = useStore((s) => s.users);
  const pin = room.pinned;
  const [folded, setFolded] = useState(false);
  // A new notice is shown open, even where the last one was folded.
  useEffect(() => setFolded(false), [pin?.message.id]);
  if (!pin) return null;
  const m = pin.message;
  const sender = users[m.senderId]?.name ?? tr.someone;
  const pinner = users[pin.pinnedBy]?.name ?? tr.someone;

  if (folded) {
    return (
      <div class="notice folded" data-testid="pinned-notice" data-folded="true">
        <button type="button" class="notice-main" onClick={() => setFolded(false)} aria-label={tr.expandNotice} title={tr.expandNotice} data-testid="notice-expand">
          <MegaphoneIcon size={17} class="notice-icon" />
          <span class="notice-label">{tr.notice}</span>
          <span class="notice-excerpt">{noticeLine(m)}</span>
          <ChevronDownIcon size={18} />
        </button>
      </div>
    );
  }
  return (
    <div class="notice" data-testid="pinned-notice" data-message-id={m.id}>
      <button type="button" class="notice-main" onClick={() => openNotice(room.id, m.seq)} title={noticeLine(m)} data-testid="notice-open">
        <span class="notice-badge">
          <MegaphoneIcon size={18} />
        </span>
        <span class="notice-text">
          <span class="notice-excerpt" data-testid="notice-text">
            {noticeLine(m)}
          </span>
          <span class="notice-meta">
            {sender} · {tr.noticeBy(pinner)}
          </span>
        </span>
      </button>
      <button type="button" class="icon-btn" onClick={() => setFolded(true)} aria-label={tr.collapseNotice} title={tr.collapseNotice} data-testid="notice-collapse">
        <ChevronUpIcon size={19} />
      </button>
      <button type="button" class="icon-btn" onClick={() => pinMessage(room.id, null)} aria-label={tr.unpinNotice} title={tr.unpinNotice} data-testid="notice-unpin">
        <CloseIcon size={18} />
      </button>
    </div>
  );
}
