/**
 * The Redis that turns this node into one of a cluster, if any. Read here alone until the config
 * gains its `redisUrl` key (pg-core's part of issue 15); then the config passes it in.
 */
export function redisUrlFrom(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.SOTONG_REDIS_URL?.trim();
  return url ? url : undefined;
}

/** The URL without its password, for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an invalid URL)';
  }
}
