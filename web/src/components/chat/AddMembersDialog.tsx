import { useState } from 'preact/hooks';
import type { Room } from '../../../../server/protocol/index.ts';
import { t } from '../../lib/i18n.ts';
import { addMembers } from '../../state/rooms.ts';
import { useStore } from '../../state/store.ts';
import { FormError } from '../auth/AuthLayout.tsx';
import { Dialog } from '../common/Dialog.tsx';
import { MemberPicker, useSelection } from '../main/MemberPicker.tsx';

export function AddMembersDialog({ room, onClose }: { room: Room; onClose: () => void }) {
  const users = useStore((s) => s.users);
  const { selected, toggle } = useSelection();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inRoom = new Set(room.members.map((m) => m.userId));
  const candidates = Object.values(users).filter((u) => !inRoom.has(u.id));

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await addMembers(room.id, [...selected]);
      onClose();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t.addMembers}
      onClose={onClose}
      testid="add-members-dialog"
      footer={
        <>
          <span class="muted small">{t.selected(selected.size)}</span>
          <button type="button" class="btn" onClick={onClose}>
            {t.cancel}
          </button>
          <button
            type="button"
            class="btn primary"
            disabled={busy || selected.size === 0}
            onClick={() => void submit()}
            data-testid="confirm-add-members"
          >
            {t.add}
          </button>
        </>
      }
    >
      <MemberPicker candidates={candidates} selected={selected} onToggle={toggle} />
      <FormError text={error} />
    </Dialog>
  );
}
