import { isDatabaseUnavailable } from './database-unavailable.ts';
import { isDiskFull } from './disk-full.ts';

/**
 * The catalogue code for a failure that is not the client's: a full disk or an unreachable database
 * are conditions the admin fixes (said plainly, logged without a stack); anything else is a bug.
 */
export function failureCode(err: unknown): 'DISK_FULL' | 'DATABASE_UNAVAILABLE' | 'INTERNAL' {
  if (isDiskFull(err)) return 'DISK_FULL';
  if (isDatabaseUnavailable(err)) return 'DATABASE_UNAVAILABLE';
  return 'INTERNAL';
}
