// How the lazily loaded secret-room engine (web/src/secret/) settles a pending bubble: it cannot
// import state/messages.ts, which loads it (an import cycle), so messages.ts hands its two
// functions over here when it loads.

export interface PendingSends {
  /** The send failed: the bubble shows the error and offers a retry. */
  onSendError(tempId: string, code: string, message?: { ko: string; en: string }): void;
  /** Send the pending message again (same tempId). */
  retry(tempId: string): void;
}

let hooks: PendingSends | undefined;

export function providePendingSends(given: PendingSends): void {
  hooks = given;
}

export function pendingSends(): PendingSends {
  if (!hooks) throw new Error('state/messages.ts has not loaded');
  return hooks;
}
