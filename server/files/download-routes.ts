import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../services.ts';
import type { StoredFile } from '../storage/stores.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { authOf } from '../accounts/auth-scope.ts';
import { assertMember } from '../rooms/room-access.ts';
import { contentDisposition, extensionOf } from './file-names.ts';
import { INLINE_IMAGE_EXTENSIONS } from './magic.ts';

const IMMUTABLE = 'private, max-age=31536000, immutable';

export function downloadRoutes(app: FastifyInstance, { files, rooms, storage, users, config }: Pick<Services, 'files' | 'rooms' | 'storage' | 'users' | 'config'>): void {
  /** The file if the caller may see it; otherwise it does not exist, as far as they can tell. */
  const visibleFile = async (id: number, userId: number): Promise<StoredFile> => {
    const row = await files.get(id);
    if (!row || row.roomId === null || !(await rooms.isMember(row.roomId, userId))) throw new AppError('FILE_NOT_FOUND');
    return row;
  };

  /** Streams a stored file; ranges, ETag and Last-Modified come from @fastify/static's sender. */
  const send = (reply: FastifyReply, storageName: string) => {
    const relative = storage.pathOf(storageName).slice(storage.root.length + 1);
    // contentType: false keeps the type set from the file's metadata (stored names have no extension).
    return reply.sendFile(relative, storage.root, { cacheControl: false, dotfiles: 'deny', contentType: false });
  };

  route(app, 'uploadLimits', async () => ({ maxBytes: config.maxUploadBytes, extensions: config.allowedExtensions }));

  route(app, 'file', async (request, reply) => {
    const row = await visibleFile(request.params.id, authOf(request).user.id);
    // Only raster images are ever shown inline; anything else downloads, sandboxed should a browser
    // try to render it anyway.
    const inline = row.kind === 'image' && INLINE_IMAGE_EXTENSIONS.has(extensionOf(row.originalName));
    reply
      .type(row.mime)
      // A secret room's file has no name on the server (it is inside the cipher).
      .header('content-disposition', row.originalName === '' ? 'attachment' : contentDisposition(inline ? 'inline' : 'attachment', row.originalName))
      .header('cache-control', inline ? IMMUTABLE : 'private, no-cache');
    if (!inline) reply.header('content-security-policy', "sandbox; default-src 'none'");
    return send(reply, row.storageName);
  });

  route(app, 'fileThumb', async (request, reply) => {
    const row = await visibleFile(request.params.id, authOf(request).user.id);
    if (!row.thumbName) throw new AppError('FILE_NOT_FOUND');
    reply.type('image/webp').header('content-disposition', 'inline').header('cache-control', IMMUTABLE);
    return send(reply, row.thumbName);
  });

  route(app, 'userAvatar', async (request, reply) => {
    const target = await users.get(request.params.id);
    const row = target?.avatarFileId ? await files.get(target.avatarFileId) : undefined;
    if (!row) throw new AppError('FILE_NOT_FOUND');
    // The URL carries ?v=<file id>, so a new photo is a new URL and the old one can be cached forever.
    reply.type('image/webp').header('content-disposition', 'inline').header('cache-control', IMMUTABLE);
    return send(reply, row.storageName);
  });

  route(app, 'roomFiles', async (request) => {
    await assertMember(rooms, request.params.id, authOf(request).user.id);
    const { kind, before, limit } = request.query;
    return files.shared(request.params.id, kind, before, limit ?? 30);
  });
}
