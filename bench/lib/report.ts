import { capacitySection } from './report-capacity.ts';
import { fmt, table } from './md-table.ts';
import type { Bar } from './context.ts';
import { clusterMarkdown } from '../scenarios/cluster-report.ts';
import { fanoutSection } from './report-fanout.ts';

// latest.md: the bars first, then one section per scenario.

type Any = any;

const met = (b: Bar) => (b.target === '(reported)' ? '–' : b.met ? '✅ met' : '❌ not met');

export function markdown(r: Any): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`# Sotong benchmark (${r.mode})`);
  out.push('');
  out.push(`- **Date:** ${r.date} (took ${r.durationSec} s)`);
  out.push(`- **Machine:** ${m.cpuModel}, ${m.cores} cores (${m.availableCores} available), ${fmt(m.ramMB)} MB RAM, ${m.kernel}`);
  out.push(`- **Node:** ${m.node}; open files ${m.openFileLimit}; ephemeral ports ${m.ephemeralPorts}`);
  out.push(`- **Load average:** ${m.loadAverageAtStart.join(' / ')} at start, ${r.loadAverageAtEnd.join(' / ')} at end (1/5/15 min)${r.notes.length ? '' : ''}`);
  if (r.tree) {
    const dirty = r.tree.uncommittedServerFiles.length ? ` + uncommitted changes in ${r.tree.uncommittedServerFiles.join(', ')}` : '';
    out.push(`- **Server measured:** ${r.serverUnderTest}, at commit ${r.tree.commit}${dirty}`);
  }
  out.push(`- **Pinning:** ${r.pinning.note}`);
  if (r.schedulingNoiseAtStart) {
    out.push(
      `- **Scheduling noise at start** (a 10 ms timer's worst lateness; ~1 ms on a quiet machine): ${r.schedulingNoiseAtStart.map((n: Any) => `core ${n.core} ${n.worstMs} ms (${n.over20ms} ticks > 20 ms late)`).join(', ')}`,
    );
  }
  const during = Object.entries<Any>(r.scenarios).filter(([, v]) => v?.machineDuring);
  if (during.length) {
    out.push(`- **Machine during each scenario** (all processes, ours included): ${during.map(([k, v]) => `${k} ${v.machineDuring.busyPct}% busy, ${v.machineDuring.stealPct}% steal, load ${v.machineDuring.loadAverageStart}→${v.machineDuring.loadAverageEnd}`).join('; ')}`);
  }
  for (const note of r.notes) out.push(`- ${note}`);
  out.push('');
  out.push('## Bars');
  out.push('');
  out.push(table(['Scenario', 'Measure', 'Value', 'Bar', 'Result'], r.bars.map((b: Any) => [b.scenario, b.name, `${fmt(b.value)} ${b.unit}`, b.target, met(b)])));
  out.push('');

  const s = r.scenarios;
  for (const [name, value] of Object.entries<Any>(s)) {
    if (value?.error) {
      out.push(`## ${name}: harness error`, '', '```', value.error, '```', '');
    }
  }

  const fan = s.fanout;
  if (fan && !fan.error) out.push(...fanoutSection(fan));

  const days: Array<[string, Any]> = [['## 2. Realistic company day', s.realistic ?? s.storm], ['## 6b. Scale: a company day of 5,000 clients', s['scale-day']]];
  for (const [title, day] of days) {
    if (!day || day.error) continue;
    const d = day.steady;
    out.push(title);
    out.push('');
    out.push(
      `${fmt(day.config.clients)} connected clients (connected in ${fmt(day.connectMs)} ms), ${day.rooms.count} rooms (${fmt(day.rooms.memberships)} memberships), 1% of users sending every 10 s plus a ${day.rooms.busyRoomMembers}-member room at ${day.config.busyRate} msg/s, ${day.config.readFraction * 100}% of clients reporting reads. Measured for ${d.seconds} s.`,
    );
    out.push('');
    out.push(
      table(
        ['msgs/s', 'deliveries/s', 'reads/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'ack p99 ms', 'server CPU %', 'server loop stall (worst 1-s p99) ms', 'gen loop stall max ms', 'server RSS MB', 'errors'],
        [[d.sendsPerSec, d.deliveriesPerSec, d.readsSentPerSec, d.latency.p50, d.latency.p90, d.latency.p99, d.latency.max, d.ackLatency.p99, d.serverCpuPct, d.serverLoopDelay?.loopDelayP99MaxMs, d.generatorLoopDelayMaxMs, d.serverRssMB, JSON.stringify(d.errors)]],
      ),
    );
    out.push('');
    if (d.thirds) {
      out.push(
        table(
          ['window (thirds)', 'deliveries', 'p50 ms', 'p99 ms', 'max ms', 'server loop stall (worst 1-s p99) ms', 'gen loop stall max ms'],
          d.thirds.map((t: Any) => [t.window, t.deliveries, t.latency.p50, t.latency.p99, t.latency.max, t.serverLoopStall?.loopDelayP99MaxMs, t.generatorLoopStallMaxMs]),
        ),
      );
      out.push('');
    }
    if (day.storm) {
      const st = day.storm;
      out.push('## 5. Login storm during the day');
      out.push('');
      out.push(
        `${st.logins} logins fired at once. The server runs a capped number of argon2id hashes at once (two, or the available cores − 1) and queues 256; the rest get 503 SERVER_BUSY and retry with exponential backoff (250 ms × 2ⁿ, jittered). One argon2id verify, timed in the harness, takes ${st.argon2VerifyMs} ms; with the server pinned to one core that suggests ≈ ${st.argon2AllowsPerSec} logins/s (a rough yardstick: the harness's core is not the server's).`,
      );
      out.push('');
      out.push(
        table(
          ['ok', 'gave up', '503 answers', 'attempts', 'total s', 'logins/s', 'login p50 ms', 'login p99 ms', 'msg p50 ms', 'msg p99 ms', 'server loop stall median / worst (1-s p99) ms', 'server CPU %', 'RSS before → peak → after MB'],
          [[st.ok, st.gaveUp, st.busy503, st.attempts, round(st.totalMs / 1000), st.loginsPerSec, st.loginLatency.p50, st.loginLatency.p99, st.messagesDuringStorm.latency.p50, st.messagesDuringStorm.latency.p99, st.serverLoopDelay ? `${st.serverLoopDelay.loopDelayP99MedianMs} / ${st.serverLoopDelay.loopDelayP99MaxMs}` : '–', st.serverCpuPct, `${st.rssBeforeMB} → ${st.rssPeakMB} → ${st.rssAfterMB}`]],
        ),
      );
      out.push('');
    }
  }

  out.push(...capacitySection('## 3. Capacity: idle authenticated connections', s.capacity));
  out.push(...capacitySection('## 6a. Scale: the configured maximum of connections', s.scale));

  const hist = s.history ?? s.startup;
  if (hist && !hist.error) {
    out.push(`## 4. History: ${fmt(hist.seededMessages)} messages in ${fmt(hist.config.rooms)} rooms (${hist.dbMB} MB database, seeded in ${round(hist.seedMs / 1000)} s)`);
    out.push('');
    if (hist.quiet) {
      const row = (name: string, x: Any) => [name, x.first.p50, x.first.p99, x.first.max, x.deep.p50, x.deep.p99, x.deep.max];
      out.push(
        table(['', 'first page p50 ms', 'first p99 ms', 'first max ms', 'deep page p50 ms', 'deep p99 ms', 'deep max ms'], [row('quiet', hist.quiet), row(`while writing ${hist.underWrites.writesPerSec} msg/s`, hist.underWrites)]),
      );
      out.push('');
    }
    if (hist.startup) {
      out.push('## 6. Start-up with the seeded database');
      out.push('');
      out.push(table(['runs (ms)', 'median ms', 'worst ms'], [[hist.startup.runsMs.join(', '), hist.startup.medianMs, hist.startup.maxMs]]));
      out.push('');
    }
  }

  const q = s.search;
  if (q && !q.error) {
    out.push(`## 7. Search: ${fmt(q.seededMessages)} messages in ${fmt(q.config.rooms)} rooms (${q.dbMB} MB database with its index, seeded in ${round(q.seedMs / 1000)} s)`);
    out.push('');
    const words = Object.keys(q.newestFirst);
    const cells = (x: Any) => (x ? [x.p50, x.p99, x.max] : ['–', '–', '–']);
    const row = (name: string, group: Any) => [name, ...words.flatMap((word) => cells(group[word]))];
    out.push(
      table(
        ['newest first, 20 a page', ...words.flatMap((word) => [`${word} p50 ms`, 'p99', 'max'])],
        [
          row(`member of all ${q.config.rooms} rooms`, q.newestFirst),
          row(`member of ${q.memberOfFewRooms.rooms} rooms`, q.memberOfFewRooms),
          row('within one room', q.inOneRoom),
          row('a page far back (before=random id)', q.deepPages),
        ],
      ),
    );
    out.push('');
    out.push(`Messages the index matches: ${words.map((word) => `${word} ${fmt(q.matchCounts[word])}`).join(', ')}.`);
    out.push(`Index: ${fmt(q.index.bytes)} bytes (${q.index.mb} MB) = ${q.index.pctOfDb}% of the database file, ${q.index.pctOfMessageRows}% of the message rows and their index.`);
    const ins = q.insertCost;
    out.push(`Storing texts (${fmt(ins.messages)} through the message store, ${ins.perCommit} per commit): ${fmt(ins.withIndexPerSec)} msg/s with the index, ${fmt(ins.withoutIndexPerSec)} without — ${ins.costPct}% slower.`);
    out.push('');
  }

  const w = s.web;
  if (w && !w.error) {
    out.push('## Web client');
    out.push('');
    if (w.skipped) out.push(`Skipped: ${w.skipped}`);
    const f = w.firstScreen;
    if (f) {
      out.push(
        table(
          ['first screen, as sent', 'responses', 'transferred KB', 'decoded KB', 'encoding'],
          Object.entries(f.byKind as Record<string, Any>)
            .filter(([, k]) => k.count > 0)
            .map(([kind, k]) => [kind, k.count, k.encodedKB, k.decodedKB, k.encodings.join(', ')]),
        ),
      );
      out.push('');
      out.push(`For a browser that offers no brotli (gzip, deflate) the same files are JS ${f.gzipOnlyKB.js} KB, CSS ${f.gzipOnlyKB.css} KB, HTML ${f.gzipOnlyKB.html} KB.`);
      out.push('');
      out.push(table(['file', 'status', 'encoding', 'transferred B', 'decoded B'], (f.transfers as Any[]).map((t) => [t.path, t.status, t.encoding, t.encodedBytes, t.decodedBytes])));
      out.push('');
    }
    if (w.roomList?.runsMs) out.push(`Navigation → interactive room list (fresh browser context each time, ${w.roomItemsShown} rooms): ${w.roomList.runsMs.join(', ')} ms; median ${w.roomList.medianMs} ms.`);
    if (w.openRoomMs !== undefined) out.push(`Then opening the first room until its messages show: ${w.openRoomMs} ms; JS/CSS fetched for it: ${w.openRoomLoadedJsCss.length ? w.openRoomLoadedJsCss.join(', ') : 'none'}.`);
    out.push('');
  }
  out.push(...clusterMarkdown(s.cluster));
  return out.join('\n') + '\n';
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
