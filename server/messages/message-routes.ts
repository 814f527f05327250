import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { MessageParams, OkReply, type IdParams } from '../protocol/http.ts';
import { AppError } from '../http/app-error.ts';
import { requireUser } from '../accounts/auth-guard.ts';

export function messageRoutes(app: FastifyInstance, services: Services): void {
  const { messages, rooms, files, storage, hub } = services;

  app.delete<{ Params: IdParams }>(
    '/api/messages/:id',
    { schema: { params: MessageParams, response: { 200: OkReply } } },
    async (request) => {
      const { user } = requireUser(services, request);
      const ref = messages.ref(request.params.id);
      if (!ref || ref.deleted || !rooms.isMember(ref.roomId, user.id)) throw new AppError('MESSAGE_NOT_FOUND');
      if (ref.senderId !== user.id) throw new AppError('NOT_YOUR_MESSAGE');
      const file = ref.fileId !== null ? files.get(ref.fileId) : undefined;
      messages.markDeleted(ref.id);
      if (file) {
        // The attachment goes with the message: its row, its bytes and its thumbnail.
        files.delete(file.id);
        await storage.remove(file.storage_name, file.thumb_name);
      }
      hub.sendToUsers(rooms.memberIds(ref.roomId), { type: 'deleted', roomId: ref.roomId, messageId: ref.id });
      return { ok: true as const };
    },
  );
}
