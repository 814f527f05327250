import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

/**
 * Two network namespaces joined by a veth pair (10.201.0.1 ↔ 10.201.0.2): a private link where
 * multicast goes nowhere near the machine's own LAN. Needs root and `ip netns`.
 */
export interface NetnsPair {
  server: { ns: string; address: string };
  client: { ns: string; address: string };
  /** Runs `node --import tsx <script> ...args` inside a namespace. */
  spawnIn(ns: string, script: string, args: string[]): ChildProcess;
  /** Takes the client's end of the link down: its packets stop, nothing says goodbye (a closed laptop, a lost Wi-Fi). */
  cutClient(): void;
  remove(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** Why the namespaces cannot be made here, or null when they can. */
export function netnsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root to create network namespaces';
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
    return null;
  } catch {
    return '`ip netns` is not available';
  }
}

export function createNetnsPair(tag = String(process.pid)): NetnsPair {
  const a = `sotong-srv-${tag}`;
  const b = `sotong-cli-${tag}`;
  const vethA = `sta${tag}`.slice(0, 15);
  const vethB = `stb${tag}`.slice(0, 15);
  const pair: NetnsPair = {
    server: { ns: a, address: '10.201.0.1' },
    client: { ns: b, address: '10.201.0.2' },
    spawnIn(ns, script, args) {
      return spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', script, ...args], {
        cwd: process.cwd(),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    },
    cutClient() {
      ip('-n', b, 'link', 'set', vethB, 'down');
    },
    remove() {
      for (const ns of [a, b]) {
        try {
          ip('netns', 'delete', ns); // takes its end of the veth pair with it
        } catch {
          // not there (setup failed early)
        }
      }
    },
  };
  try {
    ip('netns', 'add', a);
    ip('netns', 'add', b);
    ip('link', 'add', vethA, 'type', 'veth', 'peer', 'name', vethB);
    ip('link', 'set', vethA, 'netns', a);
    ip('link', 'set', vethB, 'netns', b);
    for (const [ns, dev, addr] of [[a, vethA, pair.server.address], [b, vethB, pair.client.address]] as const) {
      ip('-n', ns, 'addr', 'add', `${addr}/24`, 'dev', dev);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'link', 'set', dev, 'up');
      ip('-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', dev);
    }
  } catch (err) {
    pair.remove();
    throw err;
  }
  return pair;
}
