import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import type { BulkOutcome } from '../protocol/admin-users.ts';
import { CLOSE_CODES } from '../protocol/frames.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { toAccount } from './user-views.ts';
import { authOf } from './auth-scope.ts';
import { addressOf } from '../http/remote.ts';

// The admin users list and sign-up decisions (one, or up to 500 at once). Registered in the admin
// scope; the other account actions are in admin-user-routes.ts.

const DEFAULT_PAGE = 100;

type Deps = Pick<Services, 'users' | 'userAdmin' | 'hub' | 'logger' | 'audit'>;

/** Tells every admin how many sign-ups wait now (their 승인 대기 badge and list). */
async function announcePending({ users, hub }: Deps): Promise<number> {
  const pending = await users.countByStatus('pending');
  hub.sendToUsers(await users.adminIds(), { type: 'signup', pending });
  return pending;
}

export function adminRoutes(app: FastifyInstance, deps: Deps): void {
  const { users, userAdmin, hub, logger } = deps;

  route(app, 'adminUsers', async (request) => {
    const { q, status, role, limit = DEFAULT_PAGE, offset = 0 } = request.query;
    const page = await userAdmin.search({ q, status, role, limit, offset });
    return { users: page.users.map(toAccount), total: page.total };
  });

  const decide = (name: 'approveUser' | 'rejectUser', status: 'active' | 'rejected') =>
    route(app, name, async (request) => {
      const admin = authOf(request);
      const id = request.params.id;
      if (id === admin.user.id) throw new AppError('FORBIDDEN');
      // Guarded like every other change: rejecting the last active admin is refused.
      const outcome = await userAdmin.change(id, { kind: 'decide', status }, admin.user.id);
      if (outcome === 'not_found') throw new AppError('USER_NOT_FOUND');
      if (outcome === 'last_admin') throw new AppError('LAST_ADMIN');
      if (status === 'rejected') hub.closeUser(id, CLOSE_CODES.LOGGED_OUT, 'account closed');
      logger.info({ adminId: admin.user.id, userId: id, action: name === 'approveUser' ? 'approve' : 'reject' }, 'sign-up decided');
      const action = status === 'active' ? 'user_approved' : 'user_rejected';
      await deps.audit.record({ actorId: admin.user.id, action, targetType: 'user', targetId: id, address: addressOf(request) });
      return { user: toAccount((await users.get(id))!) };
    });
  decide('approveUser', 'active');
  decide('rejectUser', 'rejected');

  route(app, 'bulkDecideUsers', async (request) => {
    const answer = await bulkDecide(deps, authOf(request).user.id, request.body.ids, request.body.action);
    const action = request.body.action === 'approve' ? 'user_approved' : 'user_rejected';
    for (const r of answer.results.filter((x) => x.outcome === 'approved' || x.outcome === 'rejected')) {
      await deps.audit.record({ actorId: authOf(request).user.id, action, targetType: 'user', targetId: r.id, address: addressOf(request), detail: { bulk: true } });
    }
    return answer;
  });
}

/** Approves or rejects many pending sign-ups in one transaction; says per id what happened. */
export async function bulkDecide(deps: Deps, adminId: number, ids: readonly number[], action: 'approve' | 'reject') {
  const status = action === 'approve' ? 'active' : 'rejected';
  const outcomes = await deps.userAdmin.decideMany(ids, status, adminId);
  const done: BulkOutcome = action === 'approve' ? 'approved' : 'rejected';
  const results = ids.map((id) => {
    const outcome = outcomes.get(id)!;
    return { id, outcome: outcome === 'ok' ? done : outcome };
  });
  if (action === 'reject') {
    for (const r of results) if (r.outcome === 'rejected') deps.hub.closeUser(r.id, CLOSE_CODES.LOGGED_OUT, 'account closed');
  }
  const decided = results.filter((r) => r.outcome === done).length;
  deps.logger.info({ adminId, action, decided, asked: ids.length }, 'sign-ups decided in bulk');
  return { results, pending: await announcePending(deps) };
}
