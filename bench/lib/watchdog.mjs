// Preloaded (node --import) into every server process the harness starts, so that a server never
// outlives the harness: it stops itself when its parent goes away or when its time is up.
// Costs one 1 Hz timer, unref'd.
const parent = process.ppid;
const maxMs = Number(process.env.BENCH_MAX_LIFETIME_MS || 20 * 60_000);
const stop = () => {
  process.kill(process.pid, 'SIGTERM');
  setTimeout(() => process.exit(3), 5000).unref();
};
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 1000).unref();
setTimeout(stop, maxMs).unref();
