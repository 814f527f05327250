import assert from 'node:assert/strict';
import type { Message } from '../../protocol/models.ts';
import { HttpClient, signupFields } from '../http-client.ts';
import { WsClient } from '../ws-client.ts';
import type { Cluster } from './cluster.ts';

// People of a cluster test: the admin set up on node 1 itself (the only "this PC" there is), everyone
// else signing up, logging in and connecting through nginx, as employees do.

export interface Person {
  name: string;
  client: HttpClient;
  id: number;
  fields: ReturnType<typeof signupFields>;
}

/**
 * `manyPeople`: sign-ups go straight to node 1 (a trusted proxy's address) each "from" an address of
 * its own, so more than the per-address sign-up limit (10 per 15 minutes) can join; logins still go
 * through nginx.
 */
export async function office(cluster: Cluster, names: string[], { manyPeople = false } = {}) {
  const url = cluster.nginx.url;
  const adminFields = signupFields('관리자');
  const setup = await new HttpClient(cluster.nodes[0]!.url).post('/api/setup', adminFields);
  assert.equal(setup.status, 200, setup.text);
  const admin = new HttpClient(url);
  assert.equal((await admin.post('/api/auth/login', { login: adminFields.email, password: adminFields.password })).status, 200);
  const people: Person[] = [];
  for (const name of names) {
    const client = new HttpClient(url);
    const fields = signupFields(name);
    const signup = manyPeople
      ? await new HttpClient(cluster.nodes[0]!.url).request('POST', '/api/auth/signup', fields, { 'x-forwarded-for': `10.77.${people.length >> 8}.${people.length & 255}` })
      : await client.post('/api/auth/signup', fields);
    assert.equal(signup.status, 201, signup.text);
    assert.equal((await admin.post(`/api/admin/users/${signup.json.user.id}/approve`)).status, 200);
    const login = await client.post('/api/auth/login', { login: fields.email, password: fields.password });
    assert.equal(login.status, 200, login.text);
    people.push({ name, client, id: login.json.user.id, fields });
  }
  return { admin, people, url };
}

/** A socket through nginx, as a browser on nginx's address opens it, and the node nginx picked. */
export async function connect(url: string, person: Person): Promise<{ ws: WsClient; node: string }> {
  const ws = await WsClient.connect(url, person.client.cookie, { origin: url });
  await ws.next('ready', () => true, 10_000);
  // nginx lists every node it tried ("dead:port, live:port"): the last one answered.
  return { ws, node: String(ws.upgradeHeaders['x-sotong-upstream']).split(',').at(-1)!.trim() };
}

/** Every message of a room, oldest first, read over HTTP through nginx. */
export async function history(client: HttpClient, roomId: number): Promise<Message[]> {
  const all: Message[] = [];
  let after = 0;
  for (;;) {
    const page = await client.get(`/api/rooms/${roomId}/messages?after=${after}&limit=100`);
    assert.equal(page.status, 200, page.text);
    const messages = page.json.messages as Message[];
    all.push(...messages);
    if (!page.json.hasNewer || messages.length === 0) return all;
    after = messages.at(-1)!.seq;
  }
}

/**
 * A client that keeps sending through whatever happens to its node: on a close it reconnects through
 * nginx and sends again every text not yet acknowledged, with the same tempId, as the web client does.
 */
export class SteadySender {
  readonly acked = new Map<string, Message>();
  private pending = new Map<string, string>();
  reconnects = 0;
  nodes: string[] = [];
  private stopped = false;

  private constructor(
    private readonly url: string,
    private readonly person: Person,
    private readonly roomId: number,
    private ws: WsClient,
  ) {}

  static async open(url: string, person: Person, roomId: number): Promise<SteadySender> {
    const { ws, node } = await connect(url, person);
    const s = new SteadySender(url, person, roomId, ws);
    s.nodes.push(node);
    s.watch();
    return s;
  }

  get socket(): WsClient {
    return this.ws;
  }

  private watch(): void {
    const ws = this.ws;
    ws.socket.on('message', (data) => {
      const f = JSON.parse(data.toString());
      if (f.type === 'ack' && this.pending.delete(f.tempId)) this.acked.set(f.tempId, f.message);
    });
    void ws.closed.then(() => this.reconnect());
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        const { ws, node } = await connect(this.url, this.person);
        this.ws = ws;
        this.nodes.push(node);
        this.reconnects++;
        this.watch();
        for (const [tempId, body] of this.pending) ws.send({ type: 'send', tempId, roomId: this.roomId, body });
        return;
      } catch {
        if (attempt > 100) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  send(tempId: string, body: string): void {
    this.pending.set(tempId, body);
    if (this.ws.socket.readyState === this.ws.socket.OPEN) this.ws.send({ type: 'send', tempId, roomId: this.roomId, body });
  }

  get unacked(): number {
    return this.pending.size;
  }

  close(): void {
    this.stopped = true;
    this.ws.close();
  }
}
