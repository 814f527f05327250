import { tn } from '../../lib/i18n-notify.ts';
import { askPermission, notNow, usePermission } from '../../notify/permission.ts';
import { useStore } from '../../state/store.ts';
import { BellIcon } from './bell-icons.tsx';

/**
 * The in-app explanation before the browser's permission prompt: shown inside the app (never on
 * the login page or at page load by the browser), only while notifications are on in my settings
 * and the browser has not been asked; "not now" is remembered in this browser.
 */
export function NotifyBanner() {
  const desktop = useStore((s) => s.settings.notifications.desktop);
  const { permission, notNow: later } = usePermission();
  if (!desktop || permission !== 'default' || later) return null;
  return (
    <div class="https-hint notify-banner" role="note" data-testid="notify-banner">
      <BellIcon size={18} />
      <span>{tn.bannerText}</span>
      <button type="button" class="btn small primary" onClick={() => void askPermission()} data-testid="notify-allow">
        {tn.bannerAllow}
      </button>
      <button type="button" class="btn small" onClick={notNow} data-testid="notify-later">
        {tn.bannerLater}
      </button>
    </div>
  );
}
