import type { ErrorBody } from '../../../../server/protocol/errors.ts';
import type {
  HttpsToggleRequest,
  LogReply,
  MANAGER_KEY_HEADER,
  ManagerState,
  SettingsRequest,
  StatsHistory,
  StatsSnapshot,
} from '../../../../server/protocol/manager.ts';
import { lang, t } from './i18n.ts';

// Types only from the protocol: importing its values would pull TypeBox into the page. The header
// name is still checked against the protocol's constant by its type.
export const KEY_HEADER: typeof MANAGER_KEY_HEADER = 'x-sotong-manager-key';

/** An error the server answered with, or a network failure (status 0). */
export class ManagerApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface StatsReply {
  snapshot: StatsSnapshot;
  history: StatsHistory;
}

export function createApi(key: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { [KEY_HEADER]: key };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(path, { method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ManagerApiError(0, 'NETWORK', t.networkError);
    }
    return readReply<T>(res);
  }

  return {
    key,
    state: () => call<ManagerState>('GET', '/api/manager/state'),
    stats: () => call<StatsReply>('GET', '/api/manager/stats'),
    setHttps: (enabled: boolean) => call<ManagerState>('POST', '/api/manager/https', { enabled } satisfies HttpsToggleRequest),
    reissueCert: () => call<ManagerState>('POST', '/api/manager/cert/reissue'),
    saveSettings: (values: SettingsRequest) => call<{ restartNeeded: boolean }>('PUT', '/api/manager/settings', values),
    log: (lines = 200) => call<LogReply>('GET', `/api/manager/log?lines=${lines}`),
  };
}

export type ManagerApi = ReturnType<typeof createApi>;

export async function readReply<T>(res: Response): Promise<T> {
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy page, a crash): reported as an internal error below.
  }
  if (!res.ok) {
    const err = data as Partial<ErrorBody> | null;
    const message = err?.message?.[lang] ?? `HTTP ${res.status}`;
    throw new ManagerApiError(res.status, typeof err?.code === 'string' ? err.code : 'INTERNAL', message);
  }
  return data as T;
}
