// Server addresses may carry a password (postgres://sotong:secret@db/sotong). Anything that shows a
// setting — the manager console, a start-up error, the log — shows it with the password as ***.

/** The keys whose value is such an address. */
export const URL_KEYS: ReadonlySet<string> = new Set(['databaseUrl', 'redisUrl']);

export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    // Not an address we can read: show only its scheme, in case the rest holds the password.
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0];
    return scheme ? `${scheme}…` : '…';
  }
}

/** A setting's value as shown: addresses without their password, anything else as it is. */
export function shownValue(key: string, value: unknown): unknown {
  return URL_KEYS.has(key) && typeof value === 'string' && value !== '' ? withoutPassword(value) : value;
}
