import type { Message, SharedFile } from '../../../server/protocol/index.ts';
import { api } from '../lib/api.ts';
import { showToast } from './toast.ts';
import { getState, setState, type GalleryItem } from './store.ts';

// The lightbox: one picture large, with the room's other pictures a key press away. It starts from
// what is on screen (the loaded chat, or the drawer's list) and fetches older pictures from the
// server when the reader goes past the first one it has.

const OLDER_PAGE = 30;

export function itemFromMessage(m: Message): GalleryItem | null {
  return m.file && m.file.kind === 'image' && !m.deleted
    ? { file: m.file, messageId: m.id, senderId: m.senderId, createdAt: m.createdAt }
    : null;
}

export function itemFromShared(f: SharedFile): GalleryItem {
  const { messageId, senderId, createdAt, ...file } = f;
  return { file, messageId, senderId, createdAt };
}

/** Opened from a bubble: every picture of the loaded conversation, oldest first. */
export function openFromTimeline(roomId: number, messageId: number): void {
  const tl = getState().timelines[roomId];
  if (!tl) return;
  const items = tl.messages.map(itemFromMessage).filter((x): x is GalleryItem => x !== null);
  const index = items.findIndex((it) => it.messageId === messageId);
  if (index < 0) return;
  // Pictures older than the loaded history may exist; the server says so when asked.
  setState({ lightbox: { roomId, items, index, hasOlder: tl.hasMore, loadingOlder: false } });
}

/** Opened from the drawer: its list (newest first there) turned around. */
export function openFromList(roomId: number, newestFirst: readonly SharedFile[], fileId: number, hasOlder: boolean): void {
  const items = newestFirst.slice().reverse().map(itemFromShared);
  const index = items.findIndex((it) => it.file.id === fileId);
  if (index < 0) return;
  setState({ lightbox: { roomId, items, index, hasOlder, loadingOlder: false } });
}

export function closeLightbox(): void {
  if (getState().lightbox) setState({ lightbox: null });
}

/** -1 = older (left), +1 = newer (right). */
export async function step(delta: -1 | 1): Promise<void> {
  const box = getState().lightbox;
  if (!box) return;
  const next = box.index + delta;
  if (next >= 0 && next < box.items.length) {
    setState({ lightbox: { ...box, index: next } });
    return;
  }
  if (delta === -1 && box.hasOlder && !box.loadingOlder) await loadOlder();
}

async function loadOlder(): Promise<void> {
  const box = getState().lightbox;
  if (!box || !box.items.length) return;
  setState({ lightbox: { ...box, loadingOlder: true } });
  try {
    const oldest = box.items[0]!.file.id;
    const { files, hasMore } = await api.roomFiles(box.roomId, 'image', oldest, OLDER_PAGE);
    const cur = getState().lightbox;
    if (!cur || cur.roomId !== box.roomId) return;
    const have = new Set(cur.items.map((it) => it.file.id));
    const older = files.filter((f) => !have.has(f.id)).reverse().map(itemFromShared);
    setState({
      lightbox: {
        ...cur,
        items: [...older, ...cur.items],
        // Still at the first picture: step onto the newest older one, as the key press asked.
        index: older.length + cur.index - (cur.index === 0 && older.length ? 1 : 0),
        hasOlder: hasMore && older.length > 0,
        loadingOlder: false,
      },
    });
  } catch (e) {
    const cur = getState().lightbox;
    if (cur) setState({ lightbox: { ...cur, loadingOlder: false } });
    showToast((e as Error).message, 'error');
  }
}
