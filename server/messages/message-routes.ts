import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { DELETE_WINDOW_MS } from '../protocol/limits.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { authOf } from '../accounts/auth-scope.ts';
import type { MessagesStore, RoomsStore, StoredMessageRef } from '../storage/stores.ts';

/** A live message of a room the caller is in; anything else is MESSAGE_NOT_FOUND, whether it exists or not. */
async function visibleMessage(messages: MessagesStore, rooms: RoomsStore, id: number, userId: number): Promise<StoredMessageRef> {
  const ref = await messages.ref(id);
  if (!ref || ref.deleted || !(await rooms.isMember(ref.roomId, userId))) throw new AppError('MESSAGE_NOT_FOUND');
  return ref;
}

export function messageRoutes(app: FastifyInstance, { messages, rooms, files, storage, events }: Pick<Services, 'messages' | 'rooms' | 'files' | 'storage' | 'events'>): void {
  // Delete for everyone: my own message within DELETE_WINDOW_MS of sending it, or, for an admin,
  // any message of a room the admin is in, at any time.
  route(app, 'deleteMessage', async (request) => {
    const { user } = authOf(request);
    const ref = await visibleMessage(messages, rooms, request.params.id, user.id);
    if (user.role !== 'admin') {
      // A system line is the server's, not its actor's.
      if (ref.senderId !== user.id || ref.system) throw new AppError('NOT_YOUR_MESSAGE');
      if (Date.now() - ref.createdAt > DELETE_WINDOW_MS) throw new AppError('DELETE_WINDOW_PASSED');
    }
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

  route(app, 'messageEdits', async (request) => {
    const { user } = authOf(request);
    const ref = await visibleMessage(messages, rooms, request.params.id, user.id);
    const versions = await messages.versions(ref.id);
    if (!versions.length) throw new AppError('MESSAGE_NOT_FOUND'); // deleted meanwhile
    return { versions };
  });
}
