import type * as Engine from './secret/engine.ts';

// The first screen's one door to secret rooms: web/src/secret/ is loaded on first need (a secret
// room opened or written to, a key for this device) and never before.

let engine: Promise<typeof Engine> | undefined;

export const secret = (): Promise<typeof Engine> => (engine ??= import('./secret/engine.ts').then((m) => (m.startSecret(), m)));
