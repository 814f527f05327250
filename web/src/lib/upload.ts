import type { UploadReply } from '../../../server/protocol/index.ts';
import { ApiError, parseReply } from './api.ts';
import { urlOf } from './route-url.ts';
import { t } from './i18n.ts';

// One file into a room over XMLHttpRequest: fetch() still cannot report upload progress, and an
// XHR can be aborted mid-body, which is what "cancel" means.

export interface UploadHandle {
  promise: Promise<UploadReply>;
  abort(): void;
}

/** Thrown (as the promise's rejection) when the upload was cancelled by the user. */
export const ABORTED = 'ABORTED';

export function uploadToRoom(
  roomId: number,
  file: File,
  tempId: string,
  onProgress: (fraction: number) => void,
  replyTo?: number,
  /** A secret room's upload: the ciphertext and the message's envelope (the real name stays inside it). */
  sealed?: { blob: Blob; cipher: string; epoch: number },
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadReply>((resolve, reject) => {
    xhr.open('POST', urlOf('upload', { id: roomId }));
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      try {
        resolve(parseReply<UploadReply>(xhr.status, xhr.responseText));
      } catch (err) {
        reject(err);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', t.networkError));
    xhr.onabort = () => reject(new ApiError(0, ABORTED, t.uploadCancelled));
    const form = new FormData();
    // Fields before the file: the server reads the stream in order and wants them first.
    form.append('tempId', tempId);
    if (replyTo !== undefined) form.append('replyTo', String(replyTo));
    if (sealed) form.append('cipher', sealed.cipher), form.append('epoch', String(sealed.epoch));
    form.append('file', sealed?.blob ?? file, sealed ? 'sealed' : file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
