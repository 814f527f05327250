import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { StatsHistory, StatsSample, StatsSnapshot } from '../protocol/manager.ts';
import { Ring } from './ring.ts';
import { databaseSize, folderSize } from './folder-size.ts';
import { diskSpace, isDiskLow, type DiskSpace } from './disk-space.ts';

/**
 * The event-loop monitor's timer period. Each tick wakes an idle server: at 10 ms (100 wakes a
 * second) that alone cost an empty server ~0.5 % of a core, more than 10,000 idle connections' whole
 * heartbeat. At 50 ms every stall longer than 50 ms is still caught (the tick due during it fires
 * late), and shorter ones are sampled.
 */
export const LOOP_RESOLUTION_MS = 50;

export interface StatsSources {
  connections: () => number;
  onlineUsers: () => number;
  /** The SQLite file, measured for the statistics; undefined for PostgreSQL (its size is the DBA's). */
  dbFile: string | undefined;
  uploadsDir: string;
  /** The data folder, whose disk's free space is reported. */
  dataDir: string;
  startedAt: number;
}

/**
 * Live server statistics: counters bumped on the hot paths (two integer increments), sampled once
 * a second into a five-minute ring, folded each minute into a one-hour ring.
 */
export class Stats {
  private messages = 0;
  private httpRequests = 0;
  private totalMessages = 0;
  private readonly seconds = new Ring<StatsSample>(300);
  private readonly minutes = new Ring<StatsSample>(60);
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  private lastCpu = process.cpuUsage();
  private lastAt = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private diskTimer: NodeJS.Timeout | undefined;
  private dbBytes = 0;
  private uploadsBytes = 0;
  private disk: DiskSpace = { freeBytes: 0, totalBytes: 0 };
  private minuteStart = Date.now();

  constructor(private readonly sources: StatsSources) {}

  countMessage(): void {
    this.messages++;
    this.totalMessages++;
  }

  countRequest(): void {
    this.httpRequests++;
  }

  start(): void {
    this.loop.enable();
    this.timer = setInterval(() => this.sample(), 1000);
    this.timer.unref();
    void this.measureDisk();
    this.diskTimer = setInterval(() => void this.measureDisk(), 10_000);
    this.diskTimer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    clearInterval(this.diskTimer);
    this.loop.disable();
  }

  private lastMemory = { rss: 0, heapUsed: 0 };

  /**
   * process.memoryUsage() opens /proc/self/stat for the RSS: with every descriptor taken (as many
   * sockets as the open-file limit allows) it throws EMFILE, which from this timer crashed the
   * server. Then the last reading stands.
   */
  private memory(): { rss: number; heapUsed: number } {
    try {
      this.lastMemory = process.memoryUsage();
    } catch {
      // EMFILE: keep the last reading.
    }
    return this.lastMemory;
  }

  /** Takes a one-second sample now (the timer calls this; tests may too). */
  sample(now = Date.now()): StatsSample {
    const cpu = process.cpuUsage(this.lastCpu);
    const elapsedMs = Math.max(1, now - this.lastAt);
    const mem = this.memory();
    const s: StatsSample = {
      t: now,
      connections: this.sources.connections(),
      onlineUsers: this.sources.onlineUsers(),
      messages: this.messages,
      httpRequests: this.httpRequests,
      cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / elapsedMs) * 1000) / 10,
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      // The monitor records whole intervals between its ticks; the delay is what lies beyond one.
      eventLoopDelayMs: Math.max(0, Math.round((this.loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS) * 100) / 100),
    };
    this.messages = 0;
    this.httpRequests = 0;
    this.lastCpu = process.cpuUsage();
    this.lastAt = now;
    this.loop.reset();
    this.seconds.push(s);
    if (now - this.minuteStart >= 60_000) this.foldMinute(now);
    return s;
  }

  snapshot(now = Date.now()): StatsSnapshot {
    const lastMinute = this.seconds.toArray().filter((s) => s.t > now - 60_000);
    const latest = lastMinute.at(-1) ?? this.sample(now);
    return {
      now: latest,
      messagesPerMinute: lastMinute.reduce((a, s) => a + s.messages, 0) + this.messages,
      httpRequestsPerMinute: lastMinute.reduce((a, s) => a + s.httpRequests, 0) + this.httpRequests,
      uptimeSec: Math.round((now - this.sources.startedAt) / 1000),
      dbBytes: this.dbBytes,
      uploadsBytes: this.uploadsBytes,
      totalMessagesSinceStart: this.totalMessages,
      diskFreeBytes: this.disk.freeBytes,
      diskTotalBytes: this.disk.totalBytes,
      diskLow: isDiskLow(this.disk),
    };
  }

  history(): StatsHistory {
    return { seconds: this.seconds.toArray(), minutes: this.minutes.toArray() };
  }

  private foldMinute(now: number): void {
    const within = this.seconds.toArray().filter((s) => s.t > this.minuteStart && s.t <= now);
    this.minuteStart = now;
    if (within.length === 0) return;
    const sum = (k: keyof StatsSample) => within.reduce((a, s) => a + s[k], 0);
    const max = (k: keyof StatsSample) => Math.max(...within.map((s) => s[k]));
    const last = within.at(-1)!;
    this.minutes.push({
      t: now,
      connections: last.connections,
      onlineUsers: last.onlineUsers,
      messages: sum('messages'),
      httpRequests: sum('httpRequests'),
      cpuPercent: Math.round((sum('cpuPercent') / within.length) * 10) / 10,
      rssBytes: last.rssBytes,
      heapUsedBytes: last.heapUsedBytes,
      eventLoopDelayMs: max('eventLoopDelayMs'),
    });
  }

  /** Measures the disk now (a timer does this every 10 s; tests may too). */
  async measureDisk(): Promise<void> {
    this.disk = await diskSpace(this.sources.dataDir);
    this.dbBytes = this.sources.dbFile === undefined ? 0 : await databaseSize(this.sources.dbFile);
    this.uploadsBytes = await folderSize(this.sources.uploadsDir);
  }
}
