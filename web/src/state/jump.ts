import type { HistoryReply } from '../../../server/protocol/index.ts';
import { api } from '../lib/api.ts';
import { cursorOf } from './feed.ts';
import { PAGE_SIZE, catchUpAfterPage, lastSeqOf, markRead, mergeMessages } from './messages.ts';
import { openRoom } from './nav.ts';
import { myCursor } from './rooms.ts';
import { getState, setState, withKey, type Timeline } from './store.ts';

// Opening a room at a given message (a search result, a reply's quote, the pinned notice): the
// timeline becomes a window around that message when it is not loaded already, scrolling down pages
// it towards the newest until it joins the live end, and the list brings the message into view and
// flashes it (state.highlight).

function setTimeline(roomId: number, tl: Timeline): void {
  setState((s) => ({ timelines: withKey(s.timelines, roomId, tl) }));
}

/**
 * The window has reached the newest message. Live changes were left out of it meanwhile; the page
 * has most of them, and what came between its request and now is synced from the cursor before it.
 */
function joinedLiveEnd(roomId: number, cursorBefore: number | undefined, page: HistoryReply): void {
  catchUpAfterPage(roomId, cursorBefore, page.messages);
  markRead(roomId);
}

/** Puts a page fetched around a message in place: joined to what is held if they touch, else alone. */
function placeWindow(roomId: number, page: HistoryReply, cursorBefore: number | undefined): void {
  const s = getState();
  const held = s.timelines[roomId];
  const room = s.rooms[roomId];
  const last = page.messages[page.messages.length - 1]?.seq ?? 0;
  const touches = held && !held.hasNewer && held.messages.length > 0 && last >= held.messages[0]!.seq - 1;
  const tl: Timeline = touches
    ? { ...held, messages: mergeMessages(held.messages, page.messages), hasMore: page.hasMore, loadingOlder: false }
    : {
        messages: page.messages,
        hasMore: page.hasMore,
        hasNewer: page.hasNewer,
        loadingOlder: false,
        readMarkSeq: held?.readMarkSeq ?? (room && s.me ? myCursor(room, s.me.id) : 0),
      };
  setTimeline(roomId, tl);
  if (!tl.hasNewer) joinedLiveEnd(roomId, cursorBefore, page);
}

/**
 * Opens `roomId` showing message `seq` with context around it, flashed for a moment. False when
 * the room has no such message (the caller says so in its own words).
 */
export async function jumpToMessage(roomId: number, seq: number): Promise<boolean> {
  const held = getState().timelines[roomId];
  // What is held is one run without gaps, so a message inside it is loaded.
  if (!held?.messages.some((m) => m.seq === seq)) {
    const cursor = cursorOf(roomId);
    placeWindow(roomId, await api.historyAt(roomId, { around: seq }, PAGE_SIZE), cursor);
  }
  if (!getState().timelines[roomId]?.messages.some((m) => m.seq === seq)) return false;
  setState({ highlight: { roomId, seq, at: Date.now() } });
  if (getState().activeRoomId !== roomId) openRoom(roomId);
  return true;
}

/** The list has flashed the message (unless another jump came since). */
export function clearHighlight(at: number): void {
  if (getState().highlight?.at === at) setState({ highlight: null });
}

/** The next newer page of a window opened at an older message. */
export async function loadNewer(roomId: number): Promise<void> {
  const tl = getState().timelines[roomId];
  if (!tl?.hasNewer || tl.loadingNewer) return;
  setTimeline(roomId, { ...tl, loadingNewer: true });
  try {
    const cursor = cursorOf(roomId);
    const page = await api.historyAt(roomId, { after: lastSeqOf(tl) }, PAGE_SIZE);
    const cur = getState().timelines[roomId] ?? tl;
    setTimeline(roomId, { ...cur, messages: mergeMessages(cur.messages, page.messages), hasNewer: page.hasNewer, loadingNewer: false });
    if (!page.hasNewer) joinedLiveEnd(roomId, cursor, page);
  } catch (e) {
    const cur = getState().timelines[roomId] ?? tl;
    setTimeline(roomId, { ...cur, loadingNewer: false });
    throw e;
  }
}

/** Leaves a window for the newest page (the "to the bottom" button, sending a message). */
export async function backToLatest(roomId: number): Promise<void> {
  const tl = getState().timelines[roomId];
  if (!tl?.hasNewer) return;
  const cursor = cursorOf(roomId);
  const page = await api.history(roomId, undefined, PAGE_SIZE);
  const cur = getState().timelines[roomId] ?? tl;
  setTimeline(roomId, { messages: page.messages, hasMore: page.hasMore, loadingOlder: false, readMarkSeq: cur.readMarkSeq });
  joinedLiveEnd(roomId, cursor, page);
}
