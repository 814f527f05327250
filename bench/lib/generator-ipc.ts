// How a load-generator process answers the harness: one command a message, one reply each, and a
// process that never outlives its harness or its lifetime limit.

export function serveIpc(handlers: Record<string, (args: any) => unknown>, beforeExit: () => void): void {
  process.on('message', async (msg: { id: number; cmd: string; args: unknown }) => {
    if (msg.cmd === 'exit') {
      beforeExit();
      process.exit(0);
    }
    const handler = handlers[msg.cmd];
    try {
      if (!handler) throw new Error(`unknown command ${msg.cmd}`);
      const result = await handler(msg.args);
      process.send!({ id: msg.id, ok: true, result });
    } catch (err) {
      process.send!({ id: msg.id, ok: false, error: (err as Error).stack ?? String(err) });
    }
  });
  // Bounded in time, and never an orphan.
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => process.exit(2), Number(process.env.BENCH_MAX_LIFETIME_MS || 15 * 60_000)).unref();
}
