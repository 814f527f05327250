import { listedPeople } from '../main/people.ts';
import type { Room } from '../../../../server/protocol/index.ts';
import { t } from '../../lib/i18n.ts';
import { addMembers } from '../../state/rooms.ts';
import { useStore } from '../../state/store.ts';
import { MemberDialog } from '../main/MemberDialog.tsx';

export function AddMembersDialog({ room, onClose }: { room: Room; onClose: () => void }) {
  const users = useStore((s) => s.users);
  const inRoom = new Set(room.members.map((m) => m.userId));
  const candidates = listedPeople(users).filter((u) => !inRoom.has(u.id));
  return (
    <MemberDialog
      title={t.addMembers}
      testid="add-members-dialog"
      onClose={onClose}
      candidates={candidates}
      label={t.add}
      submitTestid="confirm-add-members"
      action={async (ids) => {
        await addMembers(room.id, ids);
        onClose();
      }}
    />
  );
}
