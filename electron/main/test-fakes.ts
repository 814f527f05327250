import type { ShellToServer } from '../shared/server-messages.ts';
import type { Clock, ServerChild } from './supervisor.ts';

// Stand-ins for the parts that need a running Electron (the utility process) and for time.

export class FakeChild implements ServerChild {
  readonly sent: ShellToServer[] = [];
  killed = false;
  private messageListeners: Array<(data: unknown) => void> = [];
  private exitListeners: Array<(code: number) => void> = [];
  private outputListeners: Array<(text: string) => void> = [];

  send(message: ShellToServer): void {
    this.sent.push(structuredClone(message));
  }
  kill(): void {
    this.killed = true;
  }
  onMessage(listener: (data: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number) => void): void {
    this.exitListeners.push(listener);
  }
  onOutput(listener: (text: string) => void): void {
    this.outputListeners.push(listener);
  }

  /** The server side of the conversation. */
  post(data: unknown): void {
    for (const l of this.messageListeners) l(structuredClone(data));
  }
  ready(): void {
    this.post({ type: 'ready', protocol: 1, version: '0.1.0' });
  }
  running(https = false, port = 5000): void {
    this.post({ type: 'state', running: true, https, url: `${https ? 'https' : 'http'}://localhost:${port}`, port });
  }
  stderr(text: string): void {
    for (const l of this.outputListeners) l(text);
  }
  exit(code: number): void {
    for (const l of this.exitListeners) l(code);
  }
}

export class FakeClock implements Clock {
  private time = 1_000_000;
  private nextId = 1;
  private timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }
  /** Move time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}
