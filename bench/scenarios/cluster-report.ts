// The cluster scenario's section of the Markdown report (bench/lib/report.ts).
import { fanoutMarkdown } from '../cluster/fanout.ts';

type Any = any;

const row = (cells: unknown[]) => `| ${cells.map((c) => (c === undefined || c === null ? '–' : String(c))).join(' | ')} |`;

export function clusterMarkdown(c: Any): string[] {
  if (!c) return [];
  if (c.skipped) return ['## Cluster (issue 15)', '', `skipped: ${c.skipped}`, ''];
  if (!c.day) return [];
  const cfg = c.config;
  const out = [
    '## Cluster (issue 15): the company day on three back ends, every client through nginx',
    '',
    `${cfg.clients} clients, ${cfg.rooms} rooms of ${cfg.minMembers}–${cfg.maxMembers} members, ${cfg.userRate * 10 * 100} % of users sending every 10 s (Poisson), a busy ${cfg.busyMembers}-member room at ${cfg.busyRate} msg/s, ${cfg.readFraction * 100} % reporting reads; ${cfg.steadyMs / 1000} s measured. Placement: ${c.placement}. CPU from /proc (utime + stime) over the measured window; PostgreSQL = the backends serving this database.`,
    '',
    row(['set-up', 'deliveries/s', 'p50 ms', 'p99 ms', 'ack p99 ms', 'nodes µs/delivery', 'PostgreSQL µs', 'Redis µs', 'back end µs', 'nginx µs', 'missing', 'twice', 'after a higher seq']),
    row(Array(13).fill('---')),
  ];
  for (const d of Object.values(c.day) as Any[]) {
    const u = d.cpuUsPerDelivery;
    out.push(row([d.setup, d.deliveriesPerSec, d.latency.p50, d.latency.p99, d.ackLatency.p99, u.nodes, u.postgres, u.redis, u.backend, u.nginx, d.accounting.missing, d.accounting.duplicates, d.accounting.outOfOrder]));
  }
  out.push('', `Bus overhead (2 nodes − 1 node on PostgreSQL), CPU per delivery: nodes ${c.busOverhead.nodesUsPerDelivery ?? '–'} µs, back end ${c.busOverhead.backendUsPerDelivery ?? '–'} µs.`, '');
  if (c.fanout) out.push(...fanoutMarkdown(c.fanout).replace(/^# /, '### ').split('\n'));
  return out;
}
