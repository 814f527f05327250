import { readdirSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import argon2 from 'argon2';
import { ARGON2_OPTIONS } from './argon2-options.ts';
import type { HashAnswer, HashRequest } from './hash-protocol.ts';

// The process that runs argon2id for the server (hash-pool.ts starts it), below normal priority, so
// a login storm takes the CPU only when messages do not need it.

/**
 * Windows sets the priority of the whole process. Linux sets it per thread: every thread of this
 * process is lowered, the hashing pool's among them (libuv starts those at its first job).
 */
function lowerPriority(): void {
  const low = constants.priority.PRIORITY_BELOW_NORMAL;
  try {
    setPriority(low);
    if (process.platform === 'linux') for (const tid of readdirSync('/proc/self/task')) setPriority(Number(tid), low);
  } catch {
    // Not allowed here (a locked-down account): normal priority, still off the server's event loop.
  }
}

lowerPriority();
let poolLowered = false;

function answer(message: HashAnswer): void {
  process.send?.(message);
}

process.on('message', (request: HashRequest) => {
  const work = request.op === 'hash' ? argon2.hash(request.password, ARGON2_OPTIONS) : argon2.verify(request.hash, request.password).catch(() => false);
  if (!poolLowered) {
    // The first job has started the hashing threads.
    poolLowered = true;
    lowerPriority();
  }
  work.then(
    (value) => answer({ id: request.id, ok: true, value }),
    (err: unknown) => answer({ id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});

// The server went away: nothing left to hash for.
process.on('disconnect', () => process.exit(0));
