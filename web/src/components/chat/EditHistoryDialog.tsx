import { useEffect, useState } from 'preact/hooks';
import type { EditsReply, Message } from '../../../../server/protocol/index.ts';
import { api } from '../../lib/api.ts';
import { formatStamp } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { tm } from '../../lib/i18n-messages.ts';
import { Dialog } from '../common/Dialog.tsx';

/** Every version of an edited message, the current text first, each with when it was written. */
export function EditHistoryDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const [versions, setVersions] = useState<EditsReply['versions'] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    api.messageEdits(message.id).then(
      (r) => live && setVersions(r.versions.slice().reverse()),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
    // A new edit while the dialog is open shows up in it.
  }, [message.id, message.editedAt]);
  return (
    <Dialog title={tm.editHistory} onClose={onClose} testid="edit-history">
      {!versions && <p class="dialog-text muted">{failed ? tm.versionsFailed : t.loading}</p>}
      {versions && (
        <ol class="versions">
          {versions.map((v, i) => (
            <li key={v.editedAt} class={i === 0 ? 'version now' : 'version'} data-testid="edit-version">
              <div class="version-head">
                <span class="version-tag">{i === 0 ? tm.versionNow : i === versions.length - 1 ? tm.versionFirst : tm.edited}</span>
                <time dateTime={new Date(v.editedAt).toISOString()}>{formatStamp(v.editedAt)}</time>
              </div>
              <div class="version-body" data-testid="edit-version-body">
                {v.body}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}
