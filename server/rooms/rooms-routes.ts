import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import {
  AddMembersRequest,
  CreateGroupRequest,
  HistoryQuery,
  HistoryReply,
  IdParams,
  OpenDmRequest,
  RoomReply,
  RoomsReply,
} from '../protocol/http.ts';
import { AppError } from '../http/app-error.ts';
import { requireUser } from '../accounts/auth-guard.ts';
import { announceRoom } from './room-events.ts';

export function roomsRoutes(app: FastifyInstance, services: Services): void {
  const { rooms, users, messages } = services;

  const assertActiveUsers = (ids: readonly number[]) => {
    for (const id of ids) if (users.get(id)?.status !== 'active') throw new AppError('USER_NOT_FOUND');
  };

  const assertMember = (roomId: number, userId: number) => {
    if (!rooms.isMember(roomId, userId)) throw new AppError(rooms.exists(roomId) ? 'NOT_A_MEMBER' : 'ROOM_NOT_FOUND');
  };
  const memberView = (roomId: number, userId: number) => {
    assertMember(roomId, userId);
    return rooms.view(roomId, userId)!;
  };

  app.get('/api/rooms', { schema: { response: { 200: RoomsReply } } }, async (request) => {
    const { user } = requireUser(services, request);
    return { rooms: rooms.listFor(user.id) };
  });

  app.get<{ Params: IdParams }>(
    '/api/rooms/:id',
    { schema: { params: IdParams, response: { 200: RoomReply } } },
    async (request) => {
      const { user } = requireUser(services, request);
      return { room: memberView(request.params.id, user.id) };
    },
  );

  app.post<{ Body: OpenDmRequest }>(
    '/api/rooms/dm',
    { schema: { body: OpenDmRequest, response: { 200: RoomReply } } },
    async (request) => {
      const { user } = requireUser(services, request);
      assertActiveUsers([request.body.userId]);
      const { id, created } = rooms.openDm(user.id, request.body.userId);
      if (created) announceRoom(services, id);
      return { room: rooms.view(id, user.id)! };
    },
  );

  app.post<{ Body: CreateGroupRequest }>(
    '/api/rooms',
    { schema: { body: CreateGroupRequest, response: { 200: RoomReply } } },
    async (request) => {
      const { user } = requireUser(services, request);
      assertActiveUsers(request.body.memberIds);
      const roomId = rooms.createGroup(user.id, request.body.name.trim(), request.body.memberIds);
      announceRoom(services, roomId);
      return { room: rooms.view(roomId, user.id)! };
    },
  );

  app.post<{ Params: IdParams; Body: AddMembersRequest }>(
    '/api/rooms/:id/members',
    { schema: { params: IdParams, body: AddMembersRequest, response: { 200: RoomReply } } },
    async (request) => {
      const { user } = requireUser(services, request);
      const room = memberView(request.params.id, user.id);
      if (room.kind !== 'group') throw new AppError('FORBIDDEN');
      assertActiveUsers(request.body.userIds);
      rooms.addMembers(room.id, request.body.userIds);
      announceRoom(services, room.id);
      return { room: rooms.view(room.id, user.id)! };
    },
  );

  app.get<{ Params: IdParams; Querystring: HistoryQuery }>(
    '/api/rooms/:id/messages',
    { schema: { params: IdParams, querystring: HistoryQuery, response: { 200: HistoryReply } } },
    async (request) => {
      const { user } = requireUser(services, request);
      assertMember(request.params.id, user.id);
      return messages.page(request.params.id, request.query.before, request.query.limit ?? 50);
    },
  );
}
