import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { useStore } from '../../state/store.ts';
import { attachFiles, namePasted } from '../../state/uploads.ts';
import { UploadIcon } from '../common/icons.tsx';
import { roomFace } from '../common/roomInfo.ts';
import { ChatHeader, type Drawer } from './ChatHeader.tsx';
import { Composer } from './Composer.tsx';
import { lazyPart } from '../common/lazy.tsx';
import { MessageList } from './MessageList.tsx';
import { PinnedNotice } from './PinnedNotice.tsx';
import { TypingIndicator } from './TypingIndicator.tsx';

const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');

// Opened on demand: their code is fetched the first time.
const FilesDrawer = lazyPart(() => import('./FilesDrawer.tsx').then((m) => m.FilesDrawer));
const RoomInfoDrawer = lazyPart(() => import('./RoomInfoDrawer.tsx').then((m) => m.RoomInfoDrawer));
const Lightbox = lazyPart(() => import('./Lightbox.tsx').then((m) => m.Lightbox), 'none');
const SecretRoomBar = lazyPart(() => import('../secret/SecretRoomBar.tsx').then((m) => m.SecretRoomBar), 'none');
const AddMembersDialog = lazyPart(() => import('./AddMembersDialog.tsx').then((m) => m.AddMembersDialog), 'none');

export function ChatView({ roomId }: { roomId: number }) {
  const room = useStore((s) => s.rooms[roomId]);
  const roomsLoaded = useStore((s) => s.roomsLoaded);
  const users = useStore((s) => s.users);
  const meId = useStore((s) => s.me?.id ?? 0);
  const lightbox = useStore((s) => (s.lightbox?.roomId === roomId ? s.lightbox : null));
  const [adding, setAdding] = useState(false);
  const [drawer, setDrawer] = useState<Drawer>(null);
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them to know when the pointer left.
  const depth = useRef(0);

  // Paste anywhere in the open chat (not in a dialog): a screenshot goes straight up. When the
  // clipboard also has text (copied from a spreadsheet, say), the text is what was meant.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const data = e.clipboardData;
      if (!data || !data.files.length) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('.dialog, .lightbox')) return;
      // Another text field (the sidebar's search) is not "the chat"; only the composer and the page are.
      if (target && /^(INPUT|TEXTAREA)$/.test(target.tagName) && !target.closest('.chat')) return;
      if (data.getData('text/plain').trim()) return;
      e.preventDefault();
      void attachFiles(roomId, Array.from(data.files).map((f) => namePasted(f)));
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [roomId]);

  if (!room) {
    return <div class="empty-main">{roomsLoaded ? t.pickRoom : t.loading}</div>;
  }

  const onDragEnter = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth.current += 1;
    setDragging(true);
  };
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    depth.current = 0;
    setDragging(false);
    const files = e.dataTransfer ? Array.from(e.dataTransfer.files) : [];
    if (!files.length) return;
    e.preventDefault();
    void attachFiles(roomId, files);
  };

  return (
    <section
      class={drawer ? 'chat drawer-open' : 'chat'}
      data-testid="chat-view"
      data-room-id={roomId}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <ChatHeader room={room} onAddMembers={() => setAdding(true)} drawer={drawer} onToggleDrawer={(which) => setDrawer((d) => (d === which ? null : which))} />
      <div class="chat-body">
        <div class="chat-main">
          {room.secret && <SecretRoomBar room={room} />}
          <PinnedNotice room={room} />
          <MessageList room={room} />
          <TypingIndicator roomId={roomId} />
          <Composer roomId={roomId} />
        </div>
        {drawer === 'files' && <FilesDrawer room={room} onClose={() => setDrawer(null)} />}
        {drawer === 'info' && <RoomInfoDrawer room={room} onClose={() => setDrawer(null)} onAddMembers={() => setAdding(true)} />}
      </div>
      {dragging && (
        <div class="drop-overlay" data-testid="drop-overlay">
          <div class="drop-card">
            <UploadIcon size={40} />
            <strong>{t.dropHere}</strong>
            <span>{t.dropTo(roomFace(room, meId, users).title)}</span>
          </div>
        </div>
      )}
      {adding && <AddMembersDialog room={room} onClose={() => setAdding(false)} />}
      {lightbox && <Lightbox box={lightbox} />}
    </section>
  );
}
