import type { TestContext } from 'node:test';
import type { AccountUser, Room } from '../protocol/models.ts';
import { startTestServer } from './harness.ts';
import { approvedUser, setupAdmin, type HttpClient } from './http-client.ts';
import { WsClient } from './ws-client.ts';

// Test support for room membership: a running server, its admin and some employees, each logged in
// and connected over the WebSocket, and a group of them.

export interface Person {
  client: HttpClient;
  user: AccountUser;
  ws: WsClient;
}

export async function groupFixture(t: TestContext, names: readonly string[]) {
  const server = await startTestServer(t);
  const admin = await setupAdmin(server.url);
  const people: Person[] = [];
  for (const name of names) {
    const { client, user } = await approvedUser(server.url, admin.client, name);
    people.push({ client, user, ws: await WsClient.connect(server.url, client.cookie) });
  }
  const adminWs = await WsClient.connect(server.url, admin.client.cookie);
  const everyone = [...people.map((p) => p.ws), adminWs];
  await Promise.all(everyone.map((ws) => ws.next('ready')));
  t.after(() => everyone.forEach((ws) => ws.close()));
  const boss: Person = { ...admin, ws: adminWs };

  /** A group made by `owner` with `members`. */
  const group = async (owner: Person, members: readonly Person[], name = '개발팀'): Promise<number> => {
    const res = await owner.client.post('/api/rooms', { name, memberIds: members.map((m) => m.user.id) });
    if (res.status !== 200) throw new Error(`createGroup: ${res.status} ${res.text}`);
    return res.json.room.id as number;
  };
  /** The room as `who` sees it now (over HTTP). */
  const view = async (who: Person, roomId: number): Promise<Room> => (await who.client.get(`/api/rooms/${roomId}`)).json.room;
  /** Sends a text and waits for its ack; the stored message. */
  const say = async (who: Person, roomId: number, body: string) => {
    const tempId = `t-${Math.random().toString(36).slice(2)}`;
    who.ws.send({ type: 'send', tempId, roomId, body });
    const answer = await Promise.race([who.ws.next('ack', (f) => f.tempId === tempId), who.ws.next('error', (f) => f.tempId === tempId)]);
    if (answer.type !== 'ack') throw new Error(`send refused: ${answer.code}`);
    return answer.message;
  };
  return { server, admin: boss, people, group, view, say };
}

/**
 * The frames that arrived on `ws` (since `from`) up to a sentinel: the refusal of a pin in a room
 * that cannot exist, which the server answers after the frames sent before it. Says "nothing else came".
 */
export async function framesUntilSentinel(ws: WsClient, from = ws.frames.length) {
  const mark = `sentinel-${Math.random()}`;
  ws.send({ type: 'pin', roomId: Number.MAX_SAFE_INTEGER, messageId: null, tempId: mark });
  await ws.next('error', (f) => f.tempId === mark);
  return ws.frames.slice(from).filter((f) => !(f.type === 'error' && f.tempId === mark));
}
