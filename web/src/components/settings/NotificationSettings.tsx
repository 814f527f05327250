import type { JSX } from 'preact';
import { CLOCK_TIME } from '../../../../server/protocol/settings.ts';
import { tn } from '../../lib/i18n-notify.ts';
import { askPermission, usePermission, type Permission } from '../../notify/permission.ts';
import { changeSettings } from '../../state/settings.ts';
import { useStore } from '../../state/store.ts';

// The notifications part of the settings screen: each switch saves at once through the settings
// contract (state/settings.ts), so it follows me to my other tabs and devices. The browser's own
// permission is per browser, so it is shown beside the switch with a button to ask for it.

const PERMISSION_TEXT: Record<Permission, string> = {
  granted: tn.permissionGranted,
  default: tn.permissionDefault,
  denied: tn.permissionDenied,
  unsupported: tn.permissionUnsupported,
};

function Toggle({ label, hint, checked, onChange, testid }: { label: string; hint?: string; checked: boolean; onChange: (on: boolean) => void; testid: string }) {
  return (
    <label class="setting-row">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} data-testid={testid} />
      <span class="setting-text">
        <span class="setting-label">{label}</span>
        {hint && <span class="muted small">{hint}</span>}
      </span>
    </label>
  );
}

export function NotificationSettings(): JSX.Element {
  const n = useStore((s) => s.settings.notifications);
  const { permission } = usePermission();
  const time = (which: 'from' | 'to', value: string) => {
    if (CLOCK_TIME.test(value)) void changeSettings({ notifications: { dnd: { [which]: value } } });
  };

  return (
    <section class="card settings-section" aria-labelledby="notification-settings-title" data-testid="notification-settings">
      <h2 class="card-title" id="notification-settings-title">
        {tn.notifications}
      </h2>
      <Toggle
        label={tn.desktopNotifications}
        hint={tn.desktopNotificationsHint}
        checked={n.desktop}
        onChange={(desktop) => void changeSettings({ notifications: { desktop } })}
        testid="setting-desktop"
      />
      <p class="setting-permission muted small" data-testid="notification-permission" data-permission={permission}>
        {PERMISSION_TEXT[permission]}{' '}
        {permission === 'default' && (
          <button type="button" class="btn small" onClick={() => void askPermission()} data-testid="ask-permission">
            {tn.askPermission}
          </button>
        )}
      </p>
      <Toggle label={tn.sound} hint={tn.soundHint} checked={n.sound} onChange={(sound) => void changeSettings({ notifications: { sound } })} testid="setting-sound" />
      <Toggle
        label={tn.mentionsWhenMuted}
        checked={n.mentionsWhenMuted}
        onChange={(mentionsWhenMuted) => void changeSettings({ notifications: { mentionsWhenMuted } })}
        testid="setting-mentions-when-muted"
      />
      <Toggle
        label={tn.dnd}
        hint={tn.dndHint}
        checked={n.dnd.enabled}
        onChange={(enabled) => void changeSettings({ notifications: { dnd: { enabled } } })}
        testid="setting-dnd"
      />
      <div class="setting-times">
        <label>
          {tn.dndFrom}{' '}
          <input type="time" value={n.dnd.from} disabled={!n.dnd.enabled} onChange={(e) => time('from', e.currentTarget.value)} data-testid="dnd-from" />
        </label>
        <label>
          {tn.dndTo}{' '}
          <input type="time" value={n.dnd.to} disabled={!n.dnd.enabled} onChange={(e) => time('to', e.currentTarget.value)} data-testid="dnd-to" />
        </label>
      </div>
    </section>
  );
}
