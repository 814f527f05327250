import fc from 'fast-check';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ROUTE_PATHS, routeParts, type RouteName } from '../protocol/paths.ts';
import { ROUTES, type RouteSchemas } from '../protocol/routes.ts';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';
import { catalogueProblem, preview } from '../testing/catalogue.ts';
import { rawHttp, type RawReply } from '../testing/raw-http.ts';
import { CONTENT_TYPES, ID_SPELLINGS, hostileString, notJson } from './hostile.ts';
import { hostileFor, type Interesting } from './schema-arb.ts';
// encodeURIComponent throws on a lone surrogate: it is sent as U+FFFD, as a browser would.
import { wellFormed } from '../util/well-formed.ts';

// One hostile HTTP request for a route of the table, how it goes on the wire, and what any answer
// to it must look like.

export type Role = 'anonymous' | 'member' | 'admin';

export interface RouteInfo {
  name: RouteName;
  method: string;
  template: string;
  params: string[];
  spec: RouteSchemas;
  /** Answers raw bytes (files, pages, streams): the body is not checked against a schema. */
  raw: boolean;
}

/** Routes that need no session. Anything not listed here is expected to refuse anonymous callers. */
export const PUBLIC_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>(['health', 'setupStatus', 'setup', 'signup', 'login', 'logout', 'fileReset', 'resetStatus', 'completeReset', 'caPage', 'caCert', 'installPage', 'installScript', 'httpsProbe', 'managerPage']);
/** Multipart uploads: their body is a form, not JSON. */
export const MULTIPART_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>(['upload', 'uploadAvatar']);
/** Streams that never end by themselves: only ever sent without the manager key. */
const STREAMS: ReadonlySet<RouteName> = new Set<RouteName>(['managerEvents']);

export const isAdminRoute = (r: RouteInfo) => r.template.startsWith('/api/admin/');
export const isManagerRoute = (r: RouteInfo) => r.template.startsWith('/api/manager/') || r.name === 'managerPage';

export function routeTable(): RouteInfo[] {
  return (Object.keys(ROUTE_PATHS) as RouteName[]).map((name) => {
    const { method, url } = routeParts(name);
    const spec: RouteSchemas = ROUTES[name];
    return { name, method, template: url, params: [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!), spec, raw: !spec.reply };
  });
}

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string | undefined }
  | { kind: 'text'; text: string; contentType: string | undefined }
  | { kind: 'huge'; bytes: number };

export interface FuzzRequest {
  method: string;
  params: Record<string, string>;
  /** How each path param is escaped: once (as a client should), twice, or only the unsafe bytes. */
  encoding: 'component' | 'double' | 'minimal';
  query: string;
  body: Body;
  headers: Record<string, string>;
}

/** A path id: one that exists, a spelling that parses into something else, or anything at all. */
export function idParam(world: Interesting): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...world.ids).map(String) },
    { weight: 3, arbitrary: fc.constantFrom<string>(...ID_SPELLINGS) },
    { weight: 1, arbitrary: fc.constantFrom(...world.ids).chain((id) => fc.constantFrom(`0${id}`, `${id}.0`, `${id / 10}e1`, `+${id}`, `0x${id.toString(16)}`, ` ${id}`)) },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String) },
  );
}

function queryString(spec: TSchema | undefined, world: Interesting): fc.Arbitrary<string> {
  const fromSchema = spec
    ? hostileFor(spec, world).map((value) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return `q=${capped(encodeURIComponent(wellFormed(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''))))}`;
        const parts: string[] = [];
        for (const [k, v] of Object.entries(value)) {
          const values = Array.isArray(v) ? v : [v];
          for (const item of values) parts.push(`${capped(encodeURIComponent(wellFormed(k)))}=${capped(encodeURIComponent(wellFormed(typeof item === 'string' ? item : JSON.stringify(item) ?? '')))}`);
        }
        return parts.join('&');
      })
    : fc.constant('');
  const junk = fc.constantFrom('', '%', 'a=%zz', '&&=&', '__proto__[role]=admin', 'constructor[prototype][x]=1', 'limit=1&limit=2', 'before[]=1', 'q', '=', `x=${'y'.repeat(6000)}`);
  return fc.tuple(fromSchema, junk, fc.boolean()).map(([a, b, both]) => {
    const q = both ? [a, b].filter(Boolean).join('&') : a || b;
    return q ? `?${q}` : '';
  });
}

function body(route: RouteInfo, world: Interesting): fc.Arbitrary<Body> {
  const jsonType = fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constantFrom<string | undefined>(...CONTENT_TYPES, undefined) });
  const anyType = fc.constantFrom<string | undefined>(...CONTENT_TYPES, undefined);
  const options: Array<fc.WeightedArbitrary<Body>> = [
    { weight: route.method === 'GET' ? 12 : 2, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('json' as const), value: hostileFor(route.spec.body, world), contentType: jsonType }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.oneof(notJson, fc.constant(''), hostileString), contentType: anyType }) },
    { weight: 1, arbitrary: fc.constantFrom<Body>({ kind: 'huge', bytes: 256 * 1024 + 1 }, { kind: 'huge', bytes: 2 * 1024 * 1024 }) },
  ];
  return fc.oneof(...options);
}

function headers(route: RouteInfo): fc.Arbitrary<Record<string, string>> {
  const extra: Array<fc.Arbitrary<Record<string, string>>> = [
    fc.constant({}),
    fc.constantFrom({ origin: 'http://evil.example' }, { origin: 'null' }, { host: 'evil.example' }, { host: '127.0.0.1.nip.io:5000' }, { 'x-forwarded-for': '10.0.0.1' }),
    fc.constantFrom({ 'accept-encoding': 'gzip, deflate, br' }, { 'if-none-match': '*' }, { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' }, { 'accept-language': 'ko;q=abc, *;q=-1' }),
    // Kept under Node's 16 KiB header limit: past it Node's parser answers before Sotong sees the request.
    hostileString.map((s) => ({ [MANAGER_KEY_HEADER]: encodeURIComponent(wellFormed(s)).slice(0, 4000) })),
  ];
  if (route.raw) extra.push(fc.constantFrom('bytes=0-0', 'bytes=5-1', 'bytes=999999999-', 'bytes=-0', 'bytes=0-0,0-0,0-0,1-1,2-2', 'bytes=x-y', 'items=0-1', 'bytes=-999999999999999999999').map((range) => ({ range })));
  return fc.oneof(...extra);
}

export function requestFor(route: RouteInfo, world: Interesting): fc.Arbitrary<FuzzRequest> {
  const params: Record<string, fc.Arbitrary<string>> = {};
  for (const p of route.params) params[p] = idParam(world);
  const methods = route.method === 'GET' ? ['HEAD', 'POST', 'OPTIONS', 'PATCH'] : ['GET', 'PUT', 'DELETE', 'PATCH'];
  return fc.record({
    method: fc.oneof({ weight: 12, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom(...methods) }),
    params: fc.record(params),
    encoding: fc.constantFrom<FuzzRequest['encoding']>('component', 'component', 'component', 'double', 'minimal'),
    query: queryString(route.spec.querystring, world),
    body: body(route, world),
    headers: headers(route),
  });
}

function encodeParam(value: string, encoding: FuzzRequest['encoding']): string {
  if (encoding === 'double') return encodeURIComponent(encodeURIComponent(wellFormed(value)));
  const whole = wellFormed(value);
  // Only the bytes a request line cannot carry are escaped: a `%00` written in the value stays one.
  if (encoding === 'minimal') return [...whole].map((c) => (/^[A-Za-z0-9._~!$&'()*+,;=:@%-]$/.test(c) ? c : encodeURIComponent(c))).join('').replace(/%(?![0-9A-F]{2})/gi, '%25');
  return encodeURIComponent(whole);
}

/**
 * Node's parser refuses a request line and headers over 16 KiB before Sotong sees the request
 * (documented: that answer is not in the catalogue shape), so each escaped piece stays under 4,000.
 */
function capped(escaped: string, max = 4000): string {
  return escaped.length <= max ? escaped : escaped.slice(0, max).replace(/%[0-9A-F]?$/i, '');
}

export function pathOf(route: RouteInfo, req: FuzzRequest): string {
  return route.template.replace(/:(\w+)/g, (_, p: string) => capped(encodeParam(req.params[p] ?? '', req.encoding))) + req.query;
}

function wireBody(b: Body): { text?: string | Buffer; contentType?: string } {
  switch (b.kind) {
    case 'none':
      return {};
    case 'json':
      return { text: JSON.stringify(b.value) ?? 'null', ...(b.contentType !== undefined ? { contentType: b.contentType } : {}) };
    case 'text':
      return { text: b.text, ...(b.contentType !== undefined ? { contentType: b.contentType } : {}) };
    case 'huge':
      return { text: Buffer.from(`{"name":"${'a'.repeat(b.bytes)}"}`), contentType: 'application/json' };
  }
}

export async function sendRequest(baseUrl: string, route: RouteInfo, req: FuzzRequest, cookie: string): Promise<RawReply> {
  const { text, contentType } = wireBody(req.body);
  const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...(contentType !== undefined ? { 'content-type': contentType } : {}), ...req.headers };
  return rawHttp(baseUrl, { method: req.method, path: pathOf(route, req), headers, ...(text !== undefined ? { body: text } : {}) });
}

const replyCheckers = new Map<RouteName, ReturnType<typeof TypeCompiler.Compile>>();
function replyChecker(route: RouteInfo) {
  if (!route.spec.reply) return undefined;
  let c = replyCheckers.get(route.name);
  if (!c) replyCheckers.set(route.name, (c = TypeCompiler.Compile(route.spec.reply)));
  return c;
}

/** What is wrong with this answer to this request, whoever sent it; undefined when nothing is. */
export function replyProblem(route: RouteInfo, role: Role, req: FuzzRequest, reply: RawReply): string | undefined {
  const where = `${req.method} ${pathOf(route, req).slice(0, 300)} as ${role}`;
  if (reply.status >= 500) return `${where} → ${reply.status} ${reply.text.slice(0, 300)}`;
  if (reply.status >= 400) {
    if (req.method === 'HEAD') return undefined;
    const problem = catalogueProblem(reply.json ?? reply.text, reply.status);
    return problem && `${where} → ${reply.status}: ${problem}`;
  }
  if (reply.status < 200) return `${where} → ${reply.status}`;
  // A success: only for callers allowed there, and shaped like the table says.
  if (req.method !== route.method && !(req.method === 'HEAD' && route.method === 'GET')) {
    // Another route of the table may have this method on the same path (GET and POST /api/setup).
    const other = routeTable().find((r) => r.method === req.method && r.template === route.template);
    return other ? undefined : `${where} → ${reply.status} for a method the route does not have`;
  }
  if (role === 'anonymous' && !PUBLIC_ROUTES.has(route.name)) return `${where} → ${reply.status} without a session`;
  if (role !== 'admin' && isAdminRoute(route)) return `${where} → ${reply.status} for a non-admin`;
  if (isManagerRoute(route) && route.name !== 'managerPage') return `${where} → ${reply.status} without the manager key`;
  if (reply.status >= 300 || req.method === 'HEAD') return undefined;
  const expected = route.spec.status ?? 200;
  if (!route.raw && reply.status !== expected) return `${where} → ${reply.status}, the table says ${expected}`;
  const checker = replyChecker(route);
  if (checker && !checker.Check(reply.json)) {
    const first = checker.Errors(reply.json).First();
    return `${where} → ${reply.status} with a reply that does not match its schema (${first?.path} ${first?.message}): ${preview(reply.json)}`;
  }
  return undefined;
}

export { STREAMS };
