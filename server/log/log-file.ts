import { closeSync, fstatSync, openSync, renameSync, write, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

// The log file (logs/sotong.log), written the way a bad day needs:
// - it never throws and never emits an error, so a full disk cannot crash the server through it;
// - while a write fails (ENOSPC, or anything else) lines are dropped and counted; it retries after
//   1 s, then less often up to every 10 s, reopening the file (an admin may have moved or deleted
//   it to free space); the first line that gets through says how many were dropped;
// - lines waiting for a slow disk are capped, so memory cannot grow without bound either;
// - at exit it tries once to write what is still queued and gives up on any error: exiting is
//   never blocked (pino's own file destination retries that write forever on ENOSPC);
// - it rotates by size: sotong.log → sotong.1.log → … → sotong.<files-1>.log, the oldest deleted.
//   The current file keeps its name, which the manager console and the desktop app read.

/** The file-system calls used, so tests can make the disk fail and recover. */
export interface LogFs {
  /** Opens for appending, creating the file if needed. */
  open(file: string): number;
  size(fd: number): number;
  write(fd: number, data: Buffer, done: (err: NodeJS.ErrnoException | null, written: number) => void): void;
  writeSync(fd: number, data: Buffer): number;
  close(fd: number): void;
  rename(from: string, to: string): void;
}

export const nodeLogFs: LogFs = {
  open: (file) => openSync(file, 'a'),
  size: (fd) => fstatSync(fd).size,
  write: (fd, data, done) => write(fd, data, 0, data.length, null, (err, n) => done(err, n)),
  writeSync: (fd, data) => writeSync(fd, data),
  close: (fd) => closeSync(fd),
  rename: (from, to) => renameSync(from, to),
};

export interface LogFileOptions {
  /** A file reaching this size is rotated before the next write. */
  maxBytes?: number;
  /** Files kept, the current one included. */
  files?: number;
  firstRetryMs?: number;
  retryMs?: number;
  /** Queued bytes beyond which new lines are dropped (and counted) until the disk catches up. */
  maxQueuedBytes?: number;
  fs?: LogFs;
}

const DEFAULTS = { maxBytes: 10 * 1024 * 1024, files: 5, firstRetryMs: 1_000, retryMs: 10_000, maxQueuedBytes: 1024 * 1024 };

/** Logs still open at exit get one synchronous attempt to write what they hold. */
const openLogs = new Set<LogFile>();
let exitHookInstalled = false;

export class LogFile {
  private readonly options: Required<Omit<LogFileOptions, 'fs'>>;
  private readonly fs: LogFs;
  private fd: number | null = null;
  private size = 0;
  private queue: string[] = [];
  private queuedBytes = 0;
  private writing = false;
  private endsWithNewline = true;
  /** The error code while writes fail; null when the log is healthy. */
  private failing: string | null = null;
  private droppedLines = 0;
  private retryDelay: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private rotateBlockedUntil = 0;
  private closed = false;
  private closing = false;
  private idle: Array<() => void> = [];

  constructor(
    readonly file: string,
    options: LogFileOptions = {},
  ) {
    const { fs = nodeLogFs, ...rest } = options;
    this.options = { ...DEFAULTS, ...rest };
    this.fs = fs;
    this.retryDelay = this.options.firstRetryMs;
    if (!this.reopen()) this.fail(this.failing ?? 'EIO', 0);
    openLogs.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on('exit', () => {
        for (const log of openLogs) log.flushSync();
      });
    }
  }

  /** Lines dropped since the log last worked (0 while healthy). */
  get dropped(): number {
    return this.droppedLines;
  }

  /** True while writes fail and lines are being dropped. */
  get degraded(): boolean {
    return this.failing !== null;
  }

  /** pino calls this with one serialized line (newline included). Never throws. */
  write(line: string): boolean {
    if (this.closed) return true;
    if (this.failing !== null || this.queuedBytes >= this.options.maxQueuedBytes) {
      this.droppedLines++;
      return true;
    }
    this.queue.push(line);
    this.queuedBytes += line.length;
    this.flush();
    return true;
  }

  /** One synchronous attempt at what is queued; stops at the first error. For exit. */
  flushSync(): void {
    if (this.closed || this.fd === null || this.failing !== null || this.queue.length === 0) return;
    const data = this.take().data;
    let offset = 0;
    // Bounded: a disk that takes a few bytes at a time must not hold the process either.
    for (let i = 0; i < 16 && offset < data.length; i++) {
      try {
        const n = this.fs.writeSync(this.fd, data.subarray(offset));
        if (n <= 0) break;
        offset += n;
      } catch {
        break;
      }
    }
  }

  /** Waits for a write in flight, writes what is queued (once), closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    // No new asynchronous write from here on: what is queued goes out synchronously below.
    this.closing = true;
    while (this.writing) await new Promise<void>((resolve) => this.idle.push(resolve));
    this.flushSync();
    this.closed = true;
    openLogs.delete(this);
    clearTimeout(this.retryTimer);
    this.closeFd();
  }

  private take(): { data: Buffer; lines: number } {
    const data = Buffer.from(this.queue.join(''));
    const lines = this.queue.length;
    this.queue = [];
    this.queuedBytes = 0;
    return { data, lines };
  }

  private flush(): void {
    if (this.writing || this.closing || this.closed || this.failing !== null || this.queue.length === 0) return;
    if (this.size > 0 && this.size + this.queuedBytes > this.options.maxBytes && Date.now() >= this.rotateBlockedUntil) this.rotate();
    if (this.fd === null) return this.fail(this.failing ?? 'EBADF', this.take().lines);
    this.writing = true;
    this.writeOut(this.fd, this.take().data);
  }

  private writeOut(fd: number, data: Buffer): void {
    this.fs.write(fd, data, (err, n) => {
      if (!err && n > 0) {
        this.size += n;
        this.endsWithNewline = data[n - 1] === 0x0a;
        if (n < data.length) return this.writeOut(fd, data.subarray(n));
      }
      this.writing = false;
      if (err || n <= 0) this.fail(err?.code ?? 'EIO', countLines(data));
      for (const resolve of this.idle.splice(0)) resolve();
      this.flush();
    });
  }

  /** Drops the lines that did not make it, and everything queued, and schedules a retry. */
  private fail(code: string, lostLines: number): void {
    this.droppedLines += lostLines + this.take().lines;
    if (this.failing === null) this.retryDelay = this.options.firstRetryMs;
    this.failing = code;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.retry(), this.retryDelay);
    this.retryTimer.unref();
    this.retryDelay = Math.min(this.retryDelay * 2, this.options.retryMs);
  }

  private retry(): void {
    if (this.closed || this.failing === null) return;
    if (this.writing) return this.scheduleRetry();
    if (!this.reopen()) return this.scheduleRetry();
    const note = Buffer.from((this.endsWithNewline ? '' : '\n') + droppedLine(this.droppedLines, this.failing));
    try {
      // Synchronous and small: the count cannot change underneath it.
      const n = this.fs.writeSync(this.fd!, note);
      if (n > 0) {
        this.size += n;
        this.endsWithNewline = note[n - 1] === 0x0a;
      }
      if (n < note.length) return this.scheduleRetry();
    } catch {
      return this.scheduleRetry();
    }
    this.failing = null;
    this.droppedLines = 0;
  }

  /** (Re)opens the file; false (with `failing` set) when it cannot be opened. */
  private reopen(): boolean {
    this.closeFd();
    try {
      this.fd = this.fs.open(this.file);
      this.size = this.fs.size(this.fd);
      return true;
    } catch (err) {
      this.failing = (err as NodeJS.ErrnoException).code ?? 'EIO';
      this.fd = null;
      return false;
    }
  }

  private closeFd(): void {
    if (this.fd === null) return;
    try {
      this.fs.close(this.fd);
    } catch {
      // Already gone: nothing to keep.
    }
    this.fd = null;
  }

  private rotate(): void {
    this.closeFd();
    try {
      for (let i = this.options.files - 1; i >= 1; i--) {
        try {
          this.fs.rename(rotatedName(this.file, i - 1), rotatedName(this.file, i));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      }
    } catch {
      // Windows refuses to rename a file another program holds open: keep writing, try later.
      this.rotateBlockedUntil = Date.now() + this.options.retryMs;
    }
    this.reopen();
  }
}

/** sotong.log for 0, sotong.1.log, sotong.2.log… after it. */
export function rotatedName(file: string, index: number): string {
  if (index === 0) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${index}${ext}`;
}

function countLines(data: Buffer): number {
  let n = 0;
  for (const byte of data) if (byte === 0x0a) n++;
  return Math.max(n, data.length > 0 ? 1 : 0);
}

/** The line saying what the log is missing, in pino's shape so every reader understands it. */
function droppedLine(dropped: number, reason: string): string {
  const msg = `${dropped} log lines were dropped while the log could not be written (${reason})`;
  return `${JSON.stringify({ level: 40, time: Date.now(), pid: process.pid, hostname: hostname(), dropped, reason, msg })}\n`;
}
