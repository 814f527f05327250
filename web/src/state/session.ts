import type { AccountUser, LoginRequest, SetupRequest, SignupRequest } from '../../../server/protocol/index.ts';
import { ApiError, api } from '../lib/api.ts';
import { loadPendingSignups } from './admin.ts';
import { loadResetRequests } from './admin-resets.ts';
import { dispatchFrame } from './frame-dispatch.ts';
import { linkStarting, showSocketState } from './link-status.ts';
import { markRead } from './messages.ts';
import { applyHash, watchHash } from './nav.ts';
import { resetFeed } from './feed.ts';
import { awaitRoomList, linkLost, resync } from './resync.ts';
import { loadRooms } from './rooms.ts';
import { cachedSettings, loadSettings } from './settings.ts';
import { startLink, stopLink } from './socket-link.ts';
import { getState, initialState, setState } from './store.ts';
import { abortAllUploads, loadUploadLimits } from './uploads.ts';
import { loadUsers } from './users.ts';
import { serverUnreachable } from './unreachable.ts';
import { dropSnapshot, keepSnapshot, lastSnapshot, restoreSnapshot } from './offline-cache.ts';

// Which screen the app shows: setup, login, sign-up, waiting, or the messenger itself. A signed-in
// session runs the live link: frames in, catching up after every (re)connect.

export async function boot(): Promise<void> {
  setState({ settings: cachedSettings() });
  watchHash();
  document.addEventListener('visibilitychange', () => {
    const active = getState().activeRoomId;
    if (active && document.visibilityState === 'visible') markRead(active);
  });
  await openSession();
}

/** Asks the server which screen to show; again after the "server unreachable" screen's retry. */
async function openSession(): Promise<void> {
  try {
    const setup = await api.setupStatus();
    if (setup.needed) {
      setState({ screen: 'setup', setup });
      return;
    }
    setState({ setup });
  } catch {
    // The setup probe is only a hint; try the session anyway.
  }
  try {
    const { user } = await api.me();
    await enterApp(user);
  } catch (e) {
    // No answer at all (the server is down; the page came from the service worker's cache): the
    // last session's rooms and messages if this browser kept them (the link reconnects by itself),
    // else the unreachable screen.
    if (e instanceof ApiError && e.status === 0) {
      const snapshot = await lastSnapshot();
      if (snapshot) return enterApp(snapshot.user, true);
      return serverUnreachable(openSession);
    }
    setState({ screen: 'login' });
  }
}

function startLive(offline: boolean): void {
  linkStarting(offline);
  startLink({
    onFrame: dispatchFrame,
    // Started offline, the first open is a return too: what failed to load then is loaded now.
    onOpen: (reconnected) => void resync(reconnected || offline),
    onState: (state) => {
      showSocketState(state);
      if (state !== 'closed') return;
      linkLost();
      checkSession();
    },
    // The server ended the session: logged out in another tab, or the account was closed.
    onLoggedOut: () => endSession(),
  });
}

let lastSessionCheck = 0;

/**
 * A socket refused at the upgrade looks like any network error; ask over HTTP whether the session
 * is still valid, at most every few seconds.
 */
function checkSession(): void {
  const now = Date.now();
  if (now - lastSessionCheck <= 5000) return;
  lastSessionCheck = now;
  api.me().catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 401) endSession();
  });
}

/** `offline`: the server did not answer; the session starts on the kept snapshot and its link keeps trying. */
async function enterApp(user: AccountUser, offline = false): Promise<void> {
  restoreSnapshot(user, await lastSnapshot());
  setState({ me: user, screen: 'app' });
  keepSnapshot();
  const rooms = loadRooms();
  awaitRoomList(rooms);
  startLive(offline);
  loadUploadLimits().catch(() => {});
  loadSettings().catch(() => {});
  await Promise.all([loadUsers(), rooms]).catch(() => {});
  if (user.role === 'admin') {
    loadPendingSignups().catch(() => {});
    loadResetRequests().catch(() => {});
  }
  applyHash();
}

export async function login(body: LoginRequest): Promise<void> {
  try {
    const { user } = await api.login(body);
    await enterApp(user);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'ACCOUNT_PENDING') {
      setState({ screen: 'waiting', waitingFor: { name: '', email: body.login } });
      return;
    }
    throw e;
  }
}

export async function signup(body: SignupRequest): Promise<void> {
  const { user } = await api.signup(body);
  setState({ screen: 'waiting', waitingFor: { name: user.name, email: user.email } });
}

export async function setupAdmin(body: SetupRequest): Promise<void> {
  const { user } = await api.setup(body);
  await enterApp(user);
}

export async function logout(): Promise<void> {
  stopLink();
  await api.logout().catch(() => {});
  endSession();
}

/** Back to the login screen with nothing of the previous user left in memory. */
function endSession(): void {
  stopLink();
  void dropSnapshot();
  resetFeed();
  abortAllUploads();
  history.replaceState(null, '', location.pathname + location.search);
  // The look stays as it was (this browser keeps it for the login page too); the mutes were theirs.
  setState({ ...initialState, screen: 'login', setup: getState().setup, settings: { ...getState().settings, mutes: [] } });
}

export function goTo(screen: 'login' | 'signup' | 'forgot'): void {
  setState({ screen });
}

export type WaitingOutcome = 'pending' | 'active' | 'rejected' | 'disabled' | 'gone';

/**
 * The waiting screen's poll. Sign-up (and a pending login) left a waiting session; once the
 * account is approved that session opens the app, so nobody types the password again.
 * `gone`: there is no waiting session (it expired, or this page never had one).
 */
export async function checkWaiting(): Promise<WaitingOutcome> {
  try {
    const { status } = await api.signupStatus();
    if (status !== 'active') return status;
    const { user } = await api.me();
    await enterApp(user);
    return 'active';
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return 'gone';
    throw e;
  }
}

/** A rejected or disabled account's waiting session is of no more use. */
export function dropWaitingSession(): void {
  api.logout().catch(() => {});
}

/** Leaves the waiting screen: the waiting session ends too. */
export async function leaveWaiting(): Promise<void> {
  await api.logout().catch(() => {});
  setState({ screen: 'login', waitingFor: null });
}
