import { ROUTE_PATHS, type RouteName } from '../../../server/protocol/paths.ts';

/** The route's path with `:name` filled in and the query string appended. */
export function urlOf(name: RouteName, params: object = {}, query: object = {}): string {
  const path = ROUTE_PATHS[name].split(' ')[1]!.replace(/:(\w+)/g, (_, key: string) =>
    encodeURIComponent(String((params as Record<string, unknown>)[key])),
  );
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, String(v));
  const str = search.toString();
  return str ? `${path}?${str}` : path;
}

