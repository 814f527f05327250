import { useEffect, useRef, useState } from 'preact/hooks';
import type { FileKind, Room, SharedFile } from '../../../../server/protocol/index.ts';
import { formatListTime } from '../../lib/format.ts';
import { fileUrl, formatSize, thumbUrl } from '../../lib/files.ts';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/api.ts';
import { openFromList } from '../../state/gallery.ts';
import { useStore } from '../../state/store.ts';
import { DrawerHead } from '../common/DrawerHead.tsx';
import { DownloadIcon, GalleryIcon } from '../common/icons.tsx';
import { FileIcon } from './Attachment.tsx';

const PAGE = 30;

interface Page {
  files: readonly SharedFile[];
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  loaded: boolean;
}

const EMPTY: Page = { files: [], hasMore: false, loading: false, error: null, loaded: false };

/** One tab's list, newest first, a page at a time; files shared meanwhile are put on top. */
function useSharedFiles(room: Room, kind: FileKind) {
  const [page, setPage] = useState<Page>(EMPTY);
  const deleted = useStore((s) => s.deletedMessages);
  // Answers for a tab the reader has already left are dropped.
  const generation = useRef(0);

  const load = async (before?: number) => {
    const gen = generation.current;
    setPage((p) => ({ ...p, loading: true, error: null }));
    try {
      const { files, hasMore } = await api.roomFiles(room.id, kind, before, PAGE);
      if (gen !== generation.current) return;
      setPage((p) => {
        const have = new Set(p.files.map((f) => f.id));
        const merged = before === undefined ? files : [...p.files, ...files.filter((f) => !have.has(f.id))];
        return { files: merged, hasMore, loading: false, error: null, loaded: true };
      });
    } catch (e) {
      if (gen !== generation.current) return;
      setPage((p) => ({ ...p, loading: false, error: (e as Error).message, loaded: true }));
    }
  };

  useEffect(() => {
    generation.current += 1;
    setPage(EMPTY);
    void load();
  }, [room.id, kind]);

  // A file message that arrives while the drawer is open joins the top of the list.
  const last = room.lastMessage;
  useEffect(() => {
    const file = last?.file;
    if (!last || !file || file.kind !== kind || last.deleted) return;
    setPage((p) =>
      !p.loaded || p.files.some((f) => f.id === file.id)
        ? p
        : { ...p, files: [{ ...file, messageId: last.id, senderId: last.senderId, createdAt: last.createdAt }, ...p.files] },
    );
  }, [last?.id]);

  const files = page.files.filter((f) => !deleted.has(f.messageId));
  const more = () => {
    const oldest = page.files[page.files.length - 1];
    if (oldest && !page.loading) void load(oldest.id);
  };
  return { ...page, files, more };
}

export function FilesDrawer({ room, onClose }: { room: Room; onClose: () => void }) {
  const [tab, setTab] = useState<FileKind>('image');
  const list = useSharedFiles(room, tab);
  const users = useStore((s) => s.users);

  return (
    <aside class="drawer" aria-label={t.filesDrawer} data-testid="files-drawer">
      <DrawerHead title={t.filesDrawer} onClose={onClose} closeTestid="files-drawer-close" />
      <div class="segmented" role="tablist">
        {(['image', 'file'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            class={tab === k ? 'seg active' : 'seg'}
            onClick={() => setTab(k)}
            data-testid={`drawer-tab-${k}`}
          >
            {k === 'image' ? t.photos : t.files}
          </button>
        ))}
      </div>
      <div class="drawer-body">
        {tab === 'image' ? (
          <div class="drawer-grid" data-testid="drawer-images">
            {list.files.map((f) => (
              <button
                key={f.id}
                type="button"
                class="drawer-thumb"
                onClick={() => openFromList(room.id, list.files, f.id, list.hasMore)}
                title={f.name}
                aria-label={`${t.openImage}: ${f.name}`}
                data-testid="drawer-image"
                data-file-id={f.id}
              >
                <img src={thumbUrl(f)} alt={f.name} loading="lazy" decoding="async" draggable={false} />
              </button>
            ))}
          </div>
        ) : (
          <ul class="drawer-files" data-testid="drawer-files">
            {list.files.map((f) => (
              <li key={f.id}>
                <a class="drawer-file" href={fileUrl(f)} download={f.name} title={`${t.download}: ${f.name}`} data-testid="drawer-file" data-file-id={f.id}>
                  <FileIcon name={f.name} size={34} />
                  <span class="drawer-file-text">
                    <span class="file-name">{f.name}</span>
                    <span class="file-size">
                      {formatSize(f.size)} · {users[f.senderId]?.name ?? t.unknownUser} · {formatListTime(f.createdAt)}
                    </span>
                  </span>
                  <DownloadIcon size={18} />
                </a>
              </li>
            ))}
          </ul>
        )}
        {list.loaded && !list.loading && !list.error && list.files.length === 0 && (
          <div class="drawer-empty">
            <GalleryIcon size={36} />
            <p>{tab === 'image' ? t.noPhotos : t.noFiles}</p>
          </div>
        )}
        {list.error && <div class="form-error">{list.error}</div>}
        {list.loading && (
          <div class="drawer-loading">
            <span class="spinner" /> {t.loading}
          </div>
        )}
        {list.hasMore && !list.loading && (
          <button type="button" class="btn block drawer-more" onClick={list.more} data-testid="drawer-more">
            {t.loadMore}
          </button>
        )}
      </div>
    </aside>
  );
}
