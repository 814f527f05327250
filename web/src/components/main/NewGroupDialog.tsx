import { listedPeople } from './people.ts';
import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { openRoom, setView } from '../../state/nav.ts';
import { createGroup } from '../../state/rooms.ts';
import { useStore } from '../../state/store.ts';
import { MemberDialog } from './MemberDialog.tsx';
import { secretText as ss } from '../../secret/i18n-secret.ts';

export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const users = useStore((s) => s.users);
  const meId = useStore((s) => s.me?.id ?? 0);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState(false);
  const canSecret = window.isSecureContext && !!globalThis.crypto?.subtle;
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
      <label class="field" style={{ flexDirection: 'row', alignItems: 'flex-start', gap: '8px', display: 'flex' }}>
        <input type="checkbox" checked={secret} disabled={!canSecret} onChange={(e) => setSecret(e.currentTarget.checked)} data-testid="group-secret" style={{ marginTop: '3px', width: 'auto', height: 'auto', flex: 'none', padding: 0 }} />
        <span>
          <span>🔒 {ss.secretOption}</span>
          <span class="muted small" style={{ display: 'block' }}>
            {canSecret ? ss.secretOptionHelp : ss.needHttpsTitle}{' '}
            {!canSecret && (
              <a href="/install" target="_blank" rel="noopener">
                {ss.caGuide}
              </a>
            )}
          </span>
        </span>
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
        const room = await createGroup(name.trim(), ids, secret);
        onClose();
        setView('chats');
        openRoom(room.id);
      }}
      form={{ id: 'new-group-form', fields }}
    />
  );
}
