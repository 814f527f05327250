import fc from 'fast-check';
import { catalogueProblem } from '../testing/catalogue.ts';
import { rawHttp, type RawReply } from '../testing/raw-http.ts';
import { hostileString, isJsonContentType } from './hostile.ts';
import { validFor } from './schema-arb.ts';
import { idParam, MULTIPART_ROUTES, pathOf, routeTable, type Role, type RouteInfo } from './route-requests.ts';
import type { Person, World } from './world.ts';

// Properties first filed as known bugs, each its own test (a `{ todo }` while its bug was open, so
// `npm test` stayed green while it reported the counterexample). A new one is added the same way.

const oneLine = (r: RawReply) => `${r.status} ${(r.json as { code?: string } | undefined)?.code ?? JSON.stringify(r.text.slice(0, 80))}`;

// ---- 1. canonical ids --------------------------------------------------------------------------

/** Spellings of `n` that are not its canonical decimal, each of which a lax parser reads as `n`. */
export function spellingsOf(n: number): string[] {
  return [`0${n}`, `00${n}`, `${n}.0`, `${n}.`, `${n}e0`, `${n}E0`, `+${n}`, ` ${n}`, `${n} `, `\t${n}`, `${n}\n`, `0x${n.toString(16)}`, `0b${n.toString(2)}`, `0o${n.toString(8)}`, `${n / 10}e1`, `${n * 10}e-1`, `${n}.000`];
}

export interface IdCase {
  route: RouteName;
  id: number;
  spelling: string;
}
type RouteName = RouteInfo['name'];

export function idCases(world: World): fc.Arbitrary<IdCase> {
  const routes = routeTable().filter((r) => r.params.includes('id'));
  return fc
    .tuple(fc.constantFrom(...routes.map((r) => r.name)), fc.oneof(fc.constantFrom(...world.ids), fc.integer({ min: 1, max: 40 })), fc.nat({ max: 16 }))
    .map(([route, id, k]) => ({ route, id, spelling: spellingsOf(id)[k]! }));
}

/**
 * A path id that is not the canonical decimal of an integer is refused exactly like a path id that
 * is not a number at all: `DELETE /api/messages/1e1` must not delete message 10.
 */
export async function nonCanonicalIdProblem(world: World, who: Person, c: IdCase): Promise<string | undefined> {
  const route = routeTable().find((r) => r.name === c.route)!;
  const body = route.spec.body ? JSON.stringify(fc.sample(validFor(route.spec.body, world), { numRuns: 1, seed: c.id })[0]) : undefined;
  const send = (id: string) =>
    rawHttp(world.url, {
      method: route.method,
      path: pathOf(route, { method: route.method, params: { id }, encoding: 'component', query: '', body: { kind: 'none' }, headers: {} }),
      headers: { cookie: who.cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body } : {}),
    });
  const baseline = await send('x');
  const reply = await send(c.spelling);
  if (oneLine(reply) === oneLine(baseline)) return undefined;
  return `${route.method} ${route.template.replace(':id', JSON.stringify(c.spelling))} answered ${oneLine(reply)}, but a non-numeric id answers ${oneLine(baseline)}: the spelling was read as ${c.id}`;
}

// ---- 2. bodies that are not JSON ---------------------------------------------------------------

const NON_JSON_TYPES = ['text/plain', 'text/plain; charset=utf-8', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/xml', 'text/json', undefined] as const;

export interface NonJsonCase {
  route: RouteName;
  role: Role;
  id: string;
  contentType: string | undefined;
  text: string;
}

export function nonJsonCases(world: World): fc.Arbitrary<NonJsonCase> {
  const routes = routeTable().filter((r) => r.method !== 'GET' && !r.raw);
  return fc.constantFrom(...routes).chain((route) =>
    fc.record({
      route: fc.constant(route.name),
      role: fc.constantFrom<Role>('anonymous', 'member', 'admin'),
      id: idParam(world),
      contentType: fc.constantFrom(...NON_JSON_TYPES).filter((t) => !(MULTIPART_ROUTES.has(route.name) && t?.startsWith('multipart/'))),
      text: fc.oneof(route.spec.body ? validFor(route.spec.body, world).map((v) => JSON.stringify(v)) : fc.constant('{}'), fc.constant('a=b'), hostileString.filter((s) => s.length > 0)),
    }),
  );
}

/**
 * The protocol: "a request with a body but without Content-Type: application/json (or
 * multipart/form-data for uploads) → 400 BAD_REQUEST". A body a cross-site form can send (text/plain,
 * multipart, urlencoded) must never be acted on.
 */
export async function nonJsonBodyProblem(world: World, who: Person | undefined, c: NonJsonCase): Promise<string | undefined> {
  if (isJsonContentType(c.contentType)) return undefined;
  const route = routeTable().find((r) => r.name === c.route)!;
  const path = pathOf(route, { method: route.method, params: { id: c.id }, encoding: 'component', query: '', body: { kind: 'none' }, headers: {} });
  const reply = await rawHttp(world.url, {
    method: route.method,
    path,
    headers: { ...(who ? { cookie: who.cookie } : {}), ...(c.contentType !== undefined ? { 'content-type': c.contentType } : {}) },
    body: c.text,
  });
  if (who && route.name === 'logout' && reply.status === 200) await world.renewSession(who);
  if (reply.status >= 200 && reply.status < 300) return `${route.method} ${path} as ${c.role} with content-type ${c.contentType ?? '(none)'} and body ${JSON.stringify(c.text.slice(0, 60))} → ${reply.status} ${reply.text.slice(0, 100)}`;
  return undefined;
}

// ---- 3. GET /ws without an upgrade -------------------------------------------------------------

export async function wsWithoutUpgradeProblem(world: World, who: Person, headers: Record<string, string>): Promise<string | undefined> {
  const reply = await rawHttp(world.url, { method: 'GET', path: '/ws', headers: { cookie: who.cookie, ...headers } });
  const problem = reply.status >= 500 ? 'a 5xx' : reply.status >= 400 ? catalogueProblem(reply.json ?? reply.text, reply.status) : `status ${reply.status}`;
  return problem && `GET /ws without Upgrade (${JSON.stringify(headers)}) → ${reply.status} ${JSON.stringify(reply.text.slice(0, 80))}: ${problem}`;
}

// ---- 4. Range on a download --------------------------------------------------------------------

export const rangeHeader: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.nat({ max: 60 }), fc.nat({ max: 60 })).map(([a, b]) => `bytes=${a}-${b}`),
  fc.nat({ max: 1e12 }).map((a) => `bytes=${a}-`),
  fc.nat({ max: 60 }).map((n) => `bytes=-${n}`),
  fc.constantFrom('bytes=999999999-', 'bytes=24-', 'bytes=23-', 'bytes=0-', 'bytes=-0', 'bytes=0-0,5-6', 'bytes=30-40,50-60', 'bytes=x-y', 'items=0-1', 'bytes=', 'bytes=--1'),
);

/**
 * RFC 9110 §14: a Range is honoured (206 with the right bytes), ignored (200), or — when no range
 * overlaps the file — refused with 416 and `Content-Range: bytes * /size`. Never a 400.
 */
export async function rangeProblem(world: World, who: Person, fileId: number, size: number, range: string): Promise<string | undefined> {
  const reply = await rawHttp(world.url, { method: 'GET', path: `/api/files/${fileId}`, headers: { cookie: who.cookie, range } });
  const at = `GET /api/files/${fileId} Range: ${range} (file of ${size} B) → ${reply.status} ${JSON.stringify(reply.text.slice(0, 80))}`;
  if (reply.status === 200) return reply.text.length === size ? undefined : `${at}: a 200 without the whole file`;
  if (reply.status === 206) {
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(reply.headers['content-range'] ?? ''));
    if (!m) return String(reply.headers['content-type']).startsWith('multipart/byteranges') ? undefined : `${at}: 206 without a Content-Range`;
    const [a, b, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return total === size && b < size && a <= b && reply.text.length === b - a + 1 ? undefined : `${at}: Content-Range ${reply.headers['content-range']} does not match the body`;
  }
  if (reply.status === 416) {
    if (reply.headers['content-range'] !== `bytes */${size}`) return `${at}: 416 without Content-Range: bytes */${size}`;
    const problem = reply.json === undefined ? undefined : catalogueProblem(reply.json, 416);
    return problem && `${at}: ${problem}`;
  }
  return `${at}: neither 200, 206 nor 416`;
}

// ---- 5. parallel wrong passwords ---------------------------------------------------------------

/**
 * "5 failed logins per (client address, login) per 5-minute window": however the guesses are timed.
 * `parallel` wrong passwords for one login, all at once from one fresh address (127.0.0.x).
 */
export async function parallelGuessProblem(world: World, address: string, login: string, parallel: number): Promise<string | undefined> {
  const variants = [login, login.toUpperCase(), ` ${login}`, `${login} `];
  const replies = await Promise.all(
    Array.from({ length: parallel }, (_, i) =>
      rawHttp(world.url, {
        method: 'POST',
        path: '/api/auth/login',
        localAddress: address,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: variants[i % variants.length], password: `wrong password ${i}` }),
        timeoutMs: 60_000,
      }),
    ),
  );
  const checked = replies.filter((r) => (r.json as { code?: string } | undefined)?.code === 'INVALID_CREDENTIALS').length;
  return checked <= 5 ? undefined : `${parallel} parallel wrong passwords for ${JSON.stringify(login)} from ${address}: ${checked} were checked (401), the limit is 5 — ${replies.map((r) => r.status).join(',')}`;
}
