import { t } from '../../lib/i18n.ts';
import { CloseIcon, RetryIcon } from './icons.tsx';

interface Props {
  /** Left out when another try cannot help. */
  onRetry?: () => void;
  onDiscard: () => void;
  retryTestid: string;
  discardTestid: string;
}

/** Retry and discard beside something of mine that failed to send (a message, an upload). */
export function FailActions({ onRetry, onDiscard, retryTestid, discardTestid }: Props) {
  return (
    <span class="fail-actions">
      {onRetry && (
        <button type="button" class="mini-btn" onClick={onRetry} title={t.retry} data-testid={retryTestid}>
          <RetryIcon size={14} />
        </button>
      )}
      <button type="button" class="mini-btn" onClick={onDiscard} title={t.discard} data-testid={discardTestid}>
        <CloseIcon size={14} />
      </button>
    </span>
  );
}
