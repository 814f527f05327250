import { GENERAL_ERRORS } from '../../../server/protocol/errors-general.ts';
import { lang } from './i18n.ts';

// Error codes as a person reads them. Every error the server sends carries its own texts; by code
// alone (a frame without them, or a code the client raises itself) the page knows the general
// catalogue's, and the secret rooms' once that code has loaded (it is not on the first screen).

type ErrorTexts = { ko: string; en: string };
/** The catalogue's texts this page knows: the general codes, and more as lazy parts bring theirs. */
const knownErrors: Record<string, ErrorTexts> = { ...GENERAL_ERRORS };

/** A lazy part's codes (the secret rooms'), readable by code alone once it has loaded. */
export function learnErrorTexts(more: Record<string, ErrorTexts>): void {
  Object.assign(knownErrors, more);
}

/** The person-readable text for an error code from the server (HTTP or WebSocket). */
export function errorText(code: string, message?: ErrorTexts): string {
  if (message) return message[lang];
  return (Object.hasOwn(knownErrors, code) ? knownErrors[code]! : GENERAL_ERRORS.INTERNAL)[lang];
}
