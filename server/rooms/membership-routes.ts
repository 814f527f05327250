import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import type { MemberRole } from '../protocol/http.ts';
import type { Room } from '../protocol/models.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { authOf } from '../accounts/auth-scope.ts';
import { toPublic } from '../accounts/user-views.ts';
import { announceChange } from './room-events.ts';
import { assertMember, refusalCode } from './room-access.ts';

// Who is in a room, and the changes to it: leave, rename, remove a member. Each change is one
// store operation (one rev, with its system line), then announced to the room (room-events.ts).

export function membershipRoutes(app: FastifyInstance, services: Pick<Services, 'rooms' | 'users' | 'hub'>): void {
  const { rooms, users, hub } = services;

  const roleOf = (room: Room, user: { id: number; role: string }): MemberRole =>
    room.ownerId === user.id ? 'owner' : user.role === 'admin' ? 'admin' : 'member';

  route(app, 'roomMembers', async (request) => {
    const { user } = authOf(request);
    await assertMember(rooms, request.params.id, user.id);
    const room = (await rooms.view(request.params.id, user.id))!;
    const members = [];
    for (const m of room.members) {
      const member = await users.get(m.userId);
      if (member) members.push({ user: toPublic(member), role: roleOf(room, member), lastReadSeq: m.lastReadSeq, online: hub.isOnline(m.userId) });
    }
    return { members };
  });

  route(app, 'leaveRoom', async (request) => {
    const { user } = authOf(request);
    const roomId = request.params.id;
    await assertMember(rooms, roomId, user.id);
    const line = await rooms.leave(roomId, user.id);
    if (typeof line === 'string') throw new AppError(line === 'unchanged' ? 'NOT_A_MEMBER' : refusalCode(line));
    await announceChange(services, roomId, line, [user.id]);
    return { ok: true as const };
  });

  route(app, 'renameRoom', async (request) => {
    const { user } = authOf(request);
    const roomId = request.params.id;
    await assertMember(rooms, roomId, user.id);
    const line = await rooms.rename(roomId, user.id, request.body.name.trim());
    if (line !== 'unchanged') {
      if (typeof line === 'string') throw new AppError(refusalCode(line));
      await announceChange(services, roomId, line);
    }
    return { room: (await rooms.view(roomId, user.id))! };
  });

  route(app, 'removeMember', async (request) => {
    const { user } = authOf(request);
    const { id: roomId, userId } = request.params;
    await assertMember(rooms, roomId, user.id);
    if (userId === user.id) throw new AppError('CANNOT_REMOVE_SELF');
    const line = await rooms.removeMember(roomId, user.id, userId, user.role === 'admin');
    if (typeof line === 'string') throw new AppError(line === 'unchanged' ? 'MEMBER_NOT_FOUND' : refusalCode(line));
    await announceChange(services, roomId, line, [userId]);
    return { room: (await rooms.view(roomId, user.id))! };
  });
}
