import type { FileInfo } from '../../../../server/protocol/index.ts';
import { extensionOf, fileIconKind, fileIconLabel, fileUrl, fitImage, formatSize, thumbUrl, type FileIconKind } from '../../lib/files.ts';
import { t } from '../../lib/i18n.ts';
import { DownloadIcon } from '../common/icons.tsx';

// What a file looks like in a bubble: a picture (its thumbnail, never the original) or a card.

/** The largest a picture is drawn in a bubble; thumbnails are 480 px, sharp on 2× screens. */
export const BUBBLE_IMAGE = { maxWidth: 260, maxHeight: 300, minSide: 72 };

const ICON_COLORS: Record<FileIconKind, string> = {
  pdf: '#E5484D',
  doc: '#2B6CD9',
  xls: '#1E9A55',
  ppt: '#E0702E',
  hwp: '#1597B5',
  zip: '#A77B2B',
  txt: '#66768A',
  image: '#8A57C9',
  file: '#8A93A3',
};

/** A document-shaped tile in the file type's colour with its extension printed on it. */
export function FileIcon({ name, size = 40 }: { name: string; size?: number }) {
  const kind = fileIconKind(name);
  const label = fileIconLabel(name) || 'FILE';
  return (
    <svg class="file-icon" width={size} height={size * 1.2} viewBox="0 0 40 48" aria-hidden="true" data-kind={kind}>
      <path d="M7 1h19l13 13v29a4 4 0 0 1-4 4H7a4 4 0 0 1-4-4V5a4 4 0 0 1 4-4z" fill={ICON_COLORS[kind]} />
      <path d="M26 1v9a4 4 0 0 0 4 4h9z" fill="#fff" fill-opacity="0.38" />
      <text
        x="21"
        y="37"
        text-anchor="middle"
        font-size={label.length > 3 ? 8.6 : 10}
        font-weight="800"
        fill="#fff"
        letter-spacing="0.3"
      >
        {label}
      </text>
    </svg>
  );
}

export function ImageAttachment({ file, onOpen }: { file: FileInfo; onOpen: () => void }) {
  const box = fitImage(file.width, file.height, BUBBLE_IMAGE);
  const gif = extensionOf(file.name) === 'gif';
  return (
    <button
      type="button"
      class="image-bubble"
      style={{ width: `${box.width}px`, aspectRatio: `${box.width} / ${box.height}` }}
      onClick={onOpen}
      title={file.name}
      aria-label={`${t.openImage}: ${file.name}`}
      data-testid="image-thumb"
      data-file-id={file.id}
    >
      <img src={thumbUrl(file)} alt={file.name} width={box.width} height={box.height} loading="lazy" decoding="async" draggable={false} />
      {gif && <span class="gif-badge">GIF</span>}
    </button>
  );
}

export function FileCard({ file }: { file: FileInfo }) {
  return (
    <a
      class="file-card"
      href={fileUrl(file)}
      download={file.name}
      title={`${t.download}: ${file.name}`}
      data-testid="file-card"
      data-file-id={file.id}
    >
      <FileIcon name={file.name} />
      <span class="file-card-text">
        <span class="file-name" data-testid="file-name">
          {file.name}
        </span>
        <span class="file-size">{formatSize(file.size)}</span>
      </span>
      <span class="file-download" aria-hidden="true">
        <DownloadIcon size={18} />
      </span>
    </a>
  );
}
