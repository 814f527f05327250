import { listedPeople } from './people.ts';
import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { openRoom, setView } from '../../state/nav.ts';
import { createGroup } from '../../state/rooms.ts';
import { useStore } from '../../state/store.ts';
import { MemberDialog } from './MemberDialog.tsx';

export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const users = useStore((s) => s.users);
  const meId = useStore((s) => s.me?.id ?? 0);
  const [name, setName] = useState('');
  const candidates = listedPeople(users).filter((u) => u.id !== meId);
  const fields = (
    <>
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
    </>
  );
  return (
    <MemberDialog
      title={t.newGroup}
      testid="new-group-dialog"
      onClose={onClose}
      candidates={candidates}
      label={t.create}
      submitTestid="create-group"
      ready={!!name.trim()}
      action={async (ids) => {
        const room = await createGroup(name.trim(), ids);
        onClose();
        setView('chats');
        openRoom(room.id);
      }}
      form={{ id: 'new-group-form', fields }}
    />
  );
}
