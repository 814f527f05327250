import { useEffect, useState } from 'preact/hooks';
import type { Room } from '../../../../server/protocol/index.ts';
import { secret } from '../../secret-gate.ts';
import { secretText as ts } from '../../secret/i18n-secret.ts';
import { useStore } from '../../state/store.ts';
import { lazyPart } from '../common/lazy.tsx';

const SafetyNumberDialog = lazyPart(() => import('./SafetyNumberDialog.tsx').then((m) => m.SafetyNumberDialog), 'none');

const box = { margin: '8px 12px 0', padding: '10px 12px', borderRadius: '10px', fontSize: '14px', lineHeight: 1.45 } as const;
const warn = { ...box, background: 'var(--warn-soft)', border: '1px solid var(--warn)', color: 'var(--text)' } as const;
const info = { ...box, background: 'var(--info-bg)', color: 'var(--info-text)', border: '1px solid var(--info-border)' } as const;

/**
 * Above a secret room's timeline: why it does not work on plain HTTP; the key-change warning that
 * blocks sending until acknowledged; and, on a device added after the room began, that it reads
 * only what was sent from then on.
 */
export function SecretRoomBar({ room }: { room: Room }) {
  const changed = useStore((s) => s.secret?.changed[room.id] ?? []);
  const users = useStore((s) => s.users);
  const meId = useStore((s) => s.me?.id ?? 0);
  const [since, setSince] = useState<number | null>(null);
  const [comparing, setComparing] = useState<number | null>(null);
  const secure = window.isSecureContext && !!globalThis.crypto?.subtle;

  useEffect(() => {
    if (!secure) return;
    let live = true;
    void secret().then(async (m) => {
      await m.roomDevices(room.id).catch(() => {});
      const at = await m.deviceSince().catch(() => null);
      if (live) setSince(at);
    });
    return () => {
      live = false;
    };
  }, [room.id, room.keyEpoch, secure]);

  if (!secure) {
    return (
      <div style={warn} role="alert" data-testid="secret-needs-https">
        <strong>{ts.needHttpsTitle}</strong>
        <div>{ts.needHttpsBody}</div>
        <a href="/install" target="_blank" rel="noopener">
          {ts.caGuide}
        </a>
      </div>
    );
  }
  const names = changed.map((id) => users[id]?.name ?? `#${id}`).join(', ');
  const olderRoom = since !== null && room.createdAt < since - 60_000 && room.members.some((m) => m.userId === meId);
  return (
    <>
      {changed.length > 0 && (
        <div style={warn} role="alert" data-testid="secret-key-changed">
          <strong>🔐 {ts.keyChangedTitle(names)}</strong>
          <div>{ts.keyChangedBody}</div>
          <div style={{ display: 'flex', gap: '8px', marginTop: '8px', flexWrap: 'wrap' }}>
            {changed.map((id) => (
              <span key={id} style={{ display: 'contents' }}>
                <button type="button" class="btn" onClick={() => setComparing(id)} data-testid="secret-compare">
                  {ts.compare}
                  {changed.length > 1 ? ` · ${users[id]?.name ?? id}` : ''}
                </button>
                <button type="button" class="btn primary" onClick={() => void secret().then((m) => m.acknowledgeKeys(room.id, id))} data-testid="secret-acknowledge">
                  {ts.acknowledge}
                  {changed.length > 1 ? ` · ${users[id]?.name ?? id}` : ''}
                </button>
              </span>
            ))}
          </div>
        </div>
      )}
      {olderRoom && (
        <div style={info} role="note" data-testid="secret-new-device">
          🔒 {ts.newDevice}
        </div>
      )}
      {comparing !== null && <SafetyNumberDialog room={room} userId={comparing} onClose={() => setComparing(null)} />}
    </>
  );
}
