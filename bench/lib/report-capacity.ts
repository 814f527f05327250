import { table } from './md-table.ts';

// The capacity and scale sections of the bench report: idle connections, their memory, the idle
// CPU interval by interval, and (with --profile) what the idle server ran.

type Any = any;
const round = (v: number) => Math.round(v * 100) / 100;

export function capacitySection(title: string, cap: Any): string[] {
  if (!cap || cap.error) return [];
  const out = [title, ''];
  const files = cap.serverOpenFiles ? ` Server descriptors: ${cap.serverOpenFiles.empty} empty, ${cap.serverOpenFiles.connected} connected.` : '';
  const limit = cap.openFileLimit ? ` Open-file limit: ${cap.openFileLimit.soft} (hard ${cap.openFileLimit.hard}).` : '';
  const errors = cap.connectErrors?.length ? ` Connect errors: ${JSON.stringify(cap.connectErrors)}.` : '';
  out.push(`${cap.config.connections} clients from ${cap.config.generators} processes.${files}${limit}${errors}${cap.profiled ? ' **Profiled run: the CPU numbers include the profiler.**' : ''}`);
  out.push('');
  out.push(
    table(
      ['connected', 'still open after idle', 'connect s', 'connects/s', 'server CPU % while connecting', 'server MB written while connecting', 'RSS empty MB', 'RSS connected MB', 'KB/connection'],
      [[cap.connected, cap.stillOpenAfterIdle, round(cap.connectMs / 1000), cap.connectsPerSec, cap.serverCpuDuringConnect?.total, cap.serverMBWrittenDuringConnect, cap.rssEmptyMB, cap.rssConnectedMB, cap.perConnectionKB]],
    ),
  );
  out.push('');
  const windows: Any[] = cap.idleCpuByInterval ?? [];
  const rows: unknown[][] = [];
  if (cap.emptyServerIdleCpu) rows.push(['empty server, before anyone connected', cap.emptyServerIdleCpu.total, cap.emptyServerIdleCpu.user, cap.emptyServerIdleCpu.sys, '']);
  windows.forEach((w, i) => {
    const what = i === 0 && windows.length > 1 ? ' — after connecting: a ping each for the frames connecting sent' : '';
    rows.push([`connected, heartbeat interval ${i + 1} (${round(w.ms / 1000)} s)${what}`, w.total, w.user, w.sys, w.machineIrq ?? '']);
  });
  if (windows.length > 1) rows.push([`connected, all ${windows.length} intervals`, cap.idleCpu.total, cap.idleCpu.user, cap.idleCpu.sys, '']);
  if (rows.length) {
    out.push(table(['idle server CPU', '% of a core', 'user %', 'kernel %', 'whole machine, interrupts + softirq % (TCP keepalive probes run there)'], rows));
    out.push('');
  }
  for (const [what, p] of [['idle window', cap.idleProfile], ['connecting', cap.connectProfile]] as Array<[string, Any]>) {
    if (!p) continue;
    out.push(`Profile, ${what} (${p.file}): ${p.busyMs} ms busy of ${p.totalMs} ms.`);
    out.push('');
    out.push(table(['Function', 'Location', 'Self ms', '% of busy'], p.top.map((f: Any) => [`\`${f.function}\``, f.location, f.selfMs, f.pct])));
    out.push('');
  }
  return out;
}
