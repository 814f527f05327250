import type { TestContext } from 'node:test';
import { rmSync } from 'node:fs';
import { startTestServer, tempDataDir } from './harness.ts';
import { HttpClient, approvedUser, setupAdmin, signupFields } from './http-client.ts';
import type { WsClient } from './ws-client.ts';

// Test support for the admin area: a server whose data folder the test can read, sign-ups past
// the per-address limit, and sending a message over a socket.

export async function adminWorld(t: TestContext) {
  const dataDir = tempDataDir();
  const server = await startTestServer(t, { dataDir, accountLimits: { signupPerAddress: { max: 10_000, windowMs: 60_000 } } });
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const { client: admin, user: adminUser } = await setupAdmin(server.url);
  return {
    server,
    dataDir,
    admin,
    adminUser,
    /** A signed-up, approved and logged-in colleague. */
    member: (name: string) => approvedUser(server.url, admin, name),
    /** A sign-up left pending. */
    async pending(name: string, extra: Partial<Record<string, string>> = {}) {
      const client = new HttpClient(server.url);
      const fields = signupFields(name, extra);
      const res = await client.post('/api/auth/signup', fields);
      if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
      return { client, fields, id: res.json.user.id as number };
    },
  };
}

let sent = 0;

/** Sends a text and waits for its ack; returns the stored message's id. */
export async function say(ws: WsClient, roomId: number, body: string): Promise<number> {
  const tempId = `t${++sent}`;
  ws.send({ type: 'send', tempId, roomId, body });
  const ack = await ws.next('ack', (f) => f.tempId === tempId);
  return ack.message.id;
}
