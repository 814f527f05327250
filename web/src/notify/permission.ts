import { useEffect, useState } from 'preact/hooks';

// The browser's notification permission, asked only when the person clicks for it (the banner or
// the settings), and the "not now" they may answer the banner with, kept in this browser.

const LATER_KEY = 'sotong.notify.later';
const listeners = new Set<() => void>();

export type Permission = NotificationPermission | 'unsupported';

export function permission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askPermission(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  await Notification.requestPermission();
  changed();
  return Notification.permission;
}

export function saidNotNow(): boolean {
  try {
    return localStorage.getItem(LATER_KEY) === '1';
  } catch {
    return false;
  }
}

export function notNow(): void {
  try {
    localStorage.setItem(LATER_KEY, '1');
  } catch {
    // Private mode: the banner comes back next time, which is harmless.
  }
  changed();
}

/** The permission and the "not now", re-read when either changes here. */
export function usePermission(): { permission: Permission; notNow: boolean } {
  const read = () => ({ permission: permission(), notNow: saidNotNow() });
  const [value, setValue] = useState(read);
  useEffect(() => {
    const update = () => setValue(read());
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return value;
}

function changed(): void {
  for (const fn of listeners) fn();
}
