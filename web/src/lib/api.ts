import type {
  AccountUser,
  AdminUsersReply,
  CreateGroupRequest,
  ErrorBody,
  HistoryReply,
  LoginRequest,
  MeReply,
  OkReply,
  RoomReply,
  RoomsReply,
  SetupRequest,
  SetupStatus,
  SignupReply,
  SignupRequest,
  UsersReply,
} from '../../../server/protocol/index.ts';
import { errorText, t } from './i18n.ts';

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

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', t.networkError);
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // A proxy or a crashed server can answer with HTML; treat it as an internal error below.
  }
  if (!res.ok) {
    const err = data as Partial<ErrorBody> | null;
    const code = typeof err?.code === 'string' ? err.code : 'INTERNAL';
    throw new ApiError(res.status, code, errorText(code, err?.message));
  }
  return data as T;
}

const q = (params: Record<string, string | number | undefined>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const str = s.toString();
  return str ? `?${str}` : '';
};

export const api = {
  setupStatus: () => call<SetupStatus>('GET', '/api/setup'),
  setup: (body: SetupRequest) => call<MeReply>('POST', '/api/setup', body),
  signup: (body: SignupRequest) => call<SignupReply>('POST', '/api/auth/signup', body),
  login: (body: LoginRequest) => call<MeReply>('POST', '/api/auth/login', body),
  logout: () => call<OkReply>('POST', '/api/auth/logout', {}),
  me: () => call<MeReply>('GET', '/api/me'),
  users: (search?: string) => call<UsersReply>('GET', `/api/users${q({ q: search })}`),
  pendingUsers: () => call<AdminUsersReply>('GET', '/api/admin/users?status=pending'),
  approve: (id: number) => call<{ user: AccountUser }>('POST', `/api/admin/users/${id}/approve`, {}),
  reject: (id: number) => call<{ user: AccountUser }>('POST', `/api/admin/users/${id}/reject`, {}),
  rooms: () => call<RoomsReply>('GET', '/api/rooms'),
  room: (id: number) => call<RoomReply>('GET', `/api/rooms/${id}`),
  openDm: (userId: number) => call<RoomReply>('POST', '/api/rooms/dm', { userId }),
  createGroup: (body: CreateGroupRequest) => call<RoomReply>('POST', '/api/rooms', body),
  addMembers: (roomId: number, userIds: number[]) =>
    call<RoomReply>('POST', `/api/rooms/${roomId}/members`, { userIds }),
  history: (roomId: number, before?: number, limit = 50) =>
    call<HistoryReply>('GET', `/api/rooms/${roomId}/messages${q({ before, limit })}`),
};
