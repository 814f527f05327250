import type {
  AccountUser,
  AdminUsersReply,
  CreateGroupRequest,
  ErrorBody,
  FileKind,
  FilesReply,
  HistoryReply,
  LoginRequest,
  MeReply,
  OkReply,
  ProfileRequest,
  RoomReply,
  RoomsReply,
  SetupRequest,
  SetupStatus,
  SignupReply,
  SignupRequest,
  UploadLimits,
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

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', t.networkError);
  }
  return parseReply<T>(res.status, await res.text());
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
  deleteMessage: (messageId: number) => call<OkReply>('DELETE', `/api/messages/${messageId}`),
  uploadLimits: () => call<UploadLimits>('GET', '/api/uploads/limits'),
  roomFiles: (roomId: number, kind: FileKind, before?: number, limit = 30) =>
    call<FilesReply>('GET', `/api/rooms/${roomId}/files${q({ kind, before, limit })}`),
  updateProfile: (body: ProfileRequest) => call<MeReply>('PUT', '/api/me/profile', body),
  /** The photo is already a cropped square, small enough for a plain request (no progress bar). */
  uploadAvatar: (photo: Blob, name: string) => {
    const form = new FormData();
    form.append('file', photo, name);
    return call<MeReply>('POST', '/api/me/avatar', form);
  },
};
