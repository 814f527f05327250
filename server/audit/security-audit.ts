import type { SecurityEventKind, SecurityFields } from '../log/security-log.ts';
import type { AuditRecord } from './audit-log.ts';

// A security event as an audit entry. The user id a security line names is the actor when they did
// it (the setup, a socket over its rate limit) and the target when someone tried their account.

const ACTOR_KINDS: readonly SecurityEventKind[] = ['setup_used', 'frame_rate_limited', 'password_change_failed'];

export function securityAuditRecord(kind: SecurityEventKind, fields: SecurityFields): AuditRecord {
  const { address, userId, ...detail } = fields;
  const user = typeof userId === 'number' ? userId : null;
  const byUser = ACTOR_KINDS.includes(kind);
  return {
    action: kind,
    actorId: byUser ? user : null,
    targetType: !byUser && user !== null ? 'user' : null,
    targetId: byUser ? null : user,
    address,
    detail,
  };
}
