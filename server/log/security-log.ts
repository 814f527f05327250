import type { Logger } from 'pino';

// Security events (failed logins, rate-limit hits, the setup, refused manager and cross-site
// requests) as one warn line each, without a stack, through one helper so they read alike and so
// nobody can fill the disk through them: at most 10 lines per minute for each kind and address,
// then one summary line with how many more there were.
//
// Fields are what the caller names: addresses, user ids, reasons. Never message text, passwords,
// tokens or the login a person typed (it may be a password typed in the wrong box).

export type SecurityEventKind =
  | 'login_failed'
  | 'login_rate_limited'
  | 'signup_rate_limited'
  | 'frame_rate_limited'
  | 'setup_used'
  | 'setup_refused'
  | 'manager_refused'
  | 'cross_site_refused'
  | 'reset_rate_limited'
  | 'password_change_failed'
  | 'password_change_rate_limited'
  | 'password_reset_used';

const MESSAGES: Record<SecurityEventKind, string> = {
  login_failed: 'login failed',
  login_rate_limited: 'login refused: too many failed attempts',
  signup_rate_limited: 'sign-up refused: too many attempts',
  frame_rate_limited: 'socket frames refused: over the rate limit',
  setup_used: 'first admin created with the setup',
  setup_refused: 'setup refused: not on this PC and no valid setup code',
  manager_refused: 'manager console request refused',
  cross_site_refused: 'request from another site refused',
  reset_rate_limited: 'password-reset request refused: too many attempts',
  password_change_failed: 'password change refused: wrong current password',
  password_change_rate_limited: 'password change refused: too many wrong current passwords',
  password_reset_used: 'password set with an approved reset',
};

export type SecurityFields = { address?: string } & Record<string, string | number | boolean | null | undefined>;

/** Also told of each event that is logged (and of each summary): the audit log (server/audit/). */
export type SecuritySink = (kind: SecurityEventKind, fields: SecurityFields) => void;

export interface SecurityLogOptions {
  windowMs: number;
  maxPerWindow: number;
  /** Kind+address pairs tracked at once; past that, new addresses share one budget per kind. */
  maxKeys: number;
  now: () => number;
}

const DEFAULTS: SecurityLogOptions = { windowMs: 60_000, maxPerWindow: 10, maxKeys: 10_000, now: () => Date.now() };
/** Caller-supplied strings (an Origin header, say) are cut to this length. */
const MAX_FIELD_CHARS = 200;

interface Window {
  kind: SecurityEventKind;
  address: string;
  start: number;
  logged: number;
  suppressed: number;
}

export class SecurityLog {
  private readonly options: SecurityLogOptions;
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | undefined;
  private sink: SecuritySink | undefined;

  constructor(
    private readonly logger: Logger,
    options: Partial<SecurityLogOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  event(kind: SecurityEventKind, fields: SecurityFields = {}): void {
    const now = this.options.now();
    const window = this.windowFor(kind, fields.address ?? 'unknown', now);
    if (window.logged >= this.options.maxPerWindow) {
      window.suppressed++;
      return;
    }
    window.logged++;
    const cleaned = clean(fields);
    this.logger.warn({ security: kind, ...cleaned }, MESSAGES[kind]);
    this.sink?.(kind, cleaned);
  }

  /** Every event that passes the limit, and every summary, goes to `sink` as well as to the log. */
  setSink(sink: SecuritySink | undefined): void {
    this.sink = sink;
  }

  /** Writes the summary of every window that has ended (all of them when `everything`). */
  sweep(everything = false): void {
    const now = this.options.now();
    for (const [key, w] of this.windows) {
      if (!everything && now - w.start < this.options.windowMs) continue;
      this.summarise(w, now);
      this.windows.delete(key);
    }
    if (this.windows.size === 0) this.stopTimer();
  }

  /** Summaries for what is still counted, and no timer left behind. */
  close(): void {
    this.sweep(true);
    this.stopTimer();
  }

  private windowFor(kind: SecurityEventKind, address: string, now: number): Window {
    let key = `${kind} ${address}`;
    let w = this.windows.get(key);
    if (w && now - w.start >= this.options.windowMs) {
      this.summarise(w, now);
      w = undefined;
    }
    if (!w) {
      if (this.windows.size >= this.options.maxKeys) this.sweep();
      if (this.windows.size >= this.options.maxKeys) {
        // Very many addresses at once: they share one budget, so the log stays bounded anyway.
        key = `${kind} *`;
        address = '*';
        const shared = this.windows.get(key);
        if (shared) return shared;
      }
      w = { kind, address, start: now, logged: 0, suppressed: 0 };
      this.windows.set(key, w);
      this.startTimer();
    }
    return w;
  }

  private summarise(w: Window, now: number): void {
    if (w.suppressed === 0) return;
    const seconds = Math.max(1, Math.round((now - w.start) / 1000));
    this.logger.warn(
      { security: w.kind, address: w.address, suppressed: w.suppressed },
      `${MESSAGES[w.kind]}: ${w.suppressed} more from ${w.address} in ${seconds} s, not logged one by one`,
    );
    this.sink?.(w.kind, { address: w.address, suppressed: w.suppressed, seconds });
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.sweep(), this.options.windowMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

function clean(fields: SecurityFields): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' && v.length > MAX_FIELD_CHARS ? `${v.slice(0, MAX_FIELD_CHARS)}…` : v;
  }
  return out;
}

// One SecurityLog per server, found from its logger, so every call site needs only the logger it
// already has: securityEvent(logger, 'login_failed', { address }).
const logs = new WeakMap<Logger, SecurityLog>();

export function securityLogFor(logger: Logger, options?: Partial<SecurityLogOptions>): SecurityLog {
  let log = logs.get(logger);
  if (!log) {
    log = new SecurityLog(logger, options);
    logs.set(logger, log);
  }
  return log;
}

export function securityEvent(logger: Logger, kind: SecurityEventKind, fields: SecurityFields = {}): void {
  securityLogFor(logger).event(kind, fields);
}

/** Where the server's security events go besides its log: one call site records both. */
export function setSecuritySink(logger: Logger, sink: SecuritySink): void {
  securityLogFor(logger).setSink(sink);
}

/** At shutdown: writes the pending summaries (before the log file closes). */
export function endSecurityLog(logger: Logger): void {
  logs.get(logger)?.close();
  logs.delete(logger);
}
