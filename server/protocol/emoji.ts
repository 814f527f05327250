import { EMOJI_MAX_LENGTH } from './limits.ts';

// What counts as one reaction: a single emoji from Unicode's recommended (RGI) set — a face, a
// heart with its variation selector, a skin tone, a family, a flag — and nothing else, not even
// two of them. One rule for the server (which refuses the rest) and the clients (which only offer
// these). Built with the RegExp constructor: the `v` flag is newer than the compile target.

const ONE_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

export function isReactionEmoji(value: string): boolean {
  return value.length > 0 && value.length <= EMOJI_MAX_LENGTH && ONE_EMOJI.test(value);
}
