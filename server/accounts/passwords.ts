import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import { PASSWORD_MAX, PASSWORD_MIN } from '../protocol/http.ts';
import { AppError } from '../http/app-error.ts';
import { Semaphore } from '../util/semaphore.ts';

// argon2id at OWASP's minimum: 19 MiB, t=2, p=1. Each hash holds 19 MiB while it runs, so the number
// running at once is capped and the queue behind it is bounded: a login flood waits or gets
// SERVER_BUSY instead of exhausting memory.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordHasher {
  private readonly gate: Semaphore;
  private dummyHash: Promise<string> | undefined;

  /**
   * One core is always left to the event loop: a login storm then slows logins, not messages.
   * (availableParallelism() honours the CPU affinity the process was started with.)
   */
  constructor(concurrency = Math.max(1, availableParallelism() - 1), maxQueue = 256) {
    this.gate = new Semaphore(concurrency, maxQueue);
  }

  static checkLength(password: string): void {
    const length = [...password].length;
    if (length < PASSWORD_MIN || length > PASSWORD_MAX) throw new AppError('PASSWORD_LENGTH');
  }

  hash(password: string): Promise<string> {
    PasswordHasher.checkLength(password);
    return this.gate.run(() => argon2.hash(password, OPTIONS), () => new AppError('SERVER_BUSY'));
  }

  /**
   * Verifies against `hash`, or against a throw-away hash when there is no such user, so that an
   * unknown login costs the same time as a wrong password.
   */
  async verify(hash: string | undefined, password: string): Promise<boolean> {
    if (password.length === 0 || password.length > PASSWORD_MAX * 4) return false;
    const target = hash ?? (await this.dummy());
    const ok = await this.gate.run(
      () => argon2.verify(target, password).catch(() => false),
      () => new AppError('SERVER_BUSY'),
    );
    return hash !== undefined && ok;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= argon2.hash('sotong-timing-equaliser', OPTIONS);
    return this.dummyHash;
  }
}
