import { useEffect, useState } from 'preact/hooks';
import type { Room } from '../../../../server/protocol/index.ts';
import { secret } from '../../secret-gate.ts';
import { secretText as ts } from '../../secret/i18n-secret.ts';
import { useStore } from '../../state/store.ts';
import { Dialog } from '../common/Dialog.tsx';

interface Shown {
  groups: string[];
  qr: string | null;
}

/** The 60-digit safety number (12 groups of 5) of me and one member, and its QR code. */
export function SafetyNumberDialog({ room, userId, onClose }: { room: Room; userId: number; onClose: () => void }) {
  const name = useStore((s) => s.users[userId]?.name ?? `#${userId}`);
  const [shown, setShown] = useState<Shown | null | 'none'>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const m = await secret();
      const n = await m.safetyNumberWith(room.id, userId);
      if (!n) return live && setShown('none');
      // The digits first; the QR code (a lazy chunk) follows and is only a convenience.
      if (live) setShown({ groups: n.groups, qr: null });
      const qr = await (await import('../../secret/qr-image.ts')).qrDataUrl(n.qr);
      if (live) setShown({ groups: n.groups, qr });
    })().catch(() => live && setShown((s) => (s && s !== 'none' ? s : 'none')));
    return () => {
      live = false;
    };
  }, [room.id, userId]);
  return (
    <Dialog title={ts.safetyTitle(name)} onClose={onClose} testid="safety-number" footer={<button type="button" class="btn primary" onClick={onClose}>{ts.close}</button>}>
      <p class="dialog-text">{ts.safetyHelp}</p>
      {shown === null && <p class="dialog-text muted">{ts.safetyLoading}</p>}
      {shown === 'none' && <p class="dialog-text muted">{ts.safetyNone}</p>}
      {shown && shown !== 'none' && (
        <div style={{ display: 'flex', gap: '20px', alignItems: 'center', flexWrap: 'wrap', justifyContent: 'center', marginTop: '8px' }}>
          <div
            data-testid="safety-digits"
            aria-label={shown.groups.join(' ')}
            style={{ display: 'grid', gridTemplateColumns: 'repeat(4, auto)', gap: '6px 14px', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '17px', letterSpacing: '0.04em' }}
          >
            {shown.groups.map((g, i) => (
              <span key={i}>{g}</span>
            ))}
          </div>
          {shown.qr && <img src={shown.qr} width={180} height={180} alt={ts.safetyNumbers} data-testid="safety-qr" style={{ imageRendering: 'pixelated', borderRadius: '8px', background: '#fff' }} />}
        </div>
      )}
    </Dialog>
  );
}
