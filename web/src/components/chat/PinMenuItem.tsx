import type { Message } from '../../../../server/protocol/index.ts';
import { tr } from '../../lib/i18n-rooms.ts';
import { pinMessage } from '../../state/room-members.ts';
import { useStore } from '../../state/store.ts';
import { PinIcon } from '../common/room-icons.tsx';

/** The message menu's "pin as notice" (or "unpin" when it is the notice already). */
export function PinMenuItem({ message, close }: { message: Message; close: () => void }) {
  const pinned = useStore((s) => s.rooms[message.roomId]?.pinned?.message.id === message.id);
  return (
    <button
      type="button"
      role="menuitem"
      class="menu-item"
      onClick={() => {
        close();
        pinMessage(message.roomId, pinned ? null : message.id);
      }}
      data-testid={pinned ? 'unpin-message' : 'pin-message'}
    >
      <PinIcon size={17} /> {pinned ? tr.unpinNotice : tr.pinNotice}
    </button>
  );
}
