import { useState } from 'preact/hooks';
import type { Room } from '../../../../server/protocol/index.ts';
import { secretText as ts } from '../../secret/i18n-secret.ts';
import { useStore } from '../../state/store.ts';
import { SafetyNumberDialog } from './SafetyNumberDialog.tsx';

/** In a secret room's info: what the server still sees, and a safety number per other member. */
export function SecretRoomInfo({ room }: { room: Room }) {
  const users = useStore((s) => s.users);
  const meId = useStore((s) => s.me?.id ?? 0);
  const deviceId = useStore((s) => s.secret?.deviceId ?? null);
  const [comparing, setComparing] = useState<number | null>(null);
  const others = room.members.filter((m) => m.userId !== meId);
  return (
    <div data-testid="secret-room-info" style={{ padding: '0 16px 12px' }}>
      <div class="info-section-head">
        <span>🔒 {ts.serverSeesTitle}</span>
      </div>
      <p class="muted small" style={{ margin: '0 0 8px', lineHeight: 1.5 }} data-testid="secret-server-sees">
        {ts.serverSees}
      </p>
      {deviceId !== null && <p class="muted small" style={{ margin: '0 0 8px' }}>{ts.myDevice(deviceId)}</p>}
      {others.length > 0 && (
        <>
          <div class="info-section-head">
            <span>{ts.safetyNumbers}</span>
          </div>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '6px' }}>
            {others.map((m) => (
              <button key={m.userId} type="button" class="btn" onClick={() => setComparing(m.userId)} data-testid="secret-safety-open" data-user-id={m.userId}>
                {users[m.userId]?.name ?? `#${m.userId}`}
              </button>
            ))}
          </div>
        </>
      )}
      {comparing !== null && <SafetyNumberDialog room={room} userId={comparing} onClose={() => setComparing(null)} />}
    </div>
  );
}
