import type { TestContext } from 'node:test';
import type { Message } from '../protocol/models.ts';
import type { BuildOptions } from '../index.ts';
import { startTestServer } from './harness.ts';
import { approvedUser, setupAdmin, type HttpClient } from './http-client.ts';
import { WsClient } from './ws-client.ts';

// A small office for message tests: the real server, an admin, two colleagues (a and b) with a DM
// and a group, an outsider in neither, each with an open socket; helpers to post and read revs.

let tags = 0;

export function chatWorld(t: TestContext) {
  return chatWorldOn(t);
}

/** The same office on a server built with `options` (a cluster bus, say). */
export async function chatWorldOn(t: TestContext, options: BuildOptions = {}) {
  const server = await startTestServer(t, { wsLimits: { burst: 500, perSecond: 500 }, ...options });
  const { client: admin, user: adminUser } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, '김수정');
  const b = await approvedUser(server.url, admin, '이도윤');
  const outsider = await approvedUser(server.url, admin, '외부인');
  const dm: number = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
  const group: number = (await a.client.post('/api/rooms', { name: '기획팀', memberIds: [b.user.id] })).json.room.id;
  const outsiderRoom: number = (await outsider.client.post('/api/rooms', { name: '혼자', memberIds: [] })).json.room.id;
  const [aWs, bWs, oWs, adminWs] = await Promise.all([a, b, outsider, { client: admin }].map((p) => WsClient.connect(server.url, p.client.cookie)));
  await Promise.all([aWs, bWs, oWs, adminWs].map((ws) => ws!.next('ready')));
  t.after(() => [aWs, bWs, oWs, adminWs].forEach((ws) => ws!.close()));

  /** Sends a text (with any extra fields, such as replyTo) and waits for its ack. */
  async function say(ws: WsClient, roomId: number, body: string, extra: Record<string, unknown> = {}): Promise<Message> {
    const tempId = `w${++tags}`;
    ws.send({ type: 'send', tempId, roomId, body, ...extra });
    return (await ws.next('ack', (f) => f.tempId === tempId)).message;
  }
  /** The room's change counter, read over HTTP by a member. */
  async function revOf(roomId: number, who: HttpClient = a.client): Promise<number> {
    return (await who.get(`/api/rooms/${roomId}`)).json.room.rev;
  }
  /** A frame with a fresh tempId; resolves with the error answering it. */
  function refusal(ws: WsClient, frame: Record<string, unknown>) {
    const tempId = `r${++tags}`;
    ws.send({ ...frame, tempId });
    return ws.next('error', (f) => f.tempId === tempId);
  }
  return { server, admin, adminUser, adminWs: adminWs!, a, b, outsider, dm, group, outsiderRoom, aWs: aWs!, bWs: bWs!, oWs: oWs!, say, revOf, refusal };
}

/** Waits long enough for a frame that should not come to have arrived. */
export const quietly = () => new Promise((resolve) => setTimeout(resolve, 150));
