// The web client's first screen as served (issue 11's bench bar): JS/CSS bytes transferred with
// the encoding Chromium negotiates, response counts, and navigation → interactive room list, for a
// logged-in user with 20 rooms, from the real server in real Chromium (scenarios/web.ts).
//
//   tsx bench/first-screen.ts            → bench/results/first-screen.{json,md}
//   tsx bench/first-screen.ts --smoke    one load instead of five (→ results/first-screen-smoke.*)
//
// It is bench/run.ts --only=web, so the file has the harness's header (machine, load, commit).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, ROOT } from './lib/procs.ts';

const smoke = process.argv.includes('--smoke');
const out = smoke ? 'first-screen-smoke' : 'first-screen';
const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'run.ts'), '--only=web', `--out=${out}`, ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (run.status !== 0) process.exit(run.status ?? 1);

const result = JSON.parse(readFileSync(path.join(BENCH_DIR, 'results', `${out}.json`), 'utf8'));
const web = result.scenarios.web;
if (web.skipped || web.error) {
  console.log(`first screen: ${web.skipped ?? web.error}`);
  process.exit(web.error ? 1 : 0);
}
const k = web.firstScreen.byKind;
console.log('');
console.log(`first screen, as sent: JS ${k.js.encodedKB} KB in ${k.js.count} files (${k.js.encodings.join('/')}; ${k.js.decodedKB} KB decoded), CSS ${k.css.encodedKB} KB in ${k.css.count} (${k.css.encodings.join('/')}; ${k.css.decodedKB} KB decoded), HTML ${k.html.encodedKB} KB`);
console.log(`without brotli (gzip): JS ${web.firstScreen.gzipOnlyKB.js} KB, CSS ${web.firstScreen.gzipOnlyKB.css} KB`);
console.log(`navigation → interactive room list: median ${web.roomList.medianMs} ms (${web.roomList.runsMs.join(', ')}); opening a room ${web.openRoomMs} ms`);
console.log(`wrote bench/results/${out}.json and .md`);
