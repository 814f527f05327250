import { useState } from 'preact/hooks';
import type { Message } from '../../../../server/protocol/index.ts';
import { t } from '../../lib/i18n.ts';
import { tm } from '../../lib/i18n-messages.ts';
import { deleteMessage } from '../../state/messages.ts';
import { showToast } from '../../state/toast.ts';
import { Dialog } from '../common/Dialog.tsx';
import { DialogFooter } from '../common/DialogFooter.tsx';

/** "Delete for everyone?" — the message (and its file) go for every member; it cannot be undone. */
export function DeleteDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await deleteMessage(message);
      onClose();
      showToast(t.deleted);
    } catch (e) {
      showToast((e as Error).message, 'error');
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t.deleteTitle}
      onClose={onClose}
      testid="confirm-delete"
      footer={<DialogFooter onCancel={onClose} label={tm.deleteForEveryone} busy={busy} danger onSubmit={() => void remove()} testid="confirm-delete-button" />}
    >
      <p class="dialog-text">{t.deleteBody}</p>
      {message.file && <p class="dialog-text muted">{t.deleteBodyFile}</p>}
    </Dialog>
  );
}
