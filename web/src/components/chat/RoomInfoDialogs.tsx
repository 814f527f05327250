import { useState } from 'preact/hooks';
import type { Room } from '../../../../server/protocol/index.ts';
import { t } from '../../lib/i18n.ts';
import { tr } from '../../lib/i18n-rooms.ts';
import { leaveRoom, removeMember, renameRoom } from '../../state/room-members.ts';
import { showToast } from '../../state/toast.ts';
import { Dialog } from '../common/Dialog.tsx';
import { DialogFooter } from '../common/DialogFooter.tsx';
import { useSubmit } from '../common/useSubmit.ts';

// The room info panel's dialogs: a new name for the group, and the confirmations before leaving
// it or removing someone from it.

export function RenameDialog({ room, onClose }: { room: Room; onClose: () => void }) {
  const [name, setName] = useState(room.name);
  const { busy, error, run } = useSubmit();
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await renameRoom(room.id, name.trim());
      onClose();
      showToast(tr.renamed);
    });
  };
  return (
    <Dialog
      title={tr.renameTitle}
      onClose={onClose}
      testid="rename-dialog"
      footer={<DialogFooter onCancel={onClose} label={t.save} busy={busy} disabled={!name.trim()} form="rename-form" testid="confirm-rename" />}
    >
      <form id="rename-form" onSubmit={submit}>
        <label class="field">
          <span class="field-label">{t.groupName}</span>
          <input name="roomName" data-testid="rename-input" value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} required />
        </label>
        {error && <div class="form-error">{error}</div>}
      </form>
    </Dialog>
  );
}

interface ConfirmProps {
  title: string;
  body: string;
  note?: string;
  label: string;
  testid: string;
  onClose: () => void;
  action: () => Promise<void>;
}

/** "Are you sure?" before something that cannot be taken back, with the error if it fails. */
function ConfirmDialog({ title, body, note, label, testid, onClose, action }: ConfirmProps) {
  const { busy, error, run } = useSubmit();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testid={testid}
      footer={<DialogFooter onCancel={onClose} label={label} busy={busy} danger onSubmit={() => void run(action)} testid={`${testid}-button`} />}
    >
      <p class="dialog-text">{body}</p>
      {note && <p class="dialog-text muted">{note}</p>}
      {error && <div class="form-error">{error}</div>}
    </Dialog>
  );
}

export function LeaveDialog({ room, isOwner, onClose }: { room: Room; isOwner: boolean; onClose: () => void }) {
  return (
    <ConfirmDialog
      title={tr.leaveTitle}
      body={tr.leaveBody(room.name)}
      {...(isOwner ? { note: tr.leaveOwnerNote } : {})}
      label={tr.leave}
      testid="confirm-leave"
      onClose={onClose}
      action={() => leaveRoom(room.id)}
    />
  );
}

export function RemoveDialog({ room, userId, name, onClose }: { room: Room; userId: number; name: string; onClose: () => void }) {
  return (
    <ConfirmDialog
      title={tr.removeTitle}
      body={tr.removeBody(name)}
      label={tr.remove}
      testid="confirm-remove"
      onClose={onClose}
      action={async () => {
        await removeMember(room.id, userId);
        onClose();
      }}
    />
  );
}
