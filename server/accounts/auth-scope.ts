import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.ts';
import { authenticate, type AuthDeps, type Authenticated } from './auth-guard.ts';

// The scopes routes are registered in. Each is an encapsulated Fastify plugin whose one onRequest
// hook admits the request (or answers 401/403) before its body is even read.

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user, set by the authenticated scope's hook. */
    auth: Authenticated | null;
  }
}

/** Every route of this scope needs a logged-in, active user. */
export function requireLogin(scope: FastifyInstance, deps: AuthDeps): void {
  scope.addHook('onRequest', async (request) => {
    const auth = await authenticate(deps, request);
    if (!auth) throw new AppError('UNAUTHENTICATED');
    request.auth = auth;
  });
}

/** Every route of this scope (inside an authenticated one) is for admins only. */
export function requireAdminRole(scope: FastifyInstance): void {
  scope.addHook('onRequest', async (request) => {
    if (authOf(request).user.role !== 'admin') throw new AppError('ADMIN_ONLY');
  });
}

/** The user a request in an authenticated scope was admitted as. */
export function authOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new AppError('UNAUTHENTICATED');
  return request.auth;
}
