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
