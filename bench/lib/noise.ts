import { spawn } from 'node:child_process';

// How noisy is the machine right now? A tiny process per core does nothing but a 10 ms timer and
// reports how late it fires. On a quiet machine the worst lateness is ~1 ms; tens of milliseconds
// mean other work (or the hypervisor) holds the core, and every latency number of the run inherits that.

const PROBE = `
let last = Date.now(), worst = 0, late = 0, n = 0;
const iv = setInterval(() => { const now = Date.now(); const d = now - last - 10; last = now; n++; if (d > worst) worst = d; if (d > 20) late++; }, 10);
setTimeout(() => { clearInterval(iv); process.stdout.write(JSON.stringify({ worstMs: worst, over20ms: late, ticks: n })); }, Number(process.argv[1]));
`;

export interface Noise {
  core: number | 'any';
  worstMs: number;
  over20ms: number;
  ticks: number;
}

export async function probeNoise(ms: number, pinned: boolean): Promise<Noise[]> {
  const cores: Array<number | 'any'> = pinned ? [0, 1] : ['any'];
  return Promise.all(
    cores.map(
      (core) =>
        new Promise<Noise>((resolve) => {
          const args = ['-e', PROBE, String(ms)];
          const child = core === 'any' ? spawn(process.execPath, args) : spawn('taskset', ['-c', String(core), process.execPath, ...args]);
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          const timer = setTimeout(() => child.kill('SIGKILL'), ms + 10_000);
          child.on('close', () => {
            clearTimeout(timer);
            try {
              resolve({ core, ...(JSON.parse(out) as Omit<Noise, 'core'>) });
            } catch {
              resolve({ core, worstMs: NaN, over20ms: NaN, ticks: 0 });
            }
          });
        }),
    ),
  );
}
