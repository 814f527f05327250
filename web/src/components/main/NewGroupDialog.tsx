import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { openRoom, setView } from '../../state/nav.ts';
import { createGroup } from '../../state/rooms.ts';
import { useStore } from '../../state/store.ts';
import { FormError } from '../auth/AuthLayout.tsx';
import { Dialog } from '../common/Dialog.tsx';
import { MemberPicker, useSelection } from './MemberPicker.tsx';

export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const users = useStore((s) => s.users);
  const meId = useStore((s) => s.me?.id ?? 0);
  const [name, setName] = useState('');
  const { selected, toggle } = useSelection();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const candidates = Object.values(users).filter((u) => u.id !== meId);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const room = await createGroup(name.trim(), [...selected]);
      onClose();
      setView('chats');
      openRoom(room.id);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t.newGroup}
      onClose={onClose}
      testid="new-group-dialog"
      footer={
        <>
          <span class="muted small">{t.selected(selected.size)}</span>
          <button type="button" class="btn" onClick={onClose}>
            {t.cancel}
          </button>
          <button
            type="submit"
            form="new-group-form"
            class="btn primary"
            disabled={busy || !name.trim() || selected.size === 0}
            data-testid="create-group"
          >
            {t.create}
          </button>
        </>
      }
    >
      <form id="new-group-form" onSubmit={submit}>
        <label class="field">
          <span class="field-label">{t.groupName}</span>
          <input
            name="groupName"
            data-testid="group-name"
            value={name}
            maxLength={100}
            placeholder={t.groupNamePlaceholder}
            onInput={(e) => setName(e.currentTarget.value)}
            required
          />
        </label>
        <div class="field-label">{t.selectMembers}</div>
        <MemberPicker candidates={candidates} selected={selected} onToggle={toggle} />
        <FormError text={error} />
      </form>
    </Dialog>
  );
}
