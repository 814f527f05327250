import { withoutPassword } from '../../config/secret-url.ts';
import { sqlState } from './database.ts';

// Why a node could not open its PostgreSQL, in one sentence a person can act on (start-up ends with
// it, no stack trace). The address is shown without its password.

const FIX = 'check databaseUrl (SOTONG_DATABASE_URL)';

export function pgStartupSentence(err: unknown, url: string): string {
  let where = withoutPassword(url);
  let user = '';
  let database = '';
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`;
    user = decodeURIComponent(parsed.username);
    database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || user;
  } catch {
    return `The PostgreSQL address ${where} is not a valid postgres:// URL; ${FIX}.`;
  }
  const code = sqlState(err);
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ECONNREFUSED':
      return `PostgreSQL at ${where} refuses connections (is it running?); start it or ${FIX}.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The PostgreSQL host in ${withoutPassword(url)} is not known; ${FIX}.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `PostgreSQL at ${where} cannot be reached; ${FIX} and the network.`;
    case '28P01':
      return `PostgreSQL at ${where} refused the password of user "${user}"; ${FIX}.`;
    case '28000':
      return `PostgreSQL at ${where} does not let user "${user}" in (pg_hba.conf or the user name); ${FIX}.`;
    case '3D000':
      return `The database "${database}" does not exist on PostgreSQL at ${where}; create it (createdb ${database}) or ${FIX}.`;
    case '42501':
      return `User "${user}" may not create Sotong's tables in database "${database}" on ${where}; make it the database's owner or ${FIX}.`;
    case '53300':
      return `PostgreSQL at ${where} has no free connection (max_connections); raise it or run fewer nodes.`;
  }
  if (/timeout/i.test(message)) return `PostgreSQL at ${where} did not answer in time; ${FIX} and that the server is up.`;
  return `Sotong cannot use PostgreSQL at ${where}: ${message.replaceAll(url, withoutPassword(url))}.`;
}
