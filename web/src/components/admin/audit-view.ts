import type { AdminRoom, AuditEntry } from '../../../../server/protocol/admin-http.ts';
import { tlog } from '../../lib/i18n-admin-log.ts';

// How an audit entry and a room read in the admin area: plain functions, tested in web/test.

/** 127.x, ::1 and their IPv4-mapped spellings: the server PC itself. */
function isLoopbackAddress(address: string): boolean {
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || /^127\./.test(plain);
}

export function actionLabel(action: AuditEntry['action']): string {
  return tlog.actions[action] ?? action;
}

/** Who did it: their name, the server PC's manager console, or nobody logged in yet. */
export function actorLabel(e: AuditEntry): string {
  if (e.actorName) return e.actorName;
  if (e.actorId !== null) return `#${e.actorId}`;
  if (e.detail.via === 'manager' || e.detail.via === 'tray' || (e.action === 'manager_refused' && isLoopbackAddress(e.address))) return tlog.serverPc;
  return tlog.anonymous;
}

export function targetLabel(e: AuditEntry): string {
  if (e.targetName) return e.targetName;
  if (e.targetId !== null) return `#${e.targetId}`;
  return '';
}

/** The detail as "key: value" pairs with readable keys; `via` is already in the actor. */
export function detailText(e: AuditEntry): string {
  return Object.entries(e.detail)
    .filter(([key]) => key !== 'via')
    .map(([key, value]) => {
      const label = tlog.detailKeys[key] ?? key;
      const shown =
        key === 'enabled' ? (value ? tlog.on : tlog.off)
        : key === 'kind' && (value === 'dm' || value === 'group') ? tlog[value]
        : typeof value === 'boolean' ? (value ? tlog.yes : tlog.no)
        : String(value);
      return `${label}: ${shown}`;
    })
    .join(' · ');
}

/** A room's title: its name, or its members' names for a DM. */
export function roomTitle(r: Pick<AdminRoom, 'name' | 'memberNames' | 'memberCount' | 'id'>): string {
  if (r.name) return r.name;
  const names = r.memberNames.join(', ');
  if (!names) return `#${r.id}`;
  return r.memberCount > r.memberNames.length ? `${names} +${r.memberCount - r.memberNames.length}` : names;
}

/** A date input's value (local day) as the start of that day, or the start of the next for "to". */
export function dayBoundary(value: string, end: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (end ? 1 : 0)).getTime();
}
