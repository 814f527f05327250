import { api, ApiError } from '../lib/api.ts';
import { secret } from '../secret-gate.ts';
import {
  checkFile,
  extensionForMime,
  formatSize,
  isGenericPasteName,
  isImageName,
  pastedFileName,
  type FileProblem,
} from '../lib/files.ts';
import { t } from '../lib/i18n.ts';
import { ABORTED, uploadToRoom, type UploadHandle } from '../lib/upload.ts';
import { cancelReply } from './message-changes.ts';
import { ingest } from './messages.ts';
import { getState, setState, withKey, type Upload } from './store.ts';

// Files on their way into rooms. Each is checked against the server's limits first (nothing is
// uploaded that the server would refuse for its size or type), then sent with progress; a failed
// one stays as a bubble with retry, a cancelled one just goes away.

const handles = new Map<string, UploadHandle>();
let counter = 0;

export async function loadUploadLimits(): Promise<void> {
  setState({ uploadLimits: await api.uploadLimits() });
}

export function problemText(p: FileProblem): string {
  switch (p.kind) {
    case 'size':
      return t.fileTooBig(p.name, formatSize(p.maxBytes));
    case 'type':
      return t.fileTypeNotAllowed(p.name, p.extension);
    case 'empty':
      return t.fileEmpty(p.name);
  }
}

/**
 * Clipboard images arrive as "image.png"; they get a dated name so they are told apart. The File
 * is re-wrapped (its bytes are not copied).
 */
export function namePasted(file: File, now = new Date()): File {
  if (!isGenericPasteName(file.name)) return file;
  const ext = extensionForMime(file.type) ?? 'png';
  return new File([file], pastedFileName(t.pastePrefix, ext, now), { type: file.type, lastModified: file.lastModified });
}

/** Picked, dropped or pasted files: refuse what cannot be sent (with why), upload the rest. */
export async function attachFiles(roomId: number, files: readonly File[]): Promise<void> {
  if (!files.length) return;
  let limits = getState().uploadLimits;
  if (!limits) {
    try {
      await loadUploadLimits();
      limits = getState().uploadLimits!;
    } catch (e) {
      setState({ uploadRejects: { roomId, problems: [(e as Error).message] } });
      return;
    }
  }
  const problems: string[] = [];
  // Files picked while answering a message answer it (and end the reply mode, as a send does).
  const replyTo = getState().replyingTo[roomId]?.id;
  for (const file of files) {
    const problem = checkFile(file, limits);
    if (problem) problems.push(problemText(problem));
    else start(roomId, file, replyTo);
  }
  if (replyTo !== undefined && problems.length < files.length) cancelReply(roomId);
  setState({ uploadRejects: problems.length ? { roomId, problems } : null });
}

export function dismissRejects(): void {
  if (getState().uploadRejects) setState({ uploadRejects: null });
}

function start(roomId: number, file: File, replyTo?: number): void {
  counter += 1;
  const image = isImageName(file.name);
  const upload: Upload = {
    tempId: `u${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    roomId,
    file,
    previewUrl: image && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null,
    width: null,
    height: null,
    progress: 0,
    status: 'uploading',
    createdAt: Date.now(),
    ...(replyTo === undefined ? {} : { replyTo }),
  };
  setState((s) => ({ uploads: withKey(s.uploads, roomId, [...(s.uploads[roomId] ?? []), upload]) }));
  begin(upload);
}

function begin(u: Upload): void {
  if (getState().rooms[u.roomId]?.secret) {
    void secret()
      .then((m) => m.sealUpload(u))
      .then((sealed) => go(u, sealed), (err: Error) => update(u.tempId, (x) => ({ ...x, status: 'failed', error: err.message, retryable: true })));
  } else go(u);
}

function go(u: Upload, sealed?: Parameters<typeof uploadToRoom>[5]): void {
  const handle = uploadToRoom(u.roomId, u.file, u.tempId, (progress) => update(u.tempId, (x) => ({ ...x, progress })), u.replyTo, sealed);
  handles.set(u.tempId, handle);
  handle.promise.then(
    ({ message }) => {
      handles.delete(u.tempId);
      remove(u.tempId);
      ingest(message.roomId, [message]);
    },
    (err: unknown) => {
      handles.delete(u.tempId);
      if (err instanceof ApiError && err.code === ABORTED) return; // cancel() already removed it
      update(u.tempId, (x) => ({ ...x, status: 'failed', error: (err as Error).message, retryable: isRetryable(err) }));
    },
  );
}

/** Network trouble, a busy or failing server, a cut-off body: worth another try. */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.status === 0 || err.status >= 500 || ['UPLOAD_INCOMPLETE', 'RATE_LIMITED', 'SERVER_BUSY'].includes(err.code);
}

export function cancelUpload(tempId: string): void {
  const h = handles.get(tempId);
  handles.delete(tempId);
  remove(tempId);
  h?.abort();
}

export function retryUpload(tempId: string): void {
  const u = find(tempId);
  if (!u || u.status !== 'failed' || u.retryable === false) return;
  const next: Upload = { ...u, status: 'uploading', progress: 0, error: undefined };
  update(tempId, () => next);
  begin(next);
}

/** A failed upload the user gives up on. */
export function discardUploadItem(tempId: string): void {
  remove(tempId);
}

/** The preview decoded: remember its size so the pending bubble has the final shape. */
export function notePreviewSize(tempId: string, width: number, height: number): void {
  update(tempId, (x) => (x.width === width && x.height === height ? x : { ...x, width, height }));
}

function find(tempId: string): Upload | undefined {
  for (const list of Object.values(getState().uploads)) {
    const u = list.find((x) => x.tempId === tempId);
    if (u) return u;
  }
  return undefined;
}

function update(tempId: string, change: (u: Upload) => Upload): void {
  const u = find(tempId);
  if (!u) return;
  setState((s) => {
    const list = s.uploads[u.roomId] ?? [];
    return { uploads: withKey(s.uploads, u.roomId, list.map((x) => (x.tempId === tempId ? change(x) : x))) };
  });
}

function remove(tempId: string): void {
  const u = find(tempId);
  if (!u) return;
  if (u.previewUrl) URL.revokeObjectURL(u.previewUrl);
  setState((s) => ({ uploads: withKey(s.uploads, u.roomId, (s.uploads[u.roomId] ?? []).filter((x) => x.tempId !== tempId)) }));
}

/** Logging out: stop everything in flight and forget the previews. */
export function abortAllUploads(): void {
  for (const h of handles.values()) h.abort();
  handles.clear();
  for (const list of Object.values(getState().uploads)) for (const u of list) if (u.previewUrl) URL.revokeObjectURL(u.previewUrl);
}
