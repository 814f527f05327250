import type { ComponentChildren } from 'preact';
import { t } from '../../lib/i18n.ts';

type Props = {
  /** Before the buttons, e.g. how many are selected. */
  note?: ComponentChildren;
  onCancel: () => void;
  label: string;
  /** The button's text while busy; without one the label stays. */
  busyLabel?: string;
  busy: boolean;
  /** Other reasons the button is off (nothing chosen yet, say). */
  disabled?: boolean;
  /** A destructive action (delete) rather than the usual primary one. */
  danger?: boolean;
  testid: string;
} & ({ onSubmit: () => void } | { /** Submits this form (by id) instead. */ form: string });

/** Cancel and the dialog's action, which is off while it runs. */
export function DialogFooter(p: Props) {
  const submits = 'form' in p;
  return (
    <>
      {p.note}
      <button type="button" class="btn" onClick={p.onCancel}>
        {t.cancel}
      </button>
      <button
        type={submits ? 'submit' : 'button'}
        form={submits ? p.form : undefined}
        class={p.danger ? 'btn danger' : 'btn primary'}
        disabled={p.busy || p.disabled}
        onClick={submits ? undefined : p.onSubmit}
        data-testid={p.testid}
      >
        {p.busy && p.busyLabel ? p.busyLabel : p.label}
      </button>
    </>
  );
}
