import type { ErrorBody } from '../../../../server/protocol/errors.ts';
import type { MANAGER_KEY_HEADER, SettingsRequest, StatsHistory, StatsSnapshot } from '../../../../server/protocol/manager.ts';
import type { RoutePart, RouteReplyOf } from '../../../../server/protocol/route-types.ts';
import { ROUTE_PATHS, type RouteName } from '../../../../server/protocol/paths.ts';
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
  async function call<K extends RouteName, T = RouteReplyOf<K>>(name: K, body?: RoutePart<K, 'body'>, query = ''): Promise<T> {
    const [method, path] = ROUTE_PATHS[name].split(' ') as [string, string];
    const headers: Record<string, string> = { [KEY_HEADER]: key };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(path + query, { method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ManagerApiError(0, 'NETWORK', t.networkError);
    }
    return readReply<T>(res);
  }

  /** A route with a parameter in its path, given filled in. */
  async function callPath<K extends RouteName>(name: K, path: string): Promise<RouteReplyOf<K>> {
    const [method] = ROUTE_PATHS[name].split(' ') as [string];
    let res: Response;
    try {
      res = await fetch(path, { method, headers: { [KEY_HEADER]: key }, cache: 'no-store' });
    } catch {
      throw new ManagerApiError(0, 'NETWORK', t.networkError);
    }
    return readReply<RouteReplyOf<K>>(res);
  }

  return {
    key,
    state: () => call('managerState'),
    stats: () => call<'managerStats', StatsReply>('managerStats'),
    setHttps: (enabled: boolean) => call('managerHttps', { enabled }),
    reissueCert: () => call('managerReissueCert'),
    saveSettings: (values: SettingsRequest) => call('managerSettings', values),
    restart: () => call('managerRestart'),
    setup: (body: RoutePart<'setup', 'body'>) => call('setup', body),
    log: (lines = 200) => call('managerLog', undefined, `?lines=${lines}`),
    backups: () => call('managerBackups'),
    backupNow: () => call('managerBackupNow'),
    restore: (name: string) => callPath('managerRestore', `/api/manager/backups/${encodeURIComponent(name)}/restore`),
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
