import type { ErrorCode } from '../protocol/errors.ts';
import type { RoomsStore, Sealed } from '../storage/stores.ts';

// What a message in a secret room carries instead of text: an envelope (`cipher`, base64url, never
// read by the server) made under the room's current key epoch. One rule for sends, edits and
// uploads: a secret room takes no plain text, a plain room takes no cipher, and a cipher made for
// another epoch than the room's now is refused (SECRET_EPOCH_STALE: the client re-keys and resends).

export interface ContentRequest {
  body?: string | undefined;
  cipher?: string | undefined;
  epoch?: number | undefined;
}

/** Whether the request speaks the secret form (a cipher or an epoch). */
export const asksSealed = (req: ContentRequest): boolean => req.cipher !== undefined || req.epoch !== undefined;

/**
 * For a member's send or edit in `roomId`: the refusal, or the envelope to store (null in a plain
 * room, whose text goes on as before).
 */
export async function sealedContent(rooms: Pick<RoomsStore, 'keyState'>, roomId: number, req: ContentRequest): Promise<ErrorCode | { sealed: Sealed | null }> {
  const state = await rooms.keyState(roomId);
  if (!state) return 'ROOM_NOT_FOUND';
  if (!state.secret) return asksSealed(req) ? 'SECRET_CIPHER_REFUSED' : { sealed: null };
  // Not even white space: whatever a client puts in body would be stored in the clear.
  if ((req.body ?? '') !== '') return 'SECRET_PLAINTEXT_REFUSED';
  if (req.cipher === undefined || req.epoch === undefined) return 'SECRET_CIPHER_MISSING';
  if (req.epoch !== state.keyEpoch) return 'SECRET_EPOCH_STALE';
  return { sealed: { cipher: req.cipher, epoch: req.epoch } };
}
