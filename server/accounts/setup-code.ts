import { randomInt, timingSafeEqual } from 'node:crypto';

/**
 * The one-time code that lets someone create the first admin from another PC. It exists only while
 * no admin exists, is printed to the console and the log at start-up, and dies once used.
 */
export class SetupCode {
  private code: string | undefined;

  issue(): string {
    const digits = Array.from({ length: 8 }, () => randomInt(10)).join('');
    this.code = `${digits.slice(0, 4)}-${digits.slice(4)}`;
    return this.code;
  }

  /** The code while it is valid, for the console and the manager to show. */
  get current(): string | undefined {
    return this.code;
  }

  get active(): boolean {
    return this.code !== undefined;
  }

  matches(candidate: string | undefined): boolean {
    if (!this.code || !candidate) return false;
    const a = Buffer.from(candidate.trim());
    const b = Buffer.from(this.code);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  consume(): void {
    this.code = undefined;
  }
}
