import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Room } from '../../../../server/protocol/index.ts';
import { formatDay } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { loadOlder } from '../../state/messages.ts';
import { backToLatest, clearHighlight, loadNewer } from '../../state/jump.ts';
import { unreadCount } from '../../state/rooms.ts';
import { useStore, type PendingMessage, type Upload } from '../../state/store.ts';
import { showToast } from '../../state/toast.ts';
import { ArrowDownIcon } from '../common/icons.tsx';
import { avatarUrl } from '../../lib/files.ts';
import { MessageItem, PendingItem } from './MessageItem.tsx';
import { SystemLine } from './SystemLine.tsx';
import { UploadItem } from './UploadItem.tsx';
import { buildItems } from './timelineItems.ts';

const NO_PENDING: readonly PendingMessage[] = [];
const NO_UPLOADS: readonly Upload[] = [];

type Outgoing = { kind: 'text'; p: PendingMessage } | { kind: 'file'; u: Upload };

/** Texts and files not yet confirmed, in the order they were written or picked. */
function outbox(pending: readonly PendingMessage[], uploads: readonly Upload[]): Outgoing[] {
  const out: Outgoing[] = [...pending.map((p) => ({ kind: 'text' as const, p })), ...uploads.map((u) => ({ kind: 'file' as const, u }))];
  const at = (o: Outgoing) => (o.kind === 'text' ? o.p.createdAt : o.u.createdAt);
  return out.sort((a, b) => at(a) - at(b));
}
/** Within this many pixels of the end counts as "at the bottom" (new messages keep it pinned). */
const BOTTOM_SLACK = 80;
/** Start loading the previous page this close to the top (the next one this close to the end), before the user hits it. */
const TOP_TRIGGER = 200;

export function MessageList({ room }: { room: Room }) {
  const tl = useStore((s) => s.timelines[room.id]);
  const pendingTexts = useStore((s) => s.pending[room.id]) ?? NO_PENDING;
  const uploads = useStore((s) => s.uploads[room.id]) ?? NO_UPLOADS;
  const pending = useMemo(() => outbox(pendingTexts, uploads), [pendingTexts, uploads]);
  const users = useStore((s) => s.users);
  const meId = useStore((s) => s.me?.id ?? 0);
  const highlight = useStore((s) => (s.highlight?.roomId === room.id ? s.highlight : null));
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [away, setAway] = useState(false);
  const [newBelow, setNewBelow] = useState(0);
  // Scroll geometry saved before an older page is prepended, to keep the view still.
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const seen = useRef<{ first: number; lastKey: string; pending: number; windowed: boolean } | null>(null);
  // A window opened at an older message (state/jump.ts): the end of the list is not the newest.
  const windowed = !!tl?.hasNewer;
  const wantBottom = useRef(false);

  const items = useMemo(
    () => (tl ? buildItems(tl.messages, tl.readMarkSeq, meId) : []),
    [tl?.messages, tl?.readMarkSeq, meId],
  );
  const firstSeq = tl?.messages[0]?.seq ?? 0;
  const lastOut = pending[pending.length - 1];
  const lastKey = lastOut
    ? lastOut.kind === 'text'
      ? lastOut.p.tempId
      : lastOut.u.tempId
    : String(tl?.messages[tl.messages.length - 1]?.seq ?? '');

  const toBottom = () => {
    if (windowed) {
      wantBottom.current = true;
      backToLatest(room.id).catch((e: unknown) => showToast((e as Error).message, 'error'));
      return;
    }
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setAway(false);
    setNewBelow(0);
  };

  const newer = () => {
    if (!tl?.hasNewer || tl.loadingNewer) return;
    loadNewer(room.id).catch((e: unknown) => showToast((e as Error).message, 'error'));
  };

  const older = () => {
    const el = scroller.current;
    if (!el || !tl || !tl.hasMore || tl.loadingOlder) return;
    anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    loadOlder(room.id).catch((e: unknown) => {
      anchor.current = null;
      showToast((e as Error).message, 'error');
    });
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !tl) return;
    const prev = seen.current;
    seen.current = { first: firstSeq, lastKey, pending: pending.length, windowed };
    if (!prev) {
      // First paint of this room: jump to the unread line if it is above the fold, else the end.
      const line = el.querySelector<HTMLElement>('.unread-line');
      if (line && line.offsetTop < el.scrollHeight - el.clientHeight) {
        el.scrollTop = Math.max(0, line.offsetTop - 48);
        atBottom.current = false;
        setAway(true);
      } else {
        el.scrollTop = el.scrollHeight;
      }
    } else {
      if (firstSeq !== prev.first && anchor.current) {
        el.scrollTop = el.scrollHeight - anchor.current.height + anchor.current.top;
        anchor.current = null;
      }
      const iJustSent = pending.length > prev.pending;
      if (wantBottom.current && !windowed) {
        wantBottom.current = false;
        toBottom();
      } else if (windowed || prev.windowed) {
        // Pages added below a window keep the view still; what I send is at the newest end.
        if (iJustSent) toBottom();
      } else if (lastKey !== prev.lastKey) {
        if (atBottom.current || iJustSent) toBottom();
        else setNewBelow((n) => n + 1);
      } else if (atBottom.current) {
        // Something at the end changed size (a preview decoded, a message was deleted): stay pinned.
        el.scrollTop = el.scrollHeight;
      }
    }
    // A short history does not fill the view, so no scroll event would ever ask for more.
    if (el.scrollHeight <= el.clientHeight + 4 && tl.hasMore && !tl.loadingOlder) older();
    if (el.scrollHeight <= el.clientHeight + 4) newer();
  });

  // A jump (state/jump.ts: a search result, a quote, the notice) put its message in the timeline:
  // bring it to the middle of the view and let it flash for a moment.
  const shownAt = useRef(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    const target = highlight && el?.querySelector<HTMLElement>(`[data-testid="message"][data-seq="${highlight.seq}"]`);
    if (!el || !highlight || !target || shownAt.current === highlight.at) return;
    shownAt.current = highlight.at;
    anchor.current = null;
    target.scrollIntoView({ block: 'center' });
    atBottom.current = !windowed && el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK;
    setAway(!atBottom.current);
  }, [highlight?.at, items]);
  useEffect(() => {
    if (!highlight) return;
    const timer = setTimeout(() => clearHighlight(highlight.at), 2200);
    return () => clearTimeout(timer);
  }, [highlight?.at]);

  // Keep the end pinned when the view shrinks (composer grows, phone keyboard opens).
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK;
    atBottom.current = bottom;
    if (bottom !== !away) setAway(!bottom);
    if (bottom && newBelow) setNewBelow(0);
    if (el.scrollTop < TOP_TRIGGER) older();
    if (el.scrollHeight - el.scrollTop - el.clientHeight < TOP_TRIGGER) newer();
  };
  // Below a window there are always newer messages; "new" are the ones I have not read yet.
  const newsBelow = windowed ? room.unread > 0 : newBelow > 0;

  const isGroup = room.kind === 'group';
  return (
    <div class="msg-wrap">
      {tl?.loadingOlder && (
        <div class="loading-older" data-testid="loading-older">
          <span class="spinner" /> {t.loadingOlder}
        </div>
      )}
      <div class="messages" ref={scroller} onScroll={onScroll} data-testid="messages">
        {!tl && <div class="messages-loading">{t.loading}</div>}
        {tl && !tl.hasMore && <div class="room-start">{t.startOfRoom}</div>}
        {items.map((it) => {
          if (it.kind === 'day')
            return (
              <div key={it.key} class="day-line" data-testid="day-separator">
                <span>{formatDay(it.at)}</span>
              </div>
            );
          if (it.kind === 'system') return <SystemLine key={it.key} message={it.message} users={users} />;
          if (it.kind === 'unread')
            return (
              <div key={it.key} class="unread-line" data-testid="unread-separator">
                <span>{t.unreadFromHere}</span>
              </div>
            );
          const m = it.message;
          const sender = users[m.senderId];
          return (
            <MessageItem
              key={it.key}
              message={m}
              mine={m.senderId === meId}
              first={it.first}
              last={it.last}
              unread={unreadCount(room, m.seq)}
              senderName={sender?.name ?? t.unknownUser}
              senderColor={sender?.avatarColor ?? 11}
              senderPhoto={avatarUrl(sender)}
              showName={isGroup}
              highlighted={highlight?.seq === m.seq}
            />
          );
        })}
        {tl?.loadingNewer && (
          <div class="loading-newer" data-testid="loading-newer">
            <span class="spinner" />
          </div>
        )}
        {!windowed && pending.map((o) => (o.kind === 'text' ? <PendingItem key={o.p.tempId} p={o.p} /> : <UploadItem key={o.u.tempId} u={o.u} />))}
      </div>
      {(away || windowed) && (
        <button
          type="button"
          class={newsBelow ? 'jump has-new' : 'jump'}
          onClick={toBottom}
          data-testid="jump-bottom"
          title={t.toBottom}
        >
          {newsBelow && <span>{t.newMessages}</span>}
          <ArrowDownIcon size={18} />
        </button>
      )}
    </div>
  );
}
