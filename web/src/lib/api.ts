import type { ErrorBody, FileKind, RoutePart, RouteReplyOf } from '../../../server/protocol/index.ts';
import { ROUTE_PATHS, type RouteName } from '../../../server/protocol/paths.ts';
import { urlOf } from './route-url.ts';
import { errorText } from './error-text.ts';
import { t } from './i18n.ts';

// Requests are built from the server's route table: the method and path from protocol/paths.ts (plain
// strings), the request and reply types from protocol/routes.ts (types only: importing its values
// would pull the schema library into the page).

/** An error the server answered with (status + catalogue code), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a reply body: the parsed JSON when it is OK, else the catalogue error it carries. */
export function parseReply<T>(status: number, text: string): T {
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // A proxy or a crashed server can answer with HTML; treat it as an internal error below.
  }
  if (status < 200 || status >= 300) {
    const err = data as Partial<ErrorBody> | null;
    const code = typeof err?.code === 'string' ? err.code : status === 413 ? 'FILE_TOO_LARGE' : 'INTERNAL';
    throw new ApiError(status, code, errorText(code, err?.message));
  }
  return data as T;
}


/** What a call sends: path parameters, the query string and the body, each where the route takes one. */
export interface CallInput<K extends RouteName> {
  params?: RoutePart<K, 'params'>;
  query?: Partial<Record<string, string | number | undefined>> & RoutePart<K, 'querystring'>;
  body?: RoutePart<K, 'body'> | FormData;
}

export async function call<K extends RouteName>(name: K, input: CallInput<K> = {}): Promise<RouteReplyOf<K>> {
  const method = ROUTE_PATHS[name].split(' ')[0]!;
  const body = input.body ?? (method === 'POST' ? {} : undefined);
  let res: Response;
  try {
    res = await fetch(urlOf(name, input.params ?? {}, input.query ?? {}), {
      method,
      credentials: 'same-origin',
      headers: body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', t.networkError);
  }
  return parseReply<RouteReplyOf<K>>(res.status, await res.text());
}

type Body<K extends RouteName> = RoutePart<K, 'body'>;

export const api = {
  setupStatus: () => call('setupStatus'),
  setup: (body: Body<'setup'>) => call('setup', { body }),
  signup: (body: Body<'signup'>) => call('signup', { body }),
  login: (body: Body<'login'>) => call('login', { body }),
  logout: () => call('logout'),
  me: () => call('me'),
  signupStatus: () => call('signupStatus'),
  changePassword: (body: Body<'changePassword'>) => call('changePassword', { body }),
  settings: () => call('settings'),
  updateSettings: (body: Body<'updateSettings'>) => call('updateSettings', { body }),
  fileReset: (body: Body<'fileReset'>) => call('fileReset', { body }),
  resetStatus: (id: number, code: string) => call('resetStatus', { params: { id }, query: { code } }),
  completeReset: (id: number, body: Body<'completeReset'>) => call('completeReset', { params: { id }, body }),
  resetRequests: () => call('adminResets'),
  approveReset: (id: number) => call('approveReset', { params: { id } }),
  rejectReset: (id: number) => call('rejectReset', { params: { id } }),
  users: (search?: string) => call('users', { query: { q: search } }),
  pendingUsers: () => call('adminUsers', { query: { status: 'pending', limit: 500 } }),
  approve: (id: number) => call('approveUser', { params: { id } }),
  reject: (id: number) => call('rejectUser', { params: { id } }),
  rooms: () => call('rooms'),
  room: (id: number) => call('room', { params: { id } }),
  openDm: (userId: number, secret?: boolean) => call('openDm', { body: { userId, ...(secret ? { secret } : {}) } }),
  createGroup: (body: Body<'createGroup'>) => call('createGroup', { body }),
  addMembers: (roomId: number, userIds: number[]) => call('addMembers', { params: { id: roomId }, body: { userIds } }),
  roomMembers: (roomId: number) => call('roomMembers', { params: { id: roomId } }),
  leaveRoom: (roomId: number) => call('leaveRoom', { params: { id: roomId } }),
  renameRoom: (roomId: number, name: string) => call('renameRoom', { params: { id: roomId }, body: { name } }),
  removeMember: (roomId: number, userId: number) => call('removeMember', { params: { id: roomId, userId } }),
  history: (roomId: number, before?: number, limit = 50) => call('history', { params: { id: roomId }, query: { before, limit } }),
  /** A page with `around` in its middle, or the page after `after` (opening a room at a message). */
  historyAt: (roomId: number, at: { around: number } | { after: number }, limit = 50) =>
    call('history', { params: { id: roomId }, query: { ...at, limit } }),
  search: (q: string, room?: number, before?: number, limit?: number) => call('search', { query: { q, room, before, limit } }),
  deleteMessage: (messageId: number) => call('deleteMessage', { params: { id: messageId } }),
  messageEdits: (messageId: number) => call('messageEdits', { params: { id: messageId } }),
  uploadLimits: () => call('uploadLimits'),
  roomFiles: (roomId: number, kind: FileKind, before?: number, limit = 30) =>
    call('roomFiles', { params: { id: roomId }, query: { kind, before, limit } }),
  updateProfile: (body: Body<'updateProfile'>) => call('updateProfile', { body }),
  audit: (query: RoutePart<'adminAudit', 'querystring'>) => call('adminAudit', { query }),
  adminRooms: (query: RoutePart<'adminRooms', 'querystring'>) => call('adminRooms', { query }),
  deleteRoom: (roomId: number) => call('deleteRoom', { params: { id: roomId } }),
  roomExports: () => call('roomExports'),
  /** The photo is already a cropped square, small enough for a plain request (no progress bar). */
  uploadAvatar: (photo: Blob, name: string) => {
    const form = new FormData();
    form.append('file', photo, name);
    return call('uploadAvatar', { body: form });
  },
};
