import type { HistoryReply } from '../../../server/protocol/index.ts';
import { api } from '../lib/api.ts';
import { PAGE_SIZE, lastSeqOf, markRead, mergeMessages, requestSync } from './messages.ts';
import { openRoom } from './nav.ts';
import { myCursor } from './rooms.ts';
import { getState, setState, withKey, type Timeline } from './store.ts';

// Opening a room at a given message (a search result, a quoted reply): the timeline becomes a
// window around that message when it is not loaded already, scrolling down pages it towards the
// newest until it joins the live end, and the list brings the message into view and highlights it.

function setTimeline(roomId: number, tl: Timeline): void {
  setState((s) => ({ timelines: withKey(s.timelines, roomId, tl) }));
}

/** The window has reached the newest message: catch up on what arrived meanwhile, and read it. */
function joinedLiveEnd(roomId: number): void {
  requestSync([roomId]);
  markRead(roomId);
}

/** Puts a page fetched around a message in place: joined to what is held if they touch, else alone. */
function placeWindow(roomId: number, page: HistoryReply): void {
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
  if (!tl.hasNewer) joinedLiveEnd(roomId);
}

/** Opens `roomId` showing message `seq` with context around it, highlighted for a moment. */
export async function jumpToMessage(roomId: number, seq: number): Promise<void> {
  const held = getState().timelines[roomId];
  // What is held is one run without gaps, so a message inside it is loaded.
  if (!held?.messages.some((m) => m.seq === seq)) placeWindow(roomId, await api.historyAt(roomId, { around: seq }, PAGE_SIZE));
  setState({ focus: { roomId, seq } });
  openRoom(roomId);
}

/** The list has shown the focused message. */
export function clearFocus(): void {
  if (getState().focus) setState({ focus: null });
}

/** The next newer page of a window opened at an older message. */
export async function loadNewer(roomId: number): Promise<void> {
  const tl = getState().timelines[roomId];
  if (!tl?.hasNewer || tl.loadingNewer) return;
  setTimeline(roomId, { ...tl, loadingNewer: true });
  try {
    const page = await api.historyAt(roomId, { after: lastSeqOf(tl) }, PAGE_SIZE);
    const cur = getState().timelines[roomId] ?? tl;
    setTimeline(roomId, { ...cur, messages: mergeMessages(cur.messages, page.messages), hasNewer: page.hasNewer, loadingNewer: false });
    if (!page.hasNewer) joinedLiveEnd(roomId);
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
  const page = await api.history(roomId, undefined, PAGE_SIZE);
  const cur = getState().timelines[roomId] ?? tl;
  setTimeline(roomId, { messages: page.messages, hasMore: page.hasMore, loadingOlder: false, readMarkSeq: cur.readMarkSeq });
  joinedLiveEnd(roomId);
}
