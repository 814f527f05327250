// One measurement window of a load generator: what it sent and received, latencies, its own CPU
// and event-loop delay.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Hist } from './hist.ts';
import { now } from './frame-scan.ts';
import type { WindowReport } from './generator-types.ts';

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

export class Window {
  readonly t0 = now();
  readonly cpu0 = process.cpuUsage();
  sends = 0;
  acks = 0;
  skipped = 0;
  deliveries = 0;
  readsSent = 0;
  readEvents = 0;
  otherFrames = 0;
  errors: Record<string, number> = {};
  closes: Record<string, number> = {};
  readonly latency = new Hist();
  readonly ackLatency = new Hist();

  constructor(readonly label: string) {
    loopDelay.reset();
  }

  report(): WindowReport {
    const cpu = process.cpuUsage(this.cpu0);
    return {
      label: this.label,
      ms: now() - this.t0,
      sends: this.sends,
      acks: this.acks,
      skipped: this.skipped,
      deliveries: this.deliveries,
      readsSent: this.readsSent,
      readEvents: this.readEvents,
      otherFrames: this.otherFrames,
      errors: this.errors,
      closes: this.closes,
      latency: this.latency.toSparse(),
      ackLatency: this.ackLatency.toSparse(),
      cpuMs: (cpu.user + cpu.system) / 1000,
      // The histogram records the 10 ms sampling interval itself: subtract it to get the stall.
      loopDelayP99Ms: loopDelay.count ? Math.max(0, loopDelay.percentile(99) / 1e6 - 10) : 0,
      loopDelayMaxMs: loopDelay.count ? Math.max(0, loopDelay.max / 1e6 - 10) : 0,
    };
  }
}

