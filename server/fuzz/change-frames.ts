import fc from 'fast-check';
import type { ServerFrame } from '../protocol/frames.ts';
import { isReactionEmoji } from '../protocol/emoji.ts';
import { wellFormed } from '../util/well-formed.ts';
import { hostileJson, hostileNumber, hostileString, UNICODE } from './hostile.ts';

// The frames that change a message after it was sent (`edit`, `react`) and a send's `replyTo`,
// hostile or not, and what the protocol says the server answers to each valid one. The oracle knows
// the messages of the world (whose, which room, whether the attacker may see them); an id it does
// not know (a message sent during the run, a file message, a guess) may be any of the documented
// outcomes that cannot leak anything.

/** A message of the world as the attacker stands to it. */
export interface KnownMessage {
  id: number;
  roomId: number;
  /** own: the attacker's text; shared: the victim's, in a room both are in; foreign: in a room the attacker is not in. */
  kind: 'own' | 'shared' | 'foreign';
}

type Answer = ServerFrame;
type Fail = (why: string) => string;

export const messageIdOf = (known: readonly KnownMessage[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...known.map((m) => m.id)) },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: hostileJson },
  );

/** Emoji a person would pick, strings that look like one, and anything at all. */
const emoji = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('❤️', '👍', '😂', '😮', '😢', '🙏', '👍🏽', '👩‍💻', '🇰🇷', '1️⃣', '🏳️‍🌈') },
  { weight: 2, arbitrary: fc.constantFrom('❤', '👍👍', 'a', '', ' 👍', '\u200d', '1️', '👍'.repeat(17), ...UNICODE) },
  { weight: 1, arbitrary: hostileString },
  { weight: 1, arbitrary: hostileJson },
);

export function changeFrameObjects(known: readonly KnownMessage[], tempId: fc.Arbitrary<unknown>, body: fc.Arbitrary<unknown>) {
  const id = messageIdOf(known);
  const text = fc.oneof({ weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) }, { weight: 1, arbitrary: body });
  const edit = fc.record({ type: fc.constant('edit'), messageId: id, body: text, tempId }, { requiredKeys: ['type', 'messageId', 'body'] });
  const react = fc.record(
    { type: fc.constant('react'), messageId: id, emoji, on: fc.oneof(fc.boolean(), hostileJson), tempId },
    { requiredKeys: ['type', 'messageId', 'emoji', 'on'] },
  );
  return { edit, react };
}

/** The error answering a frame, if `answers` is exactly that; `codes` are the ones allowed. */
function oneError(answers: Answer[], codes: readonly string[], tempId: string | undefined): boolean {
  const [only, ...rest] = answers;
  return !rest.length && only?.type === 'error' && codes.includes(only.code) && only.tempId === tempId;
}

export function editProblem(frame: { messageId: number; body?: string; tempId?: string }, answers: Answer[], known: readonly KnownMessage[], userId: number, fail: Fail): string | undefined {
  const body = frame.body ?? '';
  const target = known.find((m) => m.id === frame.messageId);
  const edited = answers.length === 1 && answers[0]!.type === 'edited' ? answers[0] : undefined;
  const isMine = edited?.type === 'edited' && edited.message.id === frame.messageId && edited.message.senderId === userId && edited.message.body === wellFormed(body);
  if (body.trim().length === 0) return oneError(answers, ['MESSAGE_EMPTY'], frame.tempId) ? undefined : fail('expected MESSAGE_EMPTY with the tempId');
  if (target?.kind === 'own') return isMine ? undefined : fail('expected one edited frame with the new text');
  if (target?.kind === 'shared') return oneError(answers, ['NOT_YOUR_MESSAGE'], frame.tempId) ? undefined : fail('expected NOT_YOUR_MESSAGE with the tempId');
  if (target?.kind === 'foreign') return oneError(answers, ['MESSAGE_NOT_FOUND'], frame.tempId) ? undefined : fail('expected MESSAGE_NOT_FOUND with the tempId');
  if (isMine || oneError(answers, ['MESSAGE_NOT_FOUND', 'NOT_YOUR_MESSAGE', 'MESSAGE_NOT_EDITABLE', 'MESSAGE_DELETED'], frame.tempId)) return undefined;
  return fail('expected an edited frame of my own message or a documented refusal');
}

export function reactProblem(frame: { messageId: number; emoji: string; on: boolean; tempId?: string }, answers: Answer[], known: readonly KnownMessage[], fail: Fail): string | undefined {
  if (!isReactionEmoji(frame.emoji)) return oneError(answers, ['EMOJI_INVALID'], frame.tempId) ? undefined : fail('expected EMOJI_INVALID with the tempId');
  const target = known.find((m) => m.id === frame.messageId);
  if (target?.kind === 'foreign') return oneError(answers, ['MESSAGE_NOT_FOUND'], frame.tempId) ? undefined : fail('expected MESSAGE_NOT_FOUND with the tempId');
  const reacted = answers.length === 1 && answers[0]!.type === 'reacted' ? answers[0] : undefined;
  if (reacted?.type === 'reacted') {
    const mine = reacted.messageId === frame.messageId && reacted.reactions.some((r) => r.emoji === frame.emoji) === frame.on;
    return mine ? undefined : fail('the reacted frame does not show the change asked for');
  }
  // Nothing at all: the reaction was already so.
  if (answers.length === 0) return undefined;
  const codes = target ? ['REACTIONS_FULL'] : ['MESSAGE_NOT_FOUND', 'MESSAGE_DELETED', 'NO_REACTIONS_HERE', 'REACTIONS_FULL'];
  return oneError(answers, codes, frame.tempId) ? undefined : fail('expected a reacted frame, nothing, or a documented refusal');
}

/** For a send with `replyTo`: the refusal it must get, 'ack' when it must be stored, or 'either'. */
export function replyVerdict(roomId: number, replyTo: number, known: readonly KnownMessage[]): 'REPLY_NOT_FOUND' | 'ack' | 'either' {
  const target = known.find((m) => m.id === replyTo);
  if (!target) return 'either';
  return target.kind !== 'foreign' && target.roomId === roomId ? 'ack' : 'REPLY_NOT_FOUND';
}
