import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { authOf } from '../accounts/auth-scope.ts';
import { assertMember } from '../rooms/room-access.ts';
import { DEVICES_PER_USER_MAX } from '../protocol/limits.ts';
import { isP256Point } from './p256-key.ts';
import { announceDevices } from './device-events.ts';
import { wellFormed } from '../util/well-formed.ts';

// Devices: each browser of a person registers its two public keys (docs/protocol.md, "Secret
// rooms"). Only members of a room see its members' devices; only the owner removes a device.

export function deviceRoutes(app: FastifyInstance, services: Pick<Services, 'rooms' | 'hub' | 'devices'>): void {
  const { rooms, devices } = services;

  route(app, 'myDevices', async (request) => ({ devices: await devices.listFor(authOf(request).user.id) }));

  route(app, 'registerDevice', async (request, reply) => {
    const { user } = authOf(request);
    const { agreeKey, signKey, label } = request.body;
    if (!(await isP256Point(agreeKey)) || !(await isP256Point(signKey))) throw new AppError('DEVICE_KEY_INVALID');
    const change = await devices.add(user.id, { agreeKey, signKey, label: wellFormed(label).trim() }, DEVICES_PER_USER_MAX);
    if (change === 'limit') throw new AppError('DEVICE_LIMIT');
    await announceDevices(services, user.id, change);
    reply.code(201);
    return { device: change.device };
  });

  route(app, 'deleteDevice', async (request) => {
    const { user } = authOf(request);
    const change = await devices.remove(request.params.id, user.id);
    if (change === 'not-found') throw new AppError('DEVICE_NOT_FOUND');
    if (change === 'not-yours') throw new AppError('DEVICE_NOT_YOURS');
    await announceDevices(services, user.id, change);
    return { ok: true as const };
  });

  route(app, 'roomDevices', async (request) => {
    const { user } = authOf(request);
    await assertMember(rooms, request.params.id, user.id);
    if (!(await rooms.keyState(request.params.id))?.secret) throw new AppError('SECRET_ROOM_ONLY');
    return { devices: await devices.ofRoom(request.params.id) };
  });
}
