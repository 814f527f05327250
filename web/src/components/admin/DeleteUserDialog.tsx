import type { AccountUser } from '../../../../server/protocol/index.ts';
import { adminApi } from '../../lib/admin-api.ts';
import { ta } from '../../lib/i18n-admin.ts';
import { showToast } from '../../state/toast.ts';
import { Dialog } from '../common/Dialog.tsx';
import { DialogFooter } from '../common/DialogFooter.tsx';
import { useSubmit } from '../common/useSubmit.ts';

/** The confirmation before deleting: says the chat history is exported first, then deletes. */
export function DeleteUserDialog({ user, onCancel, onDeleted }: { user: AccountUser; onCancel: () => void; onDeleted: (user: AccountUser) => void }) {
  const { busy, error, run } = useSubmit();
  const submit = () =>
    run(async () => {
      const reply = await adminApi.remove(user.id);
      showToast(ta.deleted(user.name));
      onDeleted(reply.user);
    });
  return (
    <Dialog
      title={ta.deleteTitle}
      onClose={onCancel}
      testid="delete-user-dialog"
      footer={<DialogFooter onCancel={onCancel} onSubmit={submit} label={ta.deleteConfirm} busyLabel={ta.deleting} busy={busy} danger testid="confirm-delete" />}
    >
      <p class="dialog-text">{ta.deleteBody(user.name)}</p>
      {error && <p class="form-error">{error}</p>}
    </Dialog>
  );
}
