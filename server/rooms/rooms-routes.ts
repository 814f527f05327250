import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { authOf } from '../accounts/auth-scope.ts';
import { announceChange, announceRoom } from './room-events.ts';
import { assertMember, refusalCode } from './room-access.ts';
import { membershipRoutes } from './membership-routes.ts';
import type { HistoryQuery } from '../protocol/http.ts';
import { SECRET_ROOM_MEMBERS_MAX } from '../protocol/limits.ts';
import type { HistoryAnchor } from '../storage/stores.ts';

export function roomsRoutes(app: FastifyInstance, services: Pick<Services, 'rooms' | 'users' | 'messages' | 'hub'>): void {
  const { rooms, users, messages } = services;

  const assertActiveUsers = async (ids: readonly number[]) => {
    for (const id of ids) if ((await users.get(id))?.status !== 'active') throw new AppError('USER_NOT_FOUND');
  };
  const memberView = async (roomId: number, userId: number) => {
    await assertMember(rooms, roomId, userId);
    return (await rooms.view(roomId, userId))!;
  };

  route(app, 'rooms', async (request) => ({ rooms: await rooms.listFor(authOf(request).user.id) }));

  route(app, 'room', async (request) => ({ room: await memberView(request.params.id, authOf(request).user.id) }));

  route(app, 'openDm', async (request) => {
    const { user } = authOf(request);
    await assertActiveUsers([request.body.userId]);
    // secret: the pair's 1:1 secret room, beside (never instead of) their plain DM.
    const { id, created } = await rooms.openDm(user.id, request.body.userId, Date.now(), request.body.secret === true);
    if (created) await announceRoom(services, id);
    return { room: (await rooms.view(id, user.id))! };
  });

  route(app, 'createGroup', async (request) => {
    const { user } = authOf(request);
    const secret = request.body.secret === true;
    if (secret && new Set([user.id, ...request.body.memberIds]).size > SECRET_ROOM_MEMBERS_MAX) throw new AppError('SECRET_ROOM_FULL');
    await assertActiveUsers(request.body.memberIds);
    const roomId = await rooms.createGroup(user.id, request.body.name.trim(), request.body.memberIds, Date.now(), secret);
    await announceRoom(services, roomId);
    return { room: (await rooms.view(roomId, user.id))! };
  });

  route(app, 'addMembers', async (request) => {
    const { user } = authOf(request);
    const room = await memberView(request.params.id, user.id);
    if (room.kind !== 'group') throw new AppError('FORBIDDEN');
    await assertActiveUsers(request.body.userIds);
    const line = await rooms.addMembers(room.id, user.id, request.body.userIds);
    if (line === 'unchanged') return { room };
    if (typeof line === 'string') throw new AppError(refusalCode(line));
    await announceChange(services, room.id, line);
    return { room: (await rooms.view(room.id, user.id))! };
  });

  membershipRoutes(app, services);

  route(app, 'history', async (request) => {
    await assertMember(rooms, request.params.id, authOf(request).user.id);
    return messages.window(request.params.id, historyAnchor(request.query), request.query.limit ?? 50);
  });
}

function historyAnchor({ before, after, around }: HistoryQuery): HistoryAnchor {
  if ([before, after, around].filter((v) => v !== undefined).length > 1) throw new AppError('HISTORY_ONE_ANCHOR');
  if (before !== undefined) return { kind: 'before', seq: before };
  if (after !== undefined) return { kind: 'after', seq: after };
  if (around !== undefined) return { kind: 'around', seq: around };
  return { kind: 'newest' };
}
