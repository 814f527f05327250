import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { AuditDetail, AuditEntry, AuditQuery } from '../protocol/admin-http.ts';
import { AUDIT_ACTIONS, type AuditAction, type AuditTargetType } from '../protocol/audit-actions.ts';
import type { AuditStore, UsersStore } from '../storage/stores.ts';
import { AppError } from '../http/app-error.ts';

// The audit log: every admin action and security event, with who, when, from which address and what.
// One place writes it (record), so what it may hold is decided here: short plain values, never a
// password, token, code or message text. Entries older than the retention setting are purged daily.

export interface AuditRecord {
  /** Who did it; null for the manager console on the server PC and for anonymous requests. */
  actorId: number | null;
  action: AuditAction;
  targetType?: AuditTargetType | null;
  targetId?: number | null;
  /** The target's name when it is gone by the time of recording (a deleted room); users are looked up. */
  targetName?: string;
  address: string | undefined;
  detail?: Record<string, unknown>;
}

/** Detail keys that could carry a secret or what someone wrote: dropped whatever the caller passes. */
const SECRET_KEY = /pass|token|secret|cookie|hash|code|^key|key$|^(body|text|message|excerpt|content|caption)$/i;
const MAX_VALUE_CHARS = 200;
const MAX_DETAIL_KEYS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Security events written per minute at most, whatever the number of addresses (the log file has the rest counted). */
const SECURITY_ROWS_PER_MINUTE = 300;

export function cleanDetail(detail: Record<string, unknown> = {}): AuditDetail {
  const out: AuditDetail = {};
  for (const [key, value] of Object.entries(detail).slice(0, MAX_DETAIL_KEYS)) {
    if (SECRET_KEY.test(key) || value === undefined) continue;
    if (typeof value === 'string') out[key] = value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) out[key] = value;
  }
  return out;
}

export interface AuditDeps {
  store: AuditStore;
  users: Pick<UsersStore, 'get'>;
  config: Pick<Config, 'auditRetentionDays'>;
  logger: Logger;
  now?: () => number;
}

export class AuditLog {
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private securityMinute = 0;
  private securityRows = 0;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: AuditDeps) {
    this.now = deps.now ?? (() => Date.now());
  }

  /** Writes one entry. Never throws: a full disk must not turn an admin's action into an error. */
  async record(entry: AuditRecord): Promise<void> {
    try {
      const { users, store } = this.deps;
      const actor = entry.actorId !== null ? await users.get(entry.actorId) : undefined;
      const targetType = entry.targetType ?? null;
      const targetId = entry.targetId ?? null;
      let targetName = entry.targetName ?? '';
      if (!targetName && targetType === 'user' && targetId !== null) targetName = (await users.get(targetId))?.name ?? '';
      await store.insert({
        at: this.now(),
        actorId: entry.actorId,
        actorName: actor?.name ?? '',
        action: entry.action,
        targetType,
        targetId,
        targetName,
        address: entry.address ?? '',
        detail: cleanDetail(entry.detail),
      });
    } catch (err) {
      this.deps.logger.error({ err, action: entry.action }, 'audit entry not written');
    }
  }

  /** For security events, already limited per kind and address: a global cap on top. */
  recordSecurity(entry: AuditRecord): void {
    const minute = Math.floor(this.now() / 60_000);
    if (minute !== this.securityMinute) {
      this.securityMinute = minute;
      this.securityRows = 0;
    }
    if (++this.securityRows > SECURITY_ROWS_PER_MINUTE) return;
    const written = this.record(entry);
    this.pending.add(written);
    void written.finally(() => this.pending.delete(written));
  }

  /** Waits for the security entries still being written (before the database closes). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async list(query: AuditQuery): Promise<{ entries: AuditEntry[]; total: number }> {
    const actions = query.action?.split(',');
    if (actions?.some((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))) throw new AppError('BAD_REQUEST');
    return this.deps.store.list({
      actions: actions as AuditAction[] | undefined,
      actorId: query.actorId,
      targetType: query.targetType,
      targetId: query.targetId,
      from: query.from,
      to: query.to,
      q: query.q?.trim() || undefined,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
  }

  /** Removes what is older than the retention setting; returns how many entries went. */
  async purge(): Promise<number> {
    const before = this.now() - this.deps.config.auditRetentionDays * DAY_MS;
    const removed = await this.deps.store.purgeBefore(before);
    if (removed > 0) this.deps.logger.info({ removed, retentionDays: this.deps.config.auditRetentionDays }, 'old audit entries removed');
    return removed;
  }

  /** Purges now and then once a day. */
  start(): void {
    const run = () => void this.purge().catch((err: unknown) => this.deps.logger.error({ err }, 'audit purge failed'));
    run();
    this.timer = setInterval(run, DAY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
