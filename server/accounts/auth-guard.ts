import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionsStore, SessionInfo, StoredUser, UsersStore } from '../storage/stores.ts';
import { AppError } from '../http/app-error.ts';
import { SESSION_COOKIE, SESSION_TTL_MS } from './session-tokens.ts';

export interface Authenticated {
  user: StoredUser;
  session: SessionInfo;
}

export type AuthDeps = { sessions: SessionsStore; users: UsersStore };

/** The logged-in, active user behind this request's session cookie, or undefined. */
export async function authenticate(deps: AuthDeps, request: FastifyRequest): Promise<Authenticated | undefined> {
  const session = await deps.sessions.lookup(request.cookies[SESSION_COOKIE]);
  if (!session) return undefined;
  const user = await deps.users.get(session.userId);
  if (!user || user.status !== 'active') return undefined;
  return { user, session };
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
