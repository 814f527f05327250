import type { ComponentChildren } from 'preact';
import type { PublicUser } from '../../../../server/protocol/index.ts';
import { FormError } from '../auth/AuthLayout.tsx';
import { Dialog } from '../common/Dialog.tsx';
import { DialogFooter } from '../common/DialogFooter.tsx';
import { useSubmit } from '../common/useSubmit.ts';
import { MemberPicker, SelectedCount, useSelection } from './MemberPicker.tsx';

interface Props {
  title: string;
  testid: string;
  onClose: () => void;
  candidates: PublicUser[];
  /** The action button. */
  label: string;
  submitTestid: string;
  /** Besides someone being picked, what the action needs (a group name, say). */
  ready?: boolean;
  /** Runs with the picked members; a failure is shown in the dialog. It closes the dialog itself. */
  action: (memberIds: number[]) => Promise<void>;
  /** Fields above the picker; with them the body is a form (by this id) that Enter submits. */
  form?: { id: string; fields: ComponentChildren };
}

/** Pick colleagues and act on them: a new group, or more members for a room. */
export function MemberDialog({ title, testid, onClose, candidates, label, submitTestid, ready = true, action, form }: Props) {
  const { selected, toggle } = useSelection();
  const { busy, error, run } = useSubmit();
  const submit = () => void run(() => action([...selected]));
  const how = form ? { form: form.id } : { onSubmit: submit };
  const picker = (
    <>
      <MemberPicker candidates={candidates} selected={selected} onToggle={toggle} />
      <FormError text={error} />
    </>
  );
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testid={testid}
      footer={
        <DialogFooter
          note={<SelectedCount n={selected.size} />}
          onCancel={onClose}
          label={label}
          busy={busy}
          disabled={!ready || selected.size === 0}
          testid={submitTestid}
          {...how}
        />
      }
    >
      {form ? (
        <form
          id={form.id}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {form.fields}
          {picker}
        </form>
      ) : (
        picker
      )}
    </Dialog>
  );
}
