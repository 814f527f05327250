import { availableParallelism } from 'node:os';
import { PASSWORD_MAX, PASSWORD_MIN } from '../protocol/http.ts';
import { AppError } from '../http/app-error.ts';
import { Semaphore } from '../util/semaphore.ts';
import { HashPool } from './hashing/hash-pool.ts';

// argon2id (hashing/argon2-options.ts) runs in a child process below normal priority
// (hashing/hash-pool.ts). Each hash holds 19 MiB while it runs, so the number running at once is
// capped and the queue behind it is bounded: a login flood waits or gets SERVER_BUSY instead of
// exhausting memory.

/** The hashing process failed (it crashed, or was stopped with the server): busy, try again. */
const busy = () => new AppError('SERVER_BUSY');
const failedBusy = (): never => {
  throw busy();
};

export class PasswordHasher {
  private readonly gate: Semaphore;
  private readonly pool: HashPool;
  private dummyHash: Promise<string> | undefined;

  /**
   * One core is always left to the event loop: a login storm then slows logins, not messages.
   * (availableParallelism() honours the CPU affinity the process was started with.)
   */
  constructor(concurrency = Math.max(1, availableParallelism() - 1), maxQueue = 256) {
    this.gate = new Semaphore(concurrency, maxQueue);
    this.pool = new HashPool(concurrency);
  }

  /** Stops the hashing process (with the server). */
  close(): void {
    this.pool.close();
  }

  /** The hashing process's pid once it runs. */
  get hashingPid(): number | undefined {
    return this.pool.pid;
  }

  static checkLength(password: string): void {
    const length = [...password].length;
    if (length < PASSWORD_MIN || length > PASSWORD_MAX) throw new AppError('PASSWORD_LENGTH');
  }

  hash(password: string): Promise<string> {
    PasswordHasher.checkLength(password);
    return this.gate.run(() => this.pool.hash(password).catch(failedBusy), busy);
  }

  /**
   * Verifies against `hash`, or against a throw-away hash when there is no such user, so that an
   * unknown login costs the same time as a wrong password.
   */
  async verify(hash: string | undefined, password: string): Promise<boolean> {
    if (password.length === 0 || password.length > PASSWORD_MAX * 4) return false;
    const target = hash ?? (await this.dummy());
    const ok = await this.gate.run(() => this.pool.verify(target, password).catch(failedBusy), busy);
    return hash !== undefined && ok;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.pool.hash('sotong-timing-equaliser');
    return this.dummyHash;
  }
}
