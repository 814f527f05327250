import type { JSX } from 'preact';
import { createPortal } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Message } from '../../../../server/protocol/index.ts';
import { copyText } from '../../../shared/clipboard.ts';
import { fileUrl } from '../../lib/files.ts';
import { t } from '../../lib/i18n.ts';
import { tm } from '../../lib/i18n-messages.ts';
import { canDeleteForEveryone, canEdit, startEdit, startReply, toggleReaction } from '../../state/message-changes.ts';
import { useStore } from '../../state/store.ts';
import { showToast } from '../../state/toast.ts';
import { CopyIcon, DownloadIcon, EditIcon, HistoryIcon, MoreIcon, ReplyIcon, TrashIcon } from '../common/icons.tsx';
import { lazyPart } from '../common/lazy.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { QuickReactions } from './QuickReactions.tsx';
import { PinMenuItem } from './PinMenuItem.tsx';

interface Props {
  message: Message;
  mine: boolean;
  open: boolean;
  setOpen: (open: boolean) => void;
}

type Dialog = 'delete' | 'history' | null;

/** About the menu's size (message-menu.css), to open it where it fits. */
const MENU_WIDTH = 290;
const MENU_HEIGHT = 230;

/** The emoji picker's size (emoji.css), to place it beside the message within the window. */
const PICKER = { width: 352, height: 404, gap: 8 };

/** Where the picker for "more reactions" opens: above the message if it fits, else below; inside the window. */
// The picker's code (and, on first open, its data) is fetched when it first opens.
const EditHistoryDialog = lazyPart(() => import('./EditHistoryDialog.tsx').then((m) => m.EditHistoryDialog), 'none');
const EmojiPicker = lazyPart(() => import('../emoji/EmojiPicker.tsx').then((m) => m.EmojiPicker), 'none');

function pickerPlace(anchor: DOMRect): { top: number; left: number } {
  const { width, height, gap } = PICKER;
  const above = anchor.top - height - gap;
  const top = above >= gap ? above : Math.max(gap, Math.min(anchor.bottom + gap, innerHeight - height - gap));
  const left = Math.max(gap, Math.min(anchor.left + anchor.width / 2 - width / 2, innerWidth - width - gap));
  return { top, left };
}

/**
 * The "⋯" beside a message (right click on desktop, a long press on a phone) and its menu: quick
 * reactions, reply, edit (my text), copy, the edit history, download (files), delete for everyone
 * (mine within 24 hours, any for an admin). On a phone the menu is a sheet at the bottom.
 */
export function MessageActions({ message, open, setOpen }: Props) {
  const me = useStore((s) => s.me);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [picker, setPicker] = useState<{ top: number; left: number } | null>(null);
  const [upward, setUpward] = useState(true);
  const [towardsEnd, setTowardsEnd] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    // Open towards the sides with room: upward unless the bubble is near the top of the list,
    // rightward unless that would run past the list's right edge.
    const el = root.current;
    const list = el?.closest('.messages');
    if (el && list) {
      const at = el.getBoundingClientRect();
      const box = list.getBoundingClientRect();
      setUpward(at.top - box.top > MENU_HEIGHT);
      setTowardsEnd(at.left + MENU_WIDTH > box.right - 8);
    }
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

  /** A menu item: runs `action` and closes the menu. */
  const item = (testid: string, icon: JSX.Element, label: string, action: () => void, danger = false) => (
    <button
      type="button"
      role="menuitem"
      class={danger ? 'menu-item danger' : 'menu-item'}
      onClick={() => {
        setOpen(false);
        action();
      }}
      data-testid={testid}
    >
      {icon} {label}
    </button>
  );
  const copy = async () => showToast((await copyText(message.body)) ? tm.copied : tm.copyFailed);

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
      {open && <div class="menu-backdrop" onClick={() => setOpen(false)} />}
      {open && (
        <div class={`menu ${upward ? 'up' : 'down'} ${towardsEnd ? 'end' : 'start'}`} role="menu" data-testid="message-menu-items">
          <QuickReactions
            message={message}
            onDone={() => setOpen(false)}
            onMore={() => {
              setOpen(false);
              setPicker(pickerPlace(root.current!.closest('.msg-line')!.getBoundingClientRect()));
            }}
          />
          {item('reply-message', <ReplyIcon size={17} />, tm.reply, () => startReply(message))}
          {canEdit(message, me?.id ?? 0) && item('edit-message', <EditIcon size={17} />, tm.edit, () => startEdit(message))}
          {message.body && item('copy-message', <CopyIcon size={17} />, tm.copy, () => void copy())}
          {message.editedAt !== null && item('edit-history', <HistoryIcon size={17} />, tm.editHistory, () => setDialog('history'))}
          {message.file && (
            <a role="menuitem" class="menu-item" href={fileUrl(message.file)} download={message.file.name} onClick={() => setOpen(false)}>
              <DownloadIcon size={17} /> {t.download}
            </a>
          )}
          <PinMenuItem message={message} close={() => setOpen(false)} />
          {canDeleteForEveryone(message, me) && item('delete-message', <TrashIcon size={17} />, tm.deleteForEveryone, () => setDialog('delete'), true)}
        </div>
      )}
      {dialog === 'delete' && <DeleteDialog message={message} onClose={() => setDialog(null)} />}
      {dialog === 'history' && <EditHistoryDialog message={message} onClose={() => setDialog(null)} />}
      {/* In <body>: the "⋯" it came from is hidden (and faded) once the menu closes. */}
      {picker &&
        createPortal(
          <div class="reaction-picker" style={{ top: `${picker.top}px`, left: `${picker.left}px` }}>
            <EmojiPicker
              class="reaction-picker-panel"
              onPick={(emoji) => {
                setPicker(null);
                toggleReaction(message, emoji);
              }}
              onClose={() => setPicker(null)}
            />
          </div>,
          document.body,
        )}
    </div>
  );
}
