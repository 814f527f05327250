// What the audit log records, by name. Plain strings, no schema library, so the browser bundles can
// import this file (the admin area shows each action's Korean or English name and filters by it).

/** Admin actions: who did what to whom. */
export const ADMIN_ACTIONS = [
  'user_approved',
  'user_rejected',
  'user_promoted',
  'user_demoted',
  'user_disabled',
  'user_enabled',
  'user_updated',
  'user_logged_out',
  'user_deleted',
  'reset_approved',
  'reset_rejected',
  'password_changed',
  'room_deleted',
  'settings_changed',
  'https_switched',
  'cert_reissued',
  'backup_made',
  'backup_restored',
  'server_restarted',
] as const;

/** Security events, the same kinds as the security lines in the log file (server/log/security-log.ts). */
export const SECURITY_ACTIONS = [
  'login_failed',
  'login_rate_limited',
  'signup_rate_limited',
  'frame_rate_limited',
  'setup_used',
  'setup_refused',
  'manager_refused',
  'cross_site_refused',
  'reset_rate_limited',
  'password_change_failed',
  'password_change_rate_limited',
  'password_reset_used',
] as const;

export const AUDIT_ACTIONS = [...ADMIN_ACTIONS, ...SECURITY_ACTIONS] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type SecurityAction = (typeof SECURITY_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = ['user', 'room', 'server'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export function isSecurityAction(action: string): action is SecurityAction {
  return (SECURITY_ACTIONS as readonly string[]).includes(action);
}
