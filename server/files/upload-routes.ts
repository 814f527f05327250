import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import type { FileInfo } from '../protocol/models.ts';
import { AppError } from '../http/app-error.ts';
import { route } from '../http/route.ts';
import { authOf } from '../accounts/auth-scope.ts';
import { toAccount, toPublic } from '../accounts/user-views.ts';
import { assertMember } from '../rooms/room-access.ts';
import { receiveUpload, type ReceivedUpload } from './receive-upload.ts';
import { INLINE_IMAGE_EXTENSIONS, mimeOf } from './magic.ts';
import { ImageTooLargeError, makeAvatar, makeThumbnail } from './thumbnails.ts';
import { outOfSpace } from '../util/disk-full.ts';
import { canReplyTo } from '../messages/reply-target.ts';
import { receiveSecretUpload } from '../secret/secret-upload.ts';

const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

export function uploadRoutes(app: FastifyInstance, services: Pick<Services, 'rooms' | 'messages' | 'files' | 'storage' | 'hub' | 'users' | 'config' | 'poster'>): void {
  const { rooms, messages, files, storage, hub, users, config, poster } = services;

  /** Turns an accepted upload into a stored file (and thumbnail); cleans up if anything fails. */
  const store = async (upload: ReceivedUpload, uploaderId: number, roomId: number): Promise<FileInfo> => {
    const storageName = storage.newName();
    const isImage = INLINE_IMAGE_EXTENSIONS.has(upload.extension);
    const thumbName = isImage ? storage.newName('.webp') : null;
    let facts: { width: number; height: number } | null = null;
    try {
      if (isImage) {
        const thumbPath = storage.pathOf(thumbName!);
        await storage.keep(upload.partial, storageName);
        // A file whose header says image but which does not decode is refused like a forgery
        // (unless the thumbnail could not be written for want of space).
        facts = await makeThumbnail(storage.pathOf(storageName), await ensureDir(thumbPath)).catch((err: unknown) => {
          throw imageRefusal(err, storage.root);
        });
      } else {
        await storage.keep(upload.partial, storageName);
      }
      const kind = isImage ? 'image' : 'file';
      const mime = mimeOf(upload.extension);
      // Inside the try: a database that cannot take the row (a full disk) leaves no bytes behind.
      const id = await files.insert({
        roomId,
        uploaderId,
        storageName,
        thumbName,
        originalName: upload.originalName,
        mime,
        size: upload.size,
        kind,
        width: facts?.width ?? null,
        height: facts?.height ?? null,
      });
      return { id, name: upload.originalName, size: upload.size, mime, kind, width: facts?.width ?? null, height: facts?.height ?? null };
    } catch (err) {
      await storage.remove(storageName, thumbName);
      throw err;
    }
  };

  route(app, 'upload', async (request) => {
    const { user } = authOf(request);
    const roomId = request.params.id;
    // Checked before a byte of the body is read: nobody uploads into a room they are not in.
    await assertMember(rooms, roomId, user.id, { connection: 'close' });
    if ((await rooms.keyState(roomId))?.secret) {
      const sent = await receiveSecretUpload(services, request, roomId, user.id, (field) => replyOf(field, (id) => canReplyTo(messages, roomId, id)));
      return { message: sent.message, tempId: sent.tempId?.slice(0, 64) ?? null };
    }
    const upload = await receiveUpload(request, storage, { maxBytes: config.maxUploadBytes, extensions: config.allowedExtensions });
    let replyTo: number | null;
    try {
      // Only a secret room's upload carries a cipher (it would be stored nowhere here).
      if (upload.fields.cipher !== undefined || upload.fields.epoch !== undefined) throw new AppError('SECRET_CIPHER_REFUSED');
      replyTo = await replyOf(upload.fields.replyTo, (id) => canReplyTo(messages, roomId, id));
    } catch (err) {
      await rm(upload.partial, { force: true });
      throw err;
    }
    const file = await store(upload, user.id, roomId);
    // Cut by characters, never inside one (Korean is three bytes each in UTF-8).
    const caption = [...(upload.fields.caption ?? '')].slice(0, 1000).join('');
    const message = await poster.postFile(roomId, user.id, caption, file, replyTo);
    return { message, tempId: upload.fields.tempId?.slice(0, 64) ?? null };
  });

  route(app, 'uploadAvatar', async (request) => {
    const { user } = authOf(request);
    const upload = await receiveUpload(request, storage, { maxBytes: AVATAR_MAX_BYTES, extensions: [...INLINE_IMAGE_EXTENSIONS] });
    const storageName = storage.newName('.webp');
    try {
      await makeAvatar(upload.partial, await ensureDir(storage.pathOf(storageName)));
    } catch (err) {
      await storage.remove(storageName);
      throw imageRefusal(err, storage.root);
    } finally {
      // The re-encoded square is what is kept; the uploaded original is never stored.
      await rm(upload.partial, { force: true });
    }
    const id = await files.insert({
      roomId: null,
      uploaderId: user.id,
      storageName,
      thumbName: null,
      originalName: 'avatar.webp',
      mime: 'image/webp',
      size: 0,
      kind: 'avatar',
      width: 256,
      height: 256,
    });
    const previous = user.avatarFileId !== null ? await files.get(user.avatarFileId) : undefined;
    await users.setAvatar(user.id, id);
    if (previous) {
      await files.delete(previous.id);
      await storage.remove(previous.storageName);
    }
    const updated = (await users.get(user.id))!;
    hub.sendToAll({ type: 'user', user: toPublic(updated) });
    return { user: toAccount(updated) };
  });
}

/** Why an image could not be turned into a thumbnail or avatar: no space, too many pixels, or not an image. */
function imageRefusal(err: unknown, root: string): AppError {
  if (outOfSpace(err, root)) return new AppError('DISK_FULL');
  return new AppError(err instanceof ImageTooLargeError ? 'IMAGE_TOO_LARGE' : 'FILE_CONTENT_MISMATCH');
}

/** The upload's optional `replyTo` field (a message id in plain decimal): null, or a message it may answer. */
async function replyOf(field: string | undefined, allowed: (id: number) => Promise<boolean>): Promise<number | null> {
  if (field === undefined || field === '') return null;
  const id = /^[1-9][0-9]{0,15}$/.test(field) ? Number(field) : NaN;
  if (!Number.isSafeInteger(id)) throw new AppError('BAD_REQUEST');
  if (!(await allowed(id))) throw new AppError('REPLY_NOT_FOUND');
  return id;
}

async function ensureDir(file: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  return file;
}
