import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { toff } from '../../lib/i18n-offline.ts';
import { useStore } from '../../state/store.ts';
import { WifiOffIcon } from '../common/icons.tsx';

/** Shown while the socket is down or catching up; a cold start gets a grace period so it does not flash. */
export function ConnectionBanner() {
  const conn = useStore((s) => s.linkStatus);
  const [late, setLate] = useState(false);
  useEffect(() => {
    setLate(false);
    if (conn !== 'connecting') return;
    const timer = setTimeout(() => setLate(true), 1500);
    return () => clearTimeout(timer);
  }, [conn]);
  if (conn === 'open' || (conn === 'connecting' && !late)) return null;
  return (
    <div class={`conn-banner${conn === 'syncing' ? ' syncing' : ''}`} role="status" data-testid="connection-banner" data-status={conn}>
      {conn !== 'syncing' && <WifiOffIcon size={18} />}
      <span>{conn === 'reconnecting' ? t.reconnecting : conn === 'syncing' ? t.syncing : conn === 'offline' ? toff.offlineBanner : t.connecting}</span>
      <span class="spinner" aria-hidden="true" />
    </div>
  );
}
