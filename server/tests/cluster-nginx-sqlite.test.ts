import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster } from '../testing/cluster/cluster.ts';
import { nginxMissing } from '../testing/cluster/nginx.ts';
import { HttpClient, signupFields } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { rawRequest } from '../testing/tls-client.ts';

// docs/deploy/nginx.conf in front of one SQLite node (a child process), nothing else needed: HTTP
// and WebSocket through nginx, plain and TLS with a certificate from the office's Sotong CA, the
// health check, and what the node must and must not believe from a proxy.

const skip = nginxMissing() ?? false;

async function approvedThrough(baseUrl: string, admin: HttpClient, name: string) {
  const client = new HttpClient(baseUrl);
  const fields = signupFields(name);
  const signup = await client.post('/api/auth/signup', fields);
  assert.equal(signup.status, 201, signup.text);
  assert.equal((await admin.post(`/api/admin/users/${signup.json.user.id}/approve`)).status, 200);
  const login = await client.post('/api/auth/login', { login: fields.email, password: fields.password });
  assert.equal(login.status, 200, login.text);
  return { client, user: login.json.user as { id: number }, fields };
}

test('one SQLite node behind nginx: login, WebSocket and a message round trip, plain and TLS; health; proxy trust', { skip, timeout: 90_000 }, async (t) => {
  const { nodes, nginx, caPem } = await startCluster(t, { nodes: 1, tls: true });
  const [node] = nodes;
  const viaNginx = nginx.url;

  // An attacker on the LAN reaching nginx on the server PC, naming localhost: relayed, so not "this
  // PC" — no first-admin setup without the code, no manager console.
  const sneaky = await rawRequest(`${viaNginx}/api/setup`, {
    method: 'POST',
    headers: { host: 'localhost', 'content-type': 'application/json' },
    body: JSON.stringify(signupFields('침입자')),
  });
  assert.equal(sneaky.status, 403, sneaky.body);
  assert.equal(JSON.parse(sneaky.body).code, 'SETUP_NOT_ALLOWED');
  const manager = await rawRequest(`${viaNginx}/api/manager/state`, { headers: { host: 'localhost' } });
  assert.ok([401, 403].includes(manager.status), `manager through nginx: ${manager.status}`);

  // The operator sets the node up on the node PC itself, then everybody comes through nginx.
  const adminFields = signupFields('관리자');
  assert.equal((await new HttpClient(node!.url).post('/api/setup', adminFields)).status, 200);
  const admin = new HttpClient(viaNginx);
  const adminLogin = await admin.post('/api/auth/login', { login: adminFields.email, password: adminFields.password });
  assert.equal(adminLogin.status, 200, adminLogin.text);
  assert.equal(adminLogin.headers.get('x-sotong-upstream'), `127.0.0.1:${node!.port}`);
  const a = await approvedThrough(viaNginx, admin, '김수정');
  const b = await approvedThrough(viaNginx, admin, '이도윤');
  const dm: number = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;

  // WebSocket upgrade through nginx, with the Origin a browser on nginx's address sends.
  const aWs = await WsClient.connect(viaNginx, a.client.cookie, { origin: viaNginx });
  const bWs = await WsClient.connect(viaNginx, b.client.cookie, { origin: viaNginx });
  t.after(() => [aWs, bWs].forEach((ws) => ws.close()));
  await Promise.all([aWs.next('ready'), bWs.next('ready')]);
  aWs.send({ type: 'send', tempId: 'n1', roomId: dm, body: 'nginx 너머로 안녕' });
  const ack = await aWs.next('ack', (f) => f.tempId === 'n1');
  const got = await bWs.next('message', (f) => f.message.id === ack.message.id);
  assert.equal(got.message.body, 'nginx 너머로 안녕');

  // A page elsewhere opening our WebSocket through nginx is still refused by the node.
  await assert.rejects(WsClient.connect(viaNginx, a.client.cookie, { origin: 'http://evil.example' }), /upgrade refused: 403/);

  // TLS at nginx with a certificate the office CA issued; the node sees X-Forwarded-Proto https:
  // the https Origin passes the WebSocket check and the session cookie is marked Secure.
  const tlsLogin = await rawRequest(`${nginx.httpsUrl}/api/auth/login`, {
    ca: caPem,
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: nginx.httpsUrl },
    body: JSON.stringify({ login: b.fields.email, password: b.fields.password }),
  });
  assert.equal(tlsLogin.status, 200, tlsLogin.body);
  const setCookie = String(tlsLogin.headers['set-cookie']);
  assert.match(setCookie, /;\s*Secure/i);
  const bTls = await WsClient.connect(nginx.httpsUrl, setCookie.split(';')[0]!, { origin: nginx.httpsUrl }, { ca: caPem });
  t.after(() => bTls.close());
  await bTls.next('ready');
  aWs.send({ type: 'send', tempId: 'n2', roomId: dm, body: 'TLS로도' });
  const ack2 = await aWs.next('ack', (f) => f.tempId === 'n2');
  assert.equal((await bTls.next('message', (f) => f.message.id === ack2.message.id)).message.body, 'TLS로도');
  // An http Origin on the https listener is another site.
  await assert.rejects(WsClient.connect(nginx.httpsUrl, setCookie.split(';')[0]!, { origin: viaNginx }, { ca: caPem }), /upgrade refused: 403/);
  // Not trusting the CA means not connecting: verification is never turned off.
  await assert.rejects(rawRequest(`${nginx.httpsUrl}/api/health`), /self.signed|unable to verify|certificate/i);

  // Health through nginx, from the node that is up.
  const health = await rawRequest(`${nginx.httpsUrl}/api/health`, { ca: caPem });
  assert.equal(health.status, 200);
  assert.equal(JSON.parse(health.body).status, 'ok');

  // Rate limits count the client nginx names, never what a client writes in X-Forwarded-For
  // itself: nginx overwrites it. Five wrong passwords "from 10.9.9.9" (a trusted proxy speaking
  // directly to the node) lock that address out of a's account, and only that address.
  const wrong = { login: a.fields.email, password: 'wrong password!' };
  for (let i = 0; i < 5; i++) {
    const r = await rawRequest(`${node!.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9' }, body: JSON.stringify(wrong) });
    assert.equal(r.status, 401, r.body);
  }
  const locked = await rawRequest(`${node!.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9' }, body: JSON.stringify(wrong) });
  assert.equal(locked.status, 429, locked.body);
  const spoofed = await rawRequest(`${viaNginx}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9' },
    body: JSON.stringify({ login: a.fields.email, password: a.fields.password }),
  });
  assert.equal(spoofed.status, 200, `a spoofed X-Forwarded-For through nginx is not believed: ${spoofed.body}`);
});
