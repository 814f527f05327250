import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { authOf } from '../accounts/auth-scope.ts';

export function messageRoutes(app: FastifyInstance, { messages, rooms, files, storage, events }: Pick<Services, 'messages' | 'rooms' | 'files' | 'storage' | 'events'>): void {
  route(app, 'deleteMessage', async (request) => {
    const { user } = authOf(request);
    const ref = await messages.ref(request.params.id);
    if (!ref || ref.deleted || !(await rooms.isMember(ref.roomId, user.id))) throw new AppError('MESSAGE_NOT_FOUND');
    if (ref.senderId !== user.id) throw new AppError('NOT_YOUR_MESSAGE');
    const file = ref.fileId !== null ? await files.get(ref.fileId) : undefined;
    const rev = await messages.markDeleted(ref.id);
    if (rev === undefined) throw new AppError('MESSAGE_NOT_FOUND'); // deleted meanwhile by a parallel request
    // The attachment goes with the message: its row at once, its bytes and thumbnail once every
    // member has been told (the deletion took a rev: its frame must go out whatever the disk does).
    if (file) await files.delete(file.id);
    await events.deleted(ref.roomId, ref.id, rev);
    if (file) await storage.remove(file.storageName, file.thumbName);
    return { ok: true as const };
  });
}
