import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import { AppError } from '../http/app-error.ts';
import { SESSION_COOKIE, SESSION_TTL_MS, type SessionInfo } from './sessions.ts';
import type { StoredUser } from './users-repo.ts';

export interface Authenticated {
  user: StoredUser;
  session: SessionInfo;
}

/** The logged-in, active user behind this request's session cookie, or undefined. */
export function authenticate(services: Services, request: FastifyRequest): Authenticated | undefined {
  const session = services.sessions.lookup(request.cookies[SESSION_COOKIE]);
  if (!session) return undefined;
  const user = services.users.get(session.userId);
  if (!user || user.status !== 'active') return undefined;
  return { user, session };
}

export function requireUser(services: Services, request: FastifyRequest): Authenticated {
  const auth = authenticate(services, request);
  if (!auth) throw new AppError('UNAUTHENTICATED');
  return auth;
}

export function requireAdmin(services: Services, request: FastifyRequest): Authenticated {
  const auth = requireUser(services, request);
  if (auth.user.role !== 'admin') throw new AppError('ADMIN_ONLY');
  return auth;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
