import type { AccountUser } from '../protocol/models.ts';

/** A tiny fetch wrapper that keeps one session cookie, like one browser. */
export class HttpClient {
  cookie = '';

  constructor(readonly baseUrl: string) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + url, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        // As a browser does on every request that is not a GET or HEAD, same-origin ones included.
        ...(method === 'GET' || method === 'HEAD' ? {} : { origin: new URL(this.baseUrl).origin }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, headers: res.headers, text };
  }

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }

  put(url: string, body: unknown = {}) {
    return this.request('PUT', url, body);
  }
}

let counter = 0;

export function signupFields(name: string, extra: Partial<Record<string, string>> = {}) {
  counter++;
  return {
    name,
    employeeNo: `E${process.pid}${counter}`,
    department: '개발팀',
    position: '사원',
    email: `user${process.pid}-${counter}@example.com`,
    password: 'correct horse battery',
    ...extra,
  };
}

/** Creates the first admin from loopback and returns a logged-in client. */
export async function setupAdmin(baseUrl: string): Promise<{ client: HttpClient; user: AccountUser }> {
  const client = new HttpClient(baseUrl);
  const res = await client.post('/api/setup', signupFields('관리자'));
  if (res.status !== 200) throw new Error(`setup failed: ${res.status} ${res.text}`);
  return { client, user: res.json.user };
}

/** Signs a user up, has the admin approve them, logs them in. */
export async function approvedUser(baseUrl: string, admin: HttpClient, name: string) {
  const client = new HttpClient(baseUrl);
  const fields = signupFields(name);
  const signup = await client.post('/api/auth/signup', fields);
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${signup.text}`);
  const approve = await admin.post(`/api/admin/users/${signup.json.user.id}/approve`);
  if (approve.status !== 200) throw new Error(`approve failed: ${approve.status} ${approve.text}`);
  const login = await client.post('/api/auth/login', { login: fields.email, password: fields.password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  return { client, user: login.json.user as AccountUser, fields };
}
