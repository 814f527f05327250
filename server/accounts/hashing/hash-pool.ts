import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HashAnswer, HashRequest } from './hash-protocol.ts';
import { HASH_CHILD_NAME } from './child-entry.ts';

// argon2id off the server's process: a child (hash-child.ts) below normal priority, with as many
// hashing threads as the caller allows (its libuv pool size). The server's event loop only passes
// messages; a login storm competes for the cores at low priority instead of beside the messages.

/** The child's entry next to this module: the source (tests, tsx), the server bundle (.js) or the desktop one (.mjs). */
function childEntry(): string {
  for (const extension of ['.ts', '.js', '.mjs']) {
    const candidate = fileURLToPath(new URL(`./${HASH_CHILD_NAME}${extension}`, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('hash-child entry not found next to the server bundle');
}

type Pending = { resolve: (value: string | boolean) => void; reject: (err: Error) => void };
type Job = { op: 'hash'; password: string } | { op: 'verify'; hash: string; password: string };

export class HashPool {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly threads: number) {}

  hash(password: string): Promise<string> {
    return this.run({ op: 'hash', password }) as Promise<string>;
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.run({ op: 'verify', hash, password }) as Promise<boolean>;
  }

  /** The child's pid, once started (tests read its threads' priority). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  close(): void {
    this.closed = true;
    this.child?.kill();
    this.child = undefined;
    this.failAll(new Error('the hashing process was stopped'));
  }

  private run(job: Job): Promise<string | boolean> {
    if (this.closed) return Promise.reject(new Error('the hashing process was stopped'));
    const child = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.holdOpen(child, true);
      child.send({ id, ...job } satisfies HashRequest);
    });
  }

  /** The running child, started on first use and again after a crash. */
  private started(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(childEntry(), [], {
      // ELECTRON_RUN_AS_NODE: in the desktop app execPath is Electron's, which then runs as Node.
      env: { ...process.env, UV_THREADPOOL_SIZE: String(this.threads), ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    child.on('message', (answer: HashAnswer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if (!this.pending.size) this.holdOpen(child, false);
      if (answer.ok) waiting.resolve(answer.value);
      else waiting.reject(new Error(answer.error));
    });
    child.on('exit', () => {
      if (this.child === child) this.child = undefined;
      this.failAll(new Error('the hashing process ended'));
    });
    child.on('error', () => child.kill());
    this.holdOpen(child, false);
    this.child = child;
    return child;
  }

  /** An idle child must not keep the server's process from exiting; one with work in hand must. */
  private holdOpen(child: ChildProcess, busy: boolean): void {
    if (busy) {
      child.ref();
      child.channel?.ref();
    } else {
      child.unref();
      child.channel?.unref();
    }
  }

  private failAll(err: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }
}
