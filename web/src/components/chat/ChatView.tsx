import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { useStore } from '../../state/store.ts';
import { AddMembersDialog } from './AddMembersDialog.tsx';
import { ChatHeader } from './ChatHeader.tsx';
import { Composer } from './Composer.tsx';
import { MessageList } from './MessageList.tsx';
import { TypingIndicator } from './TypingIndicator.tsx';

export function ChatView({ roomId }: { roomId: number }) {
  const room = useStore((s) => s.rooms[roomId]);
  const roomsLoaded = useStore((s) => s.roomsLoaded);
  const [adding, setAdding] = useState(false);

  if (!room) {
    return <div class="empty-main">{roomsLoaded ? t.pickRoom : t.loading}</div>;
  }
  return (
    <section class="chat" data-testid="chat-view" data-room-id={roomId}>
      <ChatHeader room={room} onAddMembers={() => setAdding(true)} />
      <MessageList room={room} />
      <TypingIndicator roomId={roomId} />
      <Composer roomId={roomId} />
      {adding && <AddMembersDialog room={room} onClose={() => setAdding(false)} />}
    </section>
  );
}
