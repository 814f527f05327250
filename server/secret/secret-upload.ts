import { rm } from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import type { Sealed } from '../storage/stores.ts';
import type { FileInfo, Message } from '../protocol/models.ts';
import { SECRET_CIPHER_MAX } from '../protocol/limits.ts';
import { AppError } from '../http/app-error.ts';
import { receiveUpload } from '../files/receive-upload.ts';
import { sealedContent } from './sealed-content.ts';

// A file in a secret room: the browser encrypted it (AES-256-GCM, a fresh key per file) and sends
// the ciphertext with the message's `cipher` and `epoch` as form fields, before the `file` part.
// The server keeps the bytes as they came: no name, no type, no sniffing, no thumbnail, no image
// decoding; the real name, type, key and a small preview live inside the cipher.

/** AES-GCM adds a 16-byte tag, and the client may frame its ciphertext with an IV and a header. */
const CIPHERTEXT_OVERHEAD = 1024;

export type SecretUploadDeps = Pick<Services, 'rooms' | 'files' | 'storage' | 'config' | 'poster'>;

/** Receives, checks and stores one encrypted upload; the reply's message is the new file message. */
export async function receiveSecretUpload(
  { rooms, files, storage, config, poster }: SecretUploadDeps,
  request: FastifyRequest,
  roomId: number,
  userId: number,
  replyCheck: (field: string | undefined) => Promise<number | null>,
): Promise<{ message: Message; tempId: string | undefined }> {
  const upload = await receiveUpload(request, storage, {
    maxBytes: config.maxUploadBytes + CIPHERTEXT_OVERHEAD,
    extensions: [],
    opaque: { fieldSize: SECRET_CIPHER_MAX + 1 },
  });
  const storageName = storage.newName();
  let stored: { file: FileInfo; replyTo: number | null; sealed: Sealed | null };
  try {
    const { cipher, epoch, caption } = upload.fields;
    if (cipher !== undefined && (cipher.length === 0 || cipher.length > SECRET_CIPHER_MAX || !/^[A-Za-z0-9_-]+$/.test(cipher))) {
      throw new AppError(cipher.length > SECRET_CIPHER_MAX ? 'SECRET_CIPHER_TOO_LONG' : 'BAD_REQUEST');
    }
    if (epoch !== undefined && !/^(0|[1-9][0-9]{0,15})$/.test(epoch)) throw new AppError('BAD_REQUEST');
    const content = await sealedContent(rooms, roomId, { body: caption ?? '', cipher, epoch: epoch === undefined ? undefined : Number(epoch) });
    if (typeof content === 'string') throw new AppError(content);
    const replyTo = await replyCheck(upload.fields.replyTo);
    await storage.keep(upload.partial, storageName);
    const mime = 'application/octet-stream';
    const id = await files.insert({ roomId, uploaderId: userId, storageName, thumbName: null, originalName: '', mime, size: upload.size, kind: 'file', width: null, height: null });
    stored = { file: { id, name: '', size: upload.size, mime, kind: 'file', width: null, height: null }, replyTo, sealed: content.sealed };
  } catch (err) {
    await rm(upload.partial, { force: true });
    await storage.remove(storageName).catch(() => undefined);
    throw err;
  }
  const message = await poster.postFile(roomId, userId, '', stored.file, stored.replyTo, stored.sealed);
  return { message, tempId: upload.fields.tempId };
}
