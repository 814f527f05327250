import { useState } from 'preact/hooks';

/**
 * The busy flag and error line of a dialog that closes once its action succeeds. Busy from the
 * click; a failure shows its message and gives the button back. On success the dialog is on its
 * way out, so it stays busy (no second click while it closes).
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
