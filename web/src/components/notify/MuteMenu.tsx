import { useState } from 'preact/hooks';
import { muteOf } from '../../../../server/protocol/settings.ts';
import { tn } from '../../lib/i18n-notify.ts';
import { MUTE_CHOICES, type MuteChoice } from '../../notify/decide.ts';
import { muteRoom, unmuteRoom } from '../../notify/mutes.ts';
import { useStore } from '../../state/store.ts';
import { BellIcon, BellOffIcon } from './bell-icons.tsx';

const CHOICE_LABEL: Record<MuteChoice, string> = { hour: tn.muteHour, tomorrow: tn.muteTomorrow, forever: tn.muteForever };

function untilText(until: number): string {
  return new Date(until).toLocaleString(undefined, { month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** The chat header's bell: mute this room for a while or until I unmute, or unmute it. */
export function MuteMenu({ roomId }: { roomId: number }) {
  const settings = useStore((s) => s.settings);
  const [open, setOpen] = useState(false);
  const mute = muteOf(settings, roomId, Date.now());
  const label = mute ? (mute.until === null ? tn.mutedForever : tn.mutedUntil(untilText(mute.until))) : tn.mute;
  const pick = (action: () => Promise<void>) => {
    setOpen(false);
    void action();
  };

  return (
    <span class="mute-control">
      <button
        type="button"
        class={mute ? 'icon-btn on' : 'icon-btn'}
        onClick={() => setOpen(!open)}
        title={label}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="mute-button"
        data-muted={mute ? 'true' : 'false'}
      >
        {mute ? <BellOffIcon /> : <BellIcon />}
      </button>
      {open && <div class="mute-backdrop" onClick={() => setOpen(false)} />}
      {open && (
        <div class="menu down end" role="menu" data-testid="mute-menu">
          {mute ? (
            <button type="button" role="menuitem" class="menu-item" onClick={() => pick(() => unmuteRoom(roomId))} data-testid="unmute">
              <BellIcon size={17} /> {tn.unmute}
            </button>
          ) : (
            MUTE_CHOICES.map((choice) => (
              <button type="button" role="menuitem" class="menu-item" key={choice} onClick={() => pick(() => muteRoom(roomId, choice))} data-testid={`mute-${choice}`}>
                <BellOffIcon size={17} /> {CHOICE_LABEL[choice]}
              </button>
            ))
          )}
        </div>
      )}
    </span>
  );
}
