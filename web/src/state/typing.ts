import { send } from './socket-link.ts';
import { getState, setState, withKey, withoutKey } from './store.ts';

// Typing indicators expire by themselves: the sender repeats the frame about every 2 s while
// typing, so 4 s of silence means they stopped.
export const TYPING_TTL_MS = 4000;
const timers = new Map<string, ReturnType<typeof setTimeout>>();

export function someoneTyping(roomId: number, userId: number): void {
  const key = `${roomId}:${userId}`;
  const prev = timers.get(key);
  if (prev) clearTimeout(prev);
  timers.set(
    key,
    setTimeout(() => stoppedTyping(roomId, userId), TYPING_TTL_MS),
  );
  const room = getState().typing[roomId] ?? {};
  if (room[userId]) return;
  setState((s) => ({ typing: withKey(s.typing, roomId, withKey(room, userId, Date.now() + TYPING_TTL_MS)) }));
}

export function stoppedTyping(roomId: number, userId: number): void {
  const key = `${roomId}:${userId}`;
  const prev = timers.get(key);
  if (prev) clearTimeout(prev);
  timers.delete(key);
  const room = getState().typing[roomId];
  if (!room || !room[userId]) return;
  const next = withoutKey(room, userId);
  setState((s) => ({
    typing: Object.keys(next).length ? withKey(s.typing, roomId, next) : withoutKey(s.typing, roomId),
  }));
}

export function clearAllTyping(): void {
  for (const t of timers.values()) clearTimeout(t);
  timers.clear();
  setState({ typing: {} });
}

// ---- my own typing, told to the room ----

/** One `typing` frame at most this often while I keep typing. */
export const TYPING_EVERY_MS = 2000;
const lastSent = new Map<number, number>();

/** The composer's text changed: tell the room I am typing, unless I did so just now. */
export function typedIn(roomId: number, text: string): void {
  const now = Date.now();
  if (!text.trim() || now - (lastSent.get(roomId) ?? 0) <= TYPING_EVERY_MS) return;
  lastSent.set(roomId, now);
  send({ type: 'typing', roomId });
}

/** Sent, or the composer went away: the next keystroke tells the room at once. */
export function doneTypingIn(roomId: number): void {
  lastSent.delete(roomId);
}
