import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import type { ErrorCode } from '../protocol/errors.ts';
import type { KeyRefusal } from '../storage/stores.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { authOf } from '../accounts/auth-scope.ts';
import { assertMember } from '../rooms/room-access.ts';
import { KEY_PAGE_MAX } from '../protocol/limits.ts';

// Key envelopes: a member's device hands its sender key, wrapped for each member device, to the
// server, which checks who sends to whom under which epoch, stores the envelopes and pushes each
// to its recipient as a `room-key` frame. A browser that was away reads its inbox page by page.

const REFUSALS: Record<KeyRefusal, ErrorCode> = {
  'not-a-member': 'NOT_A_MEMBER',
  'not-secret': 'SECRET_ROOM_ONLY',
  'not-yours': 'DEVICE_NOT_YOURS',
  stale: 'SECRET_EPOCH_STALE',
  'bad-recipient': 'KEY_RECIPIENT_INVALID',
};

export function keyRoutes(app: FastifyInstance, services: Pick<Services, 'rooms' | 'hub' | 'devices' | 'keyEnvelopes'>): void {
  const { rooms, hub, devices, keyEnvelopes } = services;

  route(app, 'postKeys', async (request, reply) => {
    const { user } = authOf(request);
    const roomId = request.params.id;
    await assertMember(rooms, roomId, user.id);
    const { epoch, fromDevice, keys } = request.body;
    if (new Set(keys.map((k) => k.toDevice)).size !== keys.length) throw new AppError('KEY_PAYLOAD_INVALID');
    const stored = await keyEnvelopes.post(roomId, user.id, fromDevice, epoch, keys);
    if (typeof stored === 'string') throw new AppError(REFUSALS[stored]);
    // Each envelope to the sockets of the one person whose device it is for.
    const owners = new Map<number, number>();
    for (const envelope of stored) {
      let owner = owners.get(envelope.toDevice);
      if (owner === undefined) owners.set(envelope.toDevice, (owner = (await devices.get(envelope.toDevice))?.userId ?? 0));
      if (owner !== 0) hub.sendToUsers([owner], { type: 'room-key', ...envelope });
    }
    reply.code(201);
    return { keys: stored };
  });

  route(app, 'roomKeys', async (request) => {
    const { user } = authOf(request);
    const roomId = request.params.id;
    await assertMember(rooms, roomId, user.id);
    if (!(await rooms.keyState(roomId))?.secret) throw new AppError('SECRET_ROOM_ONLY');
    const device = await devices.get(request.query.device);
    if (!device) throw new AppError('DEVICE_NOT_FOUND');
    if (device.userId !== user.id) throw new AppError('DEVICE_NOT_YOURS');
    return keyEnvelopes.inbox(roomId, device.id, request.query.after ?? 0, request.query.limit ?? KEY_PAGE_MAX);
  });
}
