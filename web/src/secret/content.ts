import type { Message } from '../../../server/protocol/index.ts';

// What a secret message's plaintext holds (JSON inside the envelope): the text, and for a file its
// real name, type, size, key and a small client-made preview (a data: URL of a JPEG, ≤ ~12 KB).

export interface SealedFile {
  name: string;
  mime: string;
  size: number;
  /** base64url AES-256-GCM key of the uploaded blob (encryptFile). */
  key: string;
  width: number | null;
  height: number | null;
  preview: string | null;
}

export interface SealedContent {
  v: 1;
  text: string;
  file?: SealedFile;
}

/** The content, or null for something that is not one (a sender's bug or a forgery that passed). */
export function parseContent(json: string): SealedContent | null {
  try {
    const c = JSON.parse(json) as Partial<SealedContent>;
    if (c.v !== 1 || typeof c.text !== 'string') return null;
    const f = c.file;
    if (f !== undefined && (typeof f.name !== 'string' || typeof f.key !== 'string' || typeof f.mime !== 'string' || typeof f.size !== 'number')) return null;
    return { v: 1, text: c.text, ...(f ? { file: f } : {}) };
  } catch {
    return null;
  }
}

/** Which decrypted state a message is shown in. */
export type Reading =
  | { kind: 'plain'; content: SealedContent }
  | { kind: 'before-device' }
  | { kind: 'waiting' }
  | { kind: 'failed' };

/** The message as the timeline shows it: the decrypted text in `body`, the real file name, kind and local URLs. */
export function patchMessage(m: Message, content: SealedContent, url?: string): Message {
  const f = content.file;
  const file = m.file && f
    ? {
        ...m.file,
        name: f.name,
        mime: f.mime,
        size: f.size,
        kind: f.mime.startsWith('image/') && f.preview ? ('image' as const) : ('file' as const),
        width: f.width,
        height: f.height,
        ...(url ? { url } : {}),
        ...(f.preview || url ? { thumb: f.preview ?? url } : {}),
      }
    : m.file;
  return { ...m, body: content.text, file };
}
