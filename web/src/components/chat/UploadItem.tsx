import { fitImage, formatSize } from '../../lib/files.ts';
import { t } from '../../lib/i18n.ts';
import type { Upload } from '../../state/store.ts';
import { cancelUpload, discardUploadItem, notePreviewSize, retryUpload } from '../../state/uploads.ts';
import { FailActions } from '../common/FailActions.tsx';
import { CloseIcon } from '../common/icons.tsx';
import { BUBBLE_IMAGE, FileIcon } from './Attachment.tsx';

function Progress({ value }: { value: number }) {
  const pct = Math.round(value * 100);
  return (
    <div class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="upload-progress">
      <div class="progress-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}

/** A file of mine on its way up: the picture or card it will become, with progress and cancel. */
export function UploadItem({ u }: { u: Upload }) {
  const failed = u.status === 'failed';
  const pct = Math.round(u.progress * 100);
  const box = fitImage(u.width, u.height, BUBBLE_IMAGE);
  return (
    <div
      class={`msg mine pending upload${failed ? ' failed' : ''}`}
      data-testid={failed ? 'upload-failed' : 'upload-pending'}
      data-temp-id={u.tempId}
    >
      <div class="msg-col">
        <div class="msg-line">
          <div class="msg-content">
            {u.previewUrl ? (
              <div class="image-bubble uploading" style={{ width: `${box.width}px`, aspectRatio: `${box.width} / ${box.height}` }}>
                <img
                  src={u.previewUrl}
                  alt={u.file.name}
                  draggable={false}
                  onLoad={(e) => notePreviewSize(u.tempId, e.currentTarget.naturalWidth, e.currentTarget.naturalHeight)}
                />
                {!failed && (
                  <div class="image-progress">
                    <span class="image-progress-text">{pct}%</span>
                    <Progress value={u.progress} />
                  </div>
                )}
              </div>
            ) : (
              <div class="file-card uploading">
                <FileIcon name={u.file.name} />
                <span class="file-card-text">
                  <span class="file-name">{u.file.name}</span>
                  <span class="file-size">
                    {failed ? formatSize(u.file.size) : `${t.uploading} ${pct}% · ${formatSize(u.file.size)}`}
                  </span>
                  {!failed && <Progress value={u.progress} />}
                </span>
              </div>
            )}
          </div>
          <div class="msg-meta">
            {failed ? (
              <FailActions
                onRetry={u.retryable !== false ? () => retryUpload(u.tempId) : undefined}
                onDiscard={() => discardUploadItem(u.tempId)}
                retryTestid="upload-retry"
                discardTestid="upload-discard"
              />
            ) : (
              <button
                type="button"
                class="mini-btn neutral"
                onClick={() => cancelUpload(u.tempId)}
                title={t.cancelUpload}
                aria-label={t.cancelUpload}
                data-testid="upload-cancel"
              >
                <CloseIcon size={14} />
              </button>
            )}
          </div>
        </div>
        {failed && <div class="fail-text">{u.error ?? t.uploadFailed}</div>}
      </div>
    </div>
  );
}
