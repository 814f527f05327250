import { useEffect, useRef, useState } from 'preact/hooks';
import type { Message } from '../../../../server/protocol/index.ts';
import { fileUrl } from '../../lib/files.ts';
import { t } from '../../lib/i18n.ts';
import { deleteMessage } from '../../state/messages.ts';
import { showToast } from '../../state/toast.ts';
import { Dialog } from '../common/Dialog.tsx';
import { DialogFooter } from '../common/DialogFooter.tsx';
import { DownloadIcon, MoreIcon, TrashIcon } from '../common/icons.tsx';
import { PinMenuItem } from './PinMenuItem.tsx';

/** Holding a finger this long on one of my bubbles opens its menu (the phone's "hover"). */
export const LONG_PRESS_MS = 450;

/**
 * The long-press gesture: opens the menu when a touch stays put; a scroll (finger moves) or a short
 * tap cancels it. Returns the handlers to spread on the bubble.
 */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const clear = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => clear, []);
  return {
    onTouchStart: (e: TouchEvent) => {
      const touch = e.touches[0];
      if (!touch || e.touches.length > 1) return clear();
      start.current = { x: touch.clientX, y: touch.clientY };
      clear();
      timer.current = setTimeout(() => {
        timer.current = null;
        onLongPress();
      }, LONG_PRESS_MS);
    },
    onTouchMove: (e: TouchEvent) => {
      const touch = e.touches[0];
      if (touch && start.current && Math.hypot(touch.clientX - start.current.x, touch.clientY - start.current.y) > 8) clear();
    },
    onTouchEnd: clear,
    onTouchCancel: clear,
  };
}

interface Props {
  message: Message;
  mine: boolean;
  open: boolean;
  setOpen: (open: boolean) => void;
}

/** The "⋯" button beside a message and its menu: download (for files), pin as notice, delete (mine). */
export function MessageActions({ message, mine, open, setOpen }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [upward, setUpward] = useState(true);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    // Open towards the side with room: upward unless the bubble is near the top of the list.
    const el = root.current;
    const list = el?.closest('.messages');
    if (el && list) setUpward(el.getBoundingClientRect().top - list.getBoundingClientRect().top > 110);
    const away = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', away, true);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('pointerdown', away, true);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);

  const remove = async () => {
    setBusy(true);
    try {
      await deleteMessage(message);
      setConfirming(false);
      showToast(t.deleted);
    } catch (e) {
      showToast((e as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class={open ? 'msg-actions open' : 'msg-actions'} ref={root}>
      <button
        type="button"
        class="msg-more"
        onClick={() => setOpen(!open)}
        aria-label={t.moreActions}
        title={t.moreActions}
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="message-menu"
      >
        <MoreIcon size={18} />
      </button>
      {open && (
        <div class={upward ? 'menu up' : 'menu down'} role="menu">
          {message.file && (
            <a role="menuitem" class="menu-item" href={fileUrl(message.file)} download={message.file.name} onClick={() => setOpen(false)}>
              <DownloadIcon size={17} /> {t.download}
            </a>
          )}
          <PinMenuItem message={message} close={() => setOpen(false)} />
          {mine && (
            <button
              type="button"
              role="menuitem"
              class="menu-item danger"
              onClick={() => {
                setOpen(false);
                setConfirming(true);
              }}
              data-testid="delete-message"
            >
              <TrashIcon size={17} /> {t.deleteMessage}
            </button>
          )}
        </div>
      )}
      {confirming && (
        <Dialog
          title={t.deleteTitle}
          onClose={() => setConfirming(false)}
          testid="confirm-delete"
          footer={
            <DialogFooter
              onCancel={() => setConfirming(false)}
              label={t.deleteMessage}
              busy={busy}
              danger
              onSubmit={() => void remove()}
              testid="confirm-delete-button"
            />
          }
        >
          <p class="dialog-text">{t.deleteBody}</p>
          {message.file && <p class="dialog-text muted">{t.deleteBodyFile}</p>}
        </Dialog>
      )}
    </div>
  );
}
