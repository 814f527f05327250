import type { ChildProcess } from 'node:child_process';

/** The JSON lines a child process prints, waited for one by one (tests that drive children in namespaces). */
export class ChildLines {
  private readonly seen: Array<{ at: number; line: Record<string, unknown> }> = [];
  private readonly waiters = new Set<() => void>();
  private stderr = '';

  constructor(readonly child: ChildProcess) {
    let buffered = '';
    child.stdout!.on('data', (chunk) => {
      buffered += chunk;
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const text = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        try {
          this.seen.push({ at: Date.now(), line: JSON.parse(text) as Record<string, unknown> });
        } catch {
          continue; // not ours
        }
        for (const wake of this.waiters) wake();
      }
    });
    child.stderr!.on('data', (chunk) => (this.stderr += chunk));
  }

  /** Every line so far that `match` accepts, with when it came. */
  all(match: (line: Record<string, unknown>) => boolean): Array<{ at: number; line: Record<string, unknown> }> {
    return this.seen.filter((s) => match(s.line));
  }

  /** The first line `match` accepts (one already seen counts), with when it came. */
  next(match: (line: Record<string, unknown>) => boolean, timeoutMs: number, what: string): Promise<{ at: number; line: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const look = () => {
        const hit = this.seen.find((s) => match(s.line));
        if (!hit) return false;
        clearTimeout(timer);
        this.waiters.delete(look);
        resolve(hit);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(look);
        reject(new Error(`no ${what} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      if (!look()) this.waiters.add(look);
    });
  }
}
