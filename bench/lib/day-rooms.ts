import { createGroup } from './api.ts';
import { shuffle } from './context.ts';

// The company day's rooms, created through the real API (POST /api/rooms), each by its first
// member: room 0 is the busy room of `busyMembers`, the others have minMembers…maxMembers people
// picked at random. Shared by the day (realistic.ts) and the reconnect storm (reconnect.ts).

export interface DayRoomsConfig {
  rooms: number;
  busyMembers: number;
  minMembers: number;
  maxMembers: number;
}

export interface DayRooms {
  rooms: Array<{ id: number; members: number[] }>;
  /** Client index → the ids of its rooms. */
  roomsOf: Map<number, number[]>;
}

export async function createDayRooms(url: string, people: ReadonlyArray<{ cookie: string; id: number }>, cfg: DayRoomsConfig, random: () => number): Promise<DayRooms> {
  const roomsOf = new Map<number, number[]>();
  const rooms: DayRooms['rooms'] = [];
  for (let r = 0; r < cfg.rooms; r++) {
    const size = r === 0 ? cfg.busyMembers : cfg.minMembers + Math.floor(random() * (cfg.maxMembers - cfg.minMembers + 1));
    const members = shuffle([...people.keys()], random).slice(0, size);
    const id = await createGroup(url, people[members[0]!]!.cookie, r === 0 ? '바쁜 방' : `팀 방 ${r}`, members.slice(1).map((i) => people[i]!.id));
    rooms.push({ id, members });
    for (const m of members) roomsOf.set(m, [...(roomsOf.get(m) ?? []), id]);
  }
  return { rooms, roomsOf };
}
