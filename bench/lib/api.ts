// The real HTTP path, as a browser would use it: first admin, sign-up → approval → login, rooms.
import { BENCH_PASSWORD } from './seed.ts';

export interface ApiReply {
  status: number;
  json: any;
  cookie?: string;
}

export async function api(base: string, method: string, url: string, body?: unknown, cookie?: string): Promise<ApiReply> {
  const res = await fetch(base + url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  const setCookie = res.headers.get('set-cookie');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, json, ...(setCookie ? { cookie: setCookie.split(';')[0] } : {}) };
}

function expect(reply: ApiReply, status: number, what: string): ApiReply {
  if (reply.status !== status) throw new Error(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.json).slice(0, 300)}`);
  return reply;
}

export interface HttpUser {
  id: number;
  cookie: string;
  email: string;
}

function fields(tag: string) {
  return {
    name: `벤치 ${tag}`,
    employeeNo: `H-${tag}`,
    department: '개발팀',
    position: '사원',
    email: `${tag}@http.bench.local`,
    password: BENCH_PASSWORD,
  };
}

/** POST /api/setup from loopback: the first admin, logged in. */
export async function setupAdmin(base: string): Promise<HttpUser> {
  const f = fields('admin');
  const reply = expect(await api(base, 'POST', '/api/setup', f), 200, 'setup');
  return { id: reply.json.user.id, cookie: reply.cookie!, email: f.email };
}

/** Sign-up, admin approval, login: the whole real path for one user. */
export async function signupApproveLogin(base: string, admin: HttpUser, tag: string): Promise<HttpUser> {
  const f = fields(tag);
  const signup = expect(await api(base, 'POST', '/api/auth/signup', f), 201, 'signup');
  const id = signup.json.user.id as number;
  expect(await api(base, 'POST', `/api/admin/users/${id}/approve`, {}, admin.cookie), 200, 'approve');
  const login = expect(await api(base, 'POST', '/api/auth/login', { login: f.email, password: f.password }), 200, 'login');
  return { id, cookie: login.cookie!, email: f.email };
}

/** POST /api/rooms as `creator`; returns the room id. */
export async function createGroup(base: string, creatorCookie: string, name: string, memberIds: number[]): Promise<number> {
  const reply = expect(await api(base, 'POST', '/api/rooms', { name, memberIds }, creatorCookie), 200, 'create room');
  return reply.json.room.id as number;
}
