import { createPortal } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDay, formatTime } from '../../lib/format.ts';
import { fileUrl, formatSize, thumbUrl } from '../../lib/files.ts';
import { t } from '../../lib/i18n.ts';
import { closeLightbox, step } from '../../state/gallery.ts';
import { useStore, type Lightbox as Box } from '../../state/store.ts';
import { UserAvatar } from '../common/Avatar.tsx';
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon, DownloadIcon } from '../common/icons.tsx';

/**
 * One picture at full size over everything. The original is loaded only here (a GIF animates);
 * its thumbnail, already cached from the bubble, stands in until it arrives.
 */
export function Lightbox({ box }: { box: Box }) {
  const item = box.items[box.index];
  const sender = useStore((s) => (item ? s.users[item.senderId] : undefined));
  const [loaded, setLoaded] = useState<number | null>(null);
  const closeBtn = useRef<HTMLButtonElement>(null);
  const canPrev = box.index > 0 || box.hasOlder;
  const canNext = box.index < box.items.length - 1;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    closeBtn.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closeLightbox();
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        void step(-1);
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        void step(1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      // Back to the picture that was clicked, for keyboard users.
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  if (!item) return null;
  const { file } = item;
  // Fit the picture to the screen minus the bars, never above its own size, keeping its shape;
  // the frame has that size before a byte of the original arrives.
  const frame =
    file.width && file.height
      ? {
          aspectRatio: `${file.width} / ${file.height}`,
          width: `min(calc(100vw - var(--lb-side)), calc((100vh - var(--lb-bars)) * ${(file.width / file.height).toFixed(5)}), ${file.width}px)`,
        }
      : undefined;

  return createPortal(
    <div
      class="lightbox"
      role="dialog"
      aria-modal="true"
      aria-label={file.name}
      data-testid="lightbox"
      onClick={(e) => {
        // A click on the dark backdrop (not the picture or a control) closes it.
        if (e.target === e.currentTarget || (e.target as Element).classList.contains('lightbox-stage')) closeLightbox();
      }}
    >
      <header class="lightbox-bar">
        <div class="lightbox-who">
          <UserAvatar user={sender} size="sm" />
          <div class="lightbox-who-text">
            <strong>{sender?.name ?? t.unknownUser}</strong>
            <span>
              {formatDay(item.createdAt)} {formatTime(item.createdAt)}
            </span>
          </div>
        </div>
        <div class="lightbox-name" title={file.name}>
          <span class="lightbox-file">{file.name}</span>
          <span class="lightbox-meta">
            {file.width && file.height ? `${file.width}×${file.height} · ` : ''}
            {formatSize(file.size)}
            {box.items.length > 1 && (
              <span data-testid="lightbox-counter">
                {' · '}
                {box.index + 1} / {box.items.length}
                {box.hasOlder ? '+' : ''}
              </span>
            )}
          </span>
        </div>
        <div class="lightbox-actions">
          <a class="lightbox-btn" href={fileUrl(file)} download={file.name} title={t.download} aria-label={t.download} data-testid="lightbox-download">
            <DownloadIcon size={22} />
          </a>
          <button type="button" class="lightbox-btn" ref={closeBtn} onClick={closeLightbox} title={t.close} aria-label={t.close} data-testid="lightbox-close">
            <CloseIcon size={22} />
          </button>
        </div>
      </header>
      <div class="lightbox-stage">
        <div class={frame ? 'lightbox-frame sized' : 'lightbox-frame'} style={frame}>
          {loaded !== file.id && <img class="lightbox-thumb" src={thumbUrl(file)} alt="" aria-hidden="true" />}
          <img
            key={file.id}
            class={loaded === file.id ? 'lightbox-img' : 'lightbox-img loading'}
            src={fileUrl(file)}
            alt={file.name}
            onLoad={() => setLoaded(file.id)}
            data-testid="lightbox-image"
          />
        </div>
        {canPrev && (
          <button type="button" class="lightbox-nav prev" onClick={() => void step(-1)} title={t.prevImage} aria-label={t.prevImage} data-testid="lightbox-prev">
            <ChevronLeftIcon size={30} />
          </button>
        )}
        {canNext && (
          <button type="button" class="lightbox-nav next" onClick={() => void step(1)} title={t.nextImage} aria-label={t.nextImage} data-testid="lightbox-next">
            <ChevronRightIcon size={30} />
          </button>
        )}
        {box.loadingOlder && <span class="spinner lightbox-spinner" aria-hidden="true" />}
      </div>
    </div>,
    document.body,
  );
}
