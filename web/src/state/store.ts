import { useEffect, useReducer, useRef } from 'preact/hooks';
import { DEFAULT_SETTINGS, type UserSettings } from '../../../server/protocol/settings.ts';
import type { AccountUser, FileInfo, Message, PublicUser, ReplyQuote, ResetRequestView, Room, SearchResult, SetupStatus, UploadLimits } from '../../../server/protocol/index.ts';

// One state tree, replaced (never mutated) on every change, so components can select a slice and
// re-render only when that slice is a different object.

export type Screen = 'loading' | 'setup' | 'login' | 'signup' | 'waiting' | 'forgot' | 'app' | 'unreachable';
export type View = 'chats' | 'people' | 'search' | 'admin' | 'profile' | 'settings';
/**
 * `reconnecting` is only used after the first successful connection, so a cold start shows no alarm;
 * `syncing`: connected again, catching up on what was missed (until the sync's `sync-done`);
 * `offline`: started on the kept snapshot because the server gave no answer (docs/offline.md).
 */
export type LinkStatus = 'connecting' | 'open' | 'reconnecting' | 'syncing' | 'offline';

export type PendingStatus = 'queued' | 'sent' | 'failed';

/** A message the user wrote that the server has not confirmed yet. */
export interface PendingMessage {
  tempId: string;
  roomId: number;
  body: string;
  status: PendingStatus;
  createdAt: number;
  /** The server's refusal; without one, a failed send is only unconfirmed and is re-sent on reconnect. */
  error?: string;
  /** The message it answers, as the bubble shows it until the server's copy arrives. */
  replyTo?: ReplyQuote;
  /** Who it mentions (sent with it, and again on a retry). */
  mentions?: number[];
  mentionAll?: boolean;
}

/** A file on its way to a room: a bubble with a progress bar, cancel, and retry once failed. */
export interface Upload {
  tempId: string;
  roomId: number;
  file: File;
  /** A blob: URL of the picked image for the bubble while it uploads (revoked when it is gone). */
  previewUrl: string | null;
  /** The picture's pixel size once the preview has decoded, to size the bubble like the real one. */
  width: number | null;
  height: number | null;
  /** 0…1 of the body sent. */
  progress: number;
  status: 'uploading' | 'failed';
  error?: string;
  /** False when the server refused the file itself (type, content, name): trying again cannot help. */
  retryable?: boolean;
  createdAt: number;
  /** The id of the message this file answers. */
  replyTo?: number;
}

/** One picture in the lightbox, with who sent it and when. */
export interface GalleryItem {
  file: FileInfo;
  messageId: number;
  senderId: number;
  createdAt: number;
}

export interface Lightbox {
  roomId: number;
  /** Oldest first, so "previous" is to the left as in the chat. */
  items: readonly GalleryItem[];
  index: number;
  /** Older pictures exist on the server before items[0]. */
  hasOlder: boolean;
  loadingOlder: boolean;
}

export interface Timeline {
  /** Oldest first, unique by seq. */
  messages: readonly Message[];
  hasMore: boolean;
  loadingOlder: boolean;
  /** The read cursor when the room was opened: where the "unread from here" line goes. */
  readMarkSeq: number;
  /**
   * Newer messages exist after the last one held: the list is a window opened at an older message
   * (state/jump.ts), not the live end. Live messages are not appended to it; scrolling down loads
   * the next pages until it joins the end. Absent means false.
   */
  hasNewer?: boolean;
  loadingNewer?: boolean;
}

/** The message search (state/search.ts). */
export interface SearchState {
  /** What is typed in the field. */
  query: string;
  /** Only this room, or all of mine. */
  roomId: number | null;
  /** The query the results are for. */
  ran: string;
  /** Newest first. */
  results: readonly SearchResult[];
  hasMore: boolean;
  status: 'idle' | 'loading' | 'done' | 'error';
  error: string | null;
  loadingMore: boolean;
}

export const emptySearch: SearchState = { query: '', roomId: null, ran: '', results: [], hasMore: false, status: 'idle', error: null, loadingMore: false };

export interface State {
  screen: Screen;
  setup: SetupStatus | null;
  me: AccountUser | null;
  /** Shown on the waiting-for-approval screen. */
  waitingFor: { name: string; email: string } | null;
  users: Readonly<Record<number, PublicUser>>;
  online: ReadonlySet<number>;
  rooms: Readonly<Record<number, Room>>;
  roomsLoaded: boolean;
  timelines: Readonly<Record<number, Timeline>>;
  pending: Readonly<Record<number, readonly PendingMessage[]>>;
  /** roomId → userId → time the indicator expires. */
  typing: Readonly<Record<number, Readonly<Record<number, number>>>>;
  activeRoomId: number | null;
  view: View;
  linkStatus: LinkStatus;
  pendingSignups: readonly AccountUser[];
  /** Admins: password-reset requests of the last days, newest first. */
  resetRequests: readonly ResetRequestView[];
  toast: { text: string; kind: 'info' | 'error' } | null;
  uploads: Readonly<Record<number, readonly Upload[]>>;
  /** From the server (the admin can change them); null until loaded. */
  uploadLimits: UploadLimits | null;
  /** Files refused in the browser before uploading, with why; shown above the composer. */
  uploadRejects: { roomId: number; problems: readonly string[] } | null;
  /** Messages deleted during this session, so lists loaded earlier (the drawer) can drop them. */
  deletedMessages: ReadonlySet<number>;
  lightbox: Lightbox | null;
  search: SearchState;
  /** Per room, the message the composer is answering ("replying to …" above the text field). */
  replyingTo: Readonly<Record<number, Message>>;
  /** My message being edited in the composer, or null. */
  editing: Message | null;
  /** A message to bring into view and flash (state/jump.ts: a search result, a quote, the notice); `at` tells two clicks apart. */
  highlight: { roomId: number; seq: number; at: number } | null;
  /** My settings (state/settings.ts): this browser's copy until the server's arrives. */
  settings: UserSettings;
  /** Secret rooms' client state (web/src/secret/, loaded lazily); absent until it first runs. */
  secret?: SecretUi;
}

/** What the secret-room parts show (set by web/src/secret/engine.ts). */
export interface SecretUi {
  /** This browser's device id, once registered. */
  deviceId: number | null;
  /** Per room, the people whose device keys changed since pinned and are not acknowledged yet. */
  changed: Readonly<Record<number, readonly number[]>>;
  /** Messages that are not shown decrypted, and why. */
  unread: Readonly<Record<number, 'before-device' | 'waiting' | 'failed'>>;
  /** Object URLs of decrypted files and previews, by file id. */
  files: Readonly<Record<number, string>>;
}

export const initialState: State = {
  screen: 'loading',
  setup: null,
  me: null,
  waitingFor: null,
  users: {},
  online: new Set(),
  rooms: {},
  roomsLoaded: false,
  timelines: {},
  pending: {},
  typing: {},
  activeRoomId: null,
  view: 'chats',
  linkStatus: 'connecting',
  pendingSignups: [],
  resetRequests: [],
  toast: null,
  uploads: {},
  uploadLimits: null,
  uploadRejects: null,
  deletedMessages: new Set(),
  lightbox: null,
  search: emptySearch,
  replyingTo: {},
  editing: null,
  highlight: null,
  settings: DEFAULT_SETTINGS,
};

let state: State = initialState;
const listeners = new Set<() => void>();

export function getState(): State {
  return state;
}

export function setState(patch: Partial<State> | ((s: State) => Partial<State>)): void {
  const next = typeof patch === 'function' ? patch(state) : patch;
  state = { ...state, ...next };
  for (const l of listeners) l();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders the calling component when the selected slice changes (by identity). */
export function useStore<T>(select: (s: State) => T): T {
  const [, force] = useReducer((n: number) => n + 1, 0);
  const selectRef = useRef(select);
  selectRef.current = select;
  const value = select(state);
  const valueRef = useRef(value);
  valueRef.current = value;
  useEffect(() => {
    const check = () => {
      if (!Object.is(selectRef.current(state), valueRef.current)) force(0);
    };
    const off = subscribe(check);
    check(); // the state may have moved between render and subscribe
    return off;
  }, []);
  return value;
}

// ---- small immutable helpers shared by the state modules ----

export function withKey<V>(rec: Readonly<Record<number, V>>, key: number, value: V): Record<number, V> {
  return { ...rec, [key]: value };
}

export function withoutKey<V>(rec: Readonly<Record<number, V>>, key: number): Record<number, V> {
  const copy = { ...rec };
  delete copy[key];
  return copy;
}
