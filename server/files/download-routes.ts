import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../services.ts';
import { FilesQuery, FilesReply, IdParams, UploadLimits } from '../protocol/http.ts';
import { AppError } from '../http/app-error.ts';
import { requireUser } from '../accounts/auth-guard.ts';
import type { FileRow } from './files-repo.ts';
import { contentDisposition, extensionOf } from './file-names.ts';
import { INLINE_IMAGE_EXTENSIONS } from './magic.ts';

const IMMUTABLE = 'private, max-age=31536000, immutable';

export function downloadRoutes(app: FastifyInstance, services: Services): void {
  const { files, rooms, storage, users, config } = services;

  /** The file if the caller may see it; otherwise it does not exist, as far as they can tell. */
  const visibleFile = (id: number, userId: number): FileRow => {
    const row = files.get(id);
    if (!row || row.room_id === null || !rooms.isMember(row.room_id, userId)) throw new AppError('FILE_NOT_FOUND');
    return row;
  };

  /** Streams a stored file; ranges, ETag and Last-Modified come from @fastify/static's sender. */
  const send = (reply: FastifyReply, storageName: string) => {
    const relative = storage.pathOf(storageName).slice(storage.root.length + 1);
    // contentType: false keeps the type set from the file's metadata (stored names have no extension).
    return reply.sendFile(relative, storage.root, { cacheControl: false, dotfiles: 'deny', contentType: false });
  };

  app.get('/api/uploads/limits', { schema: { response: { 200: UploadLimits } } }, async (request) => {
    requireUser(services, request);
    return { maxBytes: config.maxUploadBytes, extensions: config.allowedExtensions };
  });

  app.get<{ Params: IdParams }>('/api/files/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const { user } = requireUser(services, request);
    const row = visibleFile(request.params.id, user.id);
    // Only raster images are ever shown inline; anything else downloads, sandboxed should a browser
    // try to render it anyway.
    const inline = row.kind === 'image' && INLINE_IMAGE_EXTENSIONS.has(extensionOf(row.original_name));
    reply
      .type(row.mime)
      .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', row.original_name))
      .header('cache-control', inline ? IMMUTABLE : 'private, no-cache');
    if (!inline) reply.header('content-security-policy', "sandbox; default-src 'none'");
    return send(reply, row.storage_name);
  });

  app.get<{ Params: IdParams }>('/api/files/:id/thumb', { schema: { params: IdParams } }, async (request, reply) => {
    const { user } = requireUser(services, request);
    const row = visibleFile(request.params.id, user.id);
    if (!row.thumb_name) throw new AppError('FILE_NOT_FOUND');
    reply.type('image/webp').header('content-disposition', 'inline').header('cache-control', IMMUTABLE);
    return send(reply, row.thumb_name);
  });

  app.get<{ Params: IdParams }>('/api/users/:id/avatar', { schema: { params: IdParams } }, async (request, reply) => {
    requireUser(services, request);
    const target = users.get(request.params.id);
    const row = target?.avatarFileId ? files.get(target.avatarFileId) : undefined;
    if (!row) throw new AppError('FILE_NOT_FOUND');
    // The URL carries ?v=<file id>, so a new photo is a new URL and the old one can be cached forever.
    reply.type('image/webp').header('content-disposition', 'inline').header('cache-control', IMMUTABLE);
    return send(reply, row.storage_name);
  });

  app.get<{ Params: IdParams; Querystring: FilesQuery }>(
    '/api/rooms/:id/files',
    { schema: { params: IdParams, querystring: FilesQuery, response: { 200: FilesReply } } },
    async (request) => {
      const { user } = requireUser(services, request);
      if (!rooms.isMember(request.params.id, user.id)) throw new AppError(rooms.exists(request.params.id) ? 'NOT_A_MEMBER' : 'ROOM_NOT_FOUND');
      const { kind, before, limit } = request.query;
      return files.shared(request.params.id, kind, before, limit ?? 30);
    },
  );
}
