import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  availableCores: number;
  ramMB: number;
  node: string;
  kernel: string;
  loadAverageAtStart: number[];
  openFileLimit: string;
  ephemeralPorts: string;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

export function machine(): Machine {
  const limits = read('/proc/self/limits');
  const nofile = /Max open files\s+(\S+)\s+(\S+)/.exec(limits);
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    availableCores: os.availableParallelism(),
    ramMB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
    openFileLimit: nofile ? `${nofile[1]} (hard ${nofile[2]})` : 'unknown',
    ephemeralPorts: read('/proc/sys/net/ipv4/ip_local_port_range').replace(/\s+/g, '–'),
  };
}

/** Whole-machine CPU counters from /proc/stat (jiffies). */
export function cpuTimes(): { busy: number; idle: number; steal: number; total: number } {
  const line = read('/proc/stat').split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = v;
  const busy = user + nice + system + irq + softirq;
  return { busy, idle: idle + iowait, steal, total: busy + idle + iowait + steal };
}

/** Machine-wide busy and steal percentages between two cpuTimes() readings. */
export function cpuShare(a: ReturnType<typeof cpuTimes>, b: ReturnType<typeof cpuTimes>): { busyPct: number; stealPct: number } {
  const total = Math.max(1, b.total - a.total);
  return { busyPct: Math.round((1000 * (b.busy - a.busy)) / total) / 10, stealPct: Math.round((1000 * (b.steal - a.steal)) / total) / 10 };
}
