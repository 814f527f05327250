import { useState } from 'preact/hooks';
import type { BackupInfo } from '../../../../server/protocol/backups.ts';
import { formatBytes, formatDate, formatClock } from '../lib/format.ts';
import { tb } from '../lib/i18n-backup.ts';

const KIND = { daily: tb.kindDaily, manual: tb.kindManual, 'pre-restore': tb.kindPreRestore } as const;

/** One backup in the list, with its Restore… button and the confirmation it asks for first. */
export function BackupRow({ backup, disabled, onRestore }: { backup: BackupInfo; disabled: boolean; onRestore(name: string): void }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <li class="backup-row" data-testid="backup-row" data-name={backup.name}>
      <div class="backup-main">
        <span class="backup-when">
          {formatDate(backup.createdAt)} {formatClock(backup.createdAt)}
        </span>
        <span class="chip">{KIND[backup.kind]}</span>
        <span class="backup-meta">
          {formatBytes(backup.sizeBytes)} · v{backup.appVersion} · {tb.schema(backup.schemaVersion)} ·{' '}
          <span class={backup.verified ? 'ok' : 'bad'}>{backup.verified ? tb.verified : tb.notVerified}</span>
        </span>
        {!confirming && (
          <button type="button" class="btn btn-quiet btn-small" disabled={disabled} onClick={() => setConfirming(true)} data-testid="backup-restore">
            {tb.restore}
          </button>
        )}
      </div>
      {confirming && (
        <div class="backup-confirm" role="alertdialog" aria-label={tb.restore}>
          <p>{tb.restoreConfirm(backup.name)}</p>
          <div class="action-row">
            <button type="button" class="btn btn-primary btn-small" disabled={disabled} onClick={() => onRestore(backup.name)} data-testid="backup-restore-yes">
              {tb.restoreYes}
            </button>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setConfirming(false)}>
              {tb.cancel}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
